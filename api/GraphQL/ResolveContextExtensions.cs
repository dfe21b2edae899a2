using GraphQL;
using Civic.Api.Tenancy;

namespace Civic.Api.GraphQL;

public static class ResolveContextExtensions
{
    /// <summary>The request's tenant and user, resolved by <see cref="RequestContextMiddleware"/>.</summary>
    public static CivicRequest Civic(this IResolveFieldContext context) =>
        context.RequestServices?.GetRequiredService<CivicRequest>()
        ?? throw new InvalidOperationException("GraphQL must run with the request's services.");
}
