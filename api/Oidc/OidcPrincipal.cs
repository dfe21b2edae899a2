using System.Collections.Immutable;
using System.Security.Claims;
using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Civic.Api.Oidc;

/// <summary>
/// The claims Civic's tokens carry, always from the account as <see cref="IAccountsGrain.IdentityAsync"/> says it
/// is now: sub (the account id), tenant, role (member, moderator, admin, polling_officer), name, email. The access
/// token gets them all (GraphQL reads sub, tenant and role); the identity token gets name and email only for the
/// profile and email scopes.
/// </summary>
public static class OidcPrincipal
{
    public static readonly ImmutableArray<string> SupportedScopes =
        [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess];

    /// <summary>A fresh principal for a sign-in at the authorization endpoint.</summary>
    public static ClaimsPrincipal Create(AccountIdentity account, IEnumerable<string> requestedScopes, string audience)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(requestedScopes.Intersect(SupportedScopes, StringComparer.Ordinal));
        principal.SetResources(audience);
        return Refresh(principal, account);
    }

    /// <summary>
    /// The principal of a code or refresh token with the account's current claims (its role may have changed), keeping
    /// OpenIddict's own claims (the authorization the chain of refresh tokens hangs from, the scopes granted).
    /// </summary>
    public static ClaimsPrincipal Refresh(ClaimsPrincipal principal, AccountIdentity account)
    {
        principal.SetClaim(Claims.Subject, account.AccountId)
            .SetClaim(JwtSettings.TenantClaim, account.Tenant)
            .SetClaim(Claims.Role, DevTokens.RoleName(account.Role))
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaim(Claims.Locale, account.Locale);
        principal.SetDestinations(claim => Destinations(claim, principal));
        return principal;
    }

    private static IEnumerable<string> Destinations(Claim claim, ClaimsPrincipal principal)
    {
        switch (claim.Type)
        {
            case Claims.Subject or JwtSettings.TenantClaim or Claims.Role:
                return [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken];
            case Claims.Name or Claims.Locale:
                return principal.HasScope(Scopes.Profile)
                    ? [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken]
                    : [OpenIddictConstants.Destinations.AccessToken];
            case Claims.Email:
                return principal.HasScope(Scopes.Email)
                    ? [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken]
                    : [OpenIddictConstants.Destinations.AccessToken];
            default:
                return []; // OpenIddict's private claims (oi_*) are never copied into a token as such
        }
    }
}
