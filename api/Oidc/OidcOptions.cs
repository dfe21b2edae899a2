namespace Civic.Api.Oidc;

/// <summary>Configuration section "Oidc": Civic as the OpenID Connect provider of each tenant.</summary>
public sealed class OidcOptions
{
    /// <summary>Lifetime of the signed access tokens (JWT) that GraphQL accepts.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of a refresh token; each use rotates it (the new one keeps this lifetime from its issue).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a redeemed refresh token may still be redeemed again (two tabs refreshing at once). Zero (the
    /// default) makes every replay a theft: refused, and the whole chain of the sign-in revoked.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    /// <summary>Lifetime of the sign-in cookie of a tenant (the session behind the authorization endpoint).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Serve the endpoints over plain HTTP. Always allowed in the Development environment; elsewhere only behind
    /// a proxy that terminates TLS and forwards the scheme.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>The audience of the access tokens (the dev tokens' one by default: GraphQL is one resource).</summary>
    public string Audience { get; set; } = "civic";
}
