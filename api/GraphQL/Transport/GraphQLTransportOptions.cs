namespace Civic.Api.GraphQL.Transport;

/// <summary>Limits and switches of the GraphQL-over-HTTP transport, bound from the <c>GraphQL</c> section.</summary>
public sealed class GraphQLTransportOptions
{
    public const string SectionName = "GraphQL";

    /// <summary>Deepest field nesting a document may reach.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Highest complexity (GraphQL.NET's complexity analyzer) a document may reach.</summary>
    public int MaxComplexity { get; set; } = 10_000;

    /// <summary>Most aliased fields a document may contain.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Largest POST body accepted; larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Whether <c>__schema</c> and <c>__type</c> may be queried.</summary>
    public bool Introspection { get; set; } = true;

    /// <summary>
    /// Whether unexpected exceptions are shown (message and stack trace) to clients. Honoured only
    /// when the host environment is Development.
    /// </summary>
    public bool ExposeExceptions { get; set; }
}
