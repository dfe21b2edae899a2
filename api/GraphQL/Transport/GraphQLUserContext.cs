using GraphQL;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// The <see cref="ExecutionOptions.UserContext"/> of a request over HTTP: a dictionary (as
/// GraphQL.NET expects) that also carries the <see cref="Microsoft.AspNetCore.Http.HttpContext"/>,
/// so resolvers can read the tenant and user the pipeline resolved.
/// </summary>
public sealed class GraphQLUserContext : Dictionary<string, object?>
{
    public const string HttpContextKey = "HttpContext";

    public GraphQLUserContext(HttpContext httpContext)
    {
        HttpContext = httpContext;
        this[HttpContextKey] = httpContext;
    }

    public HttpContext HttpContext { get; }
}

public static class GraphQLUserContextExtensions
{
    /// <summary>The HTTP context of the request a resolver runs for.</summary>
    public static HttpContext GetHttpContext(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserContext is GraphQLUserContext user)
        {
            return user.HttpContext;
        }

        if (context.UserContext.TryGetValue(GraphQLUserContext.HttpContextKey, out var value) && value is HttpContext http)
        {
            return http;
        }

        throw new InvalidOperationException("The GraphQL request was not started by the HTTP transport.");
    }
}
