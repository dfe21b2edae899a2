using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Civic.Api.Oidc;

/// <summary>
/// OpenIddict's application manager, made tenant-aware: a client sends its own client id ("civic-web"), and the
/// server looks it up as "&lt;tenant&gt;:civic-web", the tenant being the request's (<see cref="OidcTenantMiddleware"/>).
/// A client of another tenant, or any look-up outside an OpenID Connect request, finds nothing; the authorization,
/// token, revocation and end-session endpoints all refuse it as an unknown client.
/// </summary>
public sealed class CivicApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    IHttpContextAccessor http)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    public override ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var tenant = OidcTenantMiddleware.SlugOrNull(http.HttpContext);
        return tenant is null || string.IsNullOrEmpty(identifier)
            ? ValueTask.FromResult<OpenIddictEntityFrameworkCoreApplication?>(null)
            : base.FindByClientIdAsync(OidcClientRules.StoredClientId(tenant, identifier), cancellationToken);
    }

    /// <summary>The application of a tenant's client, for registration (no request tenant needed).</summary>
    public ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindOfTenantAsync(string tenant, string clientId, CancellationToken cancellationToken = default) =>
        base.FindByClientIdAsync(OidcClientRules.StoredClientId(tenant, clientId), cancellationToken);
}
