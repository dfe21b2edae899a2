using GraphQL;
using Civic.Api.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL;

/// <summary>Id prefixes of the entities the API hands out.</summary>
public static class Ids
{
    public const string Campaign = "cp";
    public const string Vote = "vt";
}

public static class ResolveContextExtensions
{
    /// <summary>The request's tenant and user, resolved by <see cref="RequestContextMiddleware"/>.</summary>
    public static CivicRequest Civic(this IResolveFieldContext context) =>
        context.RequestServices?.GetRequiredService<CivicRequest>()
        ?? throw new InvalidOperationException("GraphQL must run with the request's services.");
}
