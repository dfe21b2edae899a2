using Civic.Api.Errors;
using Civic.Api.Live;
using GraphQL;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Civic.Api.GraphQL.Transport;

/// <summary>Registration and mapping of the GraphQL-over-HTTP endpoint.</summary>
public static class GraphQLHttpEndpoint
{
    /// <summary>
    /// Registers GraphQL.NET's executer, document builder and validator, the System.Text.Json
    /// <see cref="IGraphQLSerializer"/>/<see cref="IGraphQLTextSerializer"/> (non-ASCII text written as
    /// UTF-8, see <see cref="ErrorStatus.Encoder"/>), the error masking
    /// <see cref="CivicErrorInfoProvider"/> and the transport, with its limits bound from the
    /// <c>GraphQL</c> configuration section. The <see cref="global::GraphQL.Types.ISchema"/> is
    /// registered elsewhere, as a singleton.
    /// </summary>
    public static IServiceCollection AddGraphQLTransport(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);

        services.AddOptions<GraphQLTransportOptions>()
            .Bind(config.GetSection(GraphQLTransportOptions.SectionName))
            .Validate(o => o.MaxDepth > 0, "GraphQL:MaxDepth must be positive.")
            .Validate(o => o.MaxComplexity > 0, "GraphQL:MaxComplexity must be positive.")
            .Validate(o => o.MaxAliases >= 0, "GraphQL:MaxAliases must not be negative.")
            .Validate(o => o.MaxBodyBytes > 0, "GraphQL:MaxBodyBytes must be positive.")
            .Validate(o => o.MaxDocumentLength > 0, "GraphQL:MaxDocumentLength must be positive.")
            .Validate(o => o.MaxTokens > 0, "GraphQL:MaxTokens must be positive.")
            .Validate(o => o.MaxFields > 0, "GraphQL:MaxFields must be positive.")
            .Validate(o => o.MaxNesting > 0, "GraphQL:MaxNesting must be positive.")
            .Validate(o => o.MaxJsonDepth > 0, "GraphQL:MaxJsonDepth must be positive.")
            .ValidateOnStart();

        services.AddGraphQL(builder => builder
            .AddSystemTextJson(json => json.Encoder = ErrorStatus.Encoder)
            .AddErrorInfoProvider<CivicErrorInfoProvider>());

        services.AddLiveLimits(config);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GraphQLExecution>();
        services.TryAddSingleton<SharedSubscriptions>();
        services.TryAddSingleton<GraphQLWebSocketHandler>();
        services.TryAddSingleton<GraphQLHttpHandler>();
        return services;
    }

    /// <summary>
    /// Maps the GraphQL-over-HTTP endpoint at <paramref name="pattern"/>: POST (JSON) for every
    /// operation, GET for queries; any other method gets 405.
    /// </summary>
    public static IEndpointRouteBuilder MapGraphQLHttp(this IEndpointRouteBuilder app, string pattern = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(app);

        var handler = app.ServiceProvider.GetRequiredService<GraphQLHttpHandler>();
        app.Map(pattern, handler.HandleAsync).WithDisplayName("GraphQL over HTTP");
        return app;
    }
}
