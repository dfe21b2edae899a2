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

    /// <summary>
    /// Largest POST body accepted; larger ones get 413. Variables may be large (imports carry whole
    /// files), the document itself is bounded by <see cref="MaxDocumentLength"/>.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest GraphQL document (the <c>query</c> text, in UTF-16 characters); longer ones get 400 <c>DOCUMENT_TOO_LARGE</c>.</summary>
    public int MaxDocumentLength { get; set; } = 16 * 1024;

    /// <summary>Most lexical tokens (names, punctuators, values, comments) a document may hold, counted before parsing.</summary>
    public int MaxTokens { get; set; } = 2_000;

    /// <summary>Most fields a document may select, counting each fragment as often as it is spread.</summary>
    public int MaxFields { get; set; } = 500;

    /// <summary>
    /// Deepest nesting the parser accepts (in syntax tree nodes), and the deepest nesting of selection
    /// sets and fragment spreads; <see cref="MaxDepth"/> bounds field depth on top of it.
    /// </summary>
    public int MaxNesting { get; set; } = 64;

    /// <summary>Deepest JSON nesting of a request body or a GET <c>variables</c>/<c>extensions</c> parameter.</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Whether <c>__schema</c> and <c>__type</c> may be queried.</summary>
    public bool Introspection { get; set; } = true;

    /// <summary>
    /// Whether unexpected exceptions are shown (message and stack trace) to clients. Honoured only
    /// when the host environment is Development.
    /// </summary>
    public bool ExposeExceptions { get; set; }
}
