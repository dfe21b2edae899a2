using Civic.Api.Errors;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;

namespace Civic.Api.Oidc;

/// <summary>
/// The tenant of an OpenID Connect or sign-in request, found from the host (or <see cref="TenancyOptions.DefaultTenant"/>)
/// before OpenIddict sees the request, so that every client look-up, every issued token and the sign-in page are the
/// tenant's. A host that names no enabled tenant gets 404: there is no provider there.
/// </summary>
public sealed class OidcTenantMiddleware(RequestDelegate next)
{
    private const string ItemKey = "civic.oidc.tenant";

    public static bool IsOidcPath(PathString path) =>
        path.StartsWithSegments("/.well-known") || path.StartsWithSegments("/connect") || path.StartsWithSegments("/account");

    /// <summary>The tenant resolved for this request; throws outside the OIDC paths.</summary>
    public static TenantInfo Of(HttpContext context) =>
        context.Items[ItemKey] as TenantInfo ?? throw new InvalidOperationException("No tenant was resolved for this OpenID Connect request.");

    public static string? SlugOrNull(HttpContext? context) => (context?.Items[ItemKey] as TenantInfo)?.Slug;

    public async Task InvokeAsync(HttpContext context, TenantResolver tenants)
    {
        TenantInfo? tenant;
        try
        {
            var slug = await tenants.SlugForHostAsync(context.Request);
            tenant = slug is null ? null : await tenants.TenantAsync(slug);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException || ex is CivicException { Code: ErrorCodes.Unavailable })
        {
            context.Response.Headers.RetryAfter = "1";
            await ErrorStatus.WriteAsync(context, ErrorCodes.Unavailable, "The service is busy or restarting: try again in a moment.", context.RequestAborted);
            return;
        }

        if (tenant is not { Enabled: true })
        {
            await ErrorStatus.WriteAsync(context, ErrorCodes.NotFound, "No tenant is served at this address.", context.RequestAborted);
            return;
        }

        context.Items[ItemKey] = tenant;
        await next(context);
    }
}
