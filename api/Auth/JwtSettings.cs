namespace Civic.Api.Auth;

/// <summary>Configuration section "Jwt".</summary>
public sealed class JwtSettings
{
    /// <summary>HS256 key (at least 32 bytes) for development tokens. Unused when <see cref="Authority"/> is set.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "civic-dev";

    public string Audience { get; set; } = "civic";

    /// <summary>
    /// Accept development tokens of tenant roles outside the Development environment (the benchmark's production-mode
    /// host does). Off by default: there, only operator tokens (the platform's own tooling) are taken from
    /// <see cref="SigningKey"/>, and residents and staff sign in through OpenID Connect.
    /// </summary>
    public bool AcceptDevelopmentTokens { get; set; }

    /// <summary>OIDC authority for production: tokens are then validated against its published keys.</summary>
    public string? Authority { get; set; }

    public const string TenantClaim = "tenant";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    /// <summary>The member's verified home district, when the tenant votes by district.</summary>
    public const string DistrictClaim = "district";

    /// <summary>
    /// Keys that were or are written in this repository (docker-compose's old fallback, the tests', the
    /// benchmark's): usable in the Development environment only.
    /// </summary>
    private static readonly string[] PublishedKeys =
    [
        "civic-dev-only-signing-key-change-me-0123456789",
        "civic-tests-signing-key-0123456789abcdef",
        "civic-bench-signing-key-0123456789abcdef",
    ];

    public static bool IsPublishedKey(string key) => PublishedKeys.Contains(key.Trim(), StringComparer.Ordinal);
}
