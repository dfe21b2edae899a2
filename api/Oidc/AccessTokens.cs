using Civic.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Civic.Api.Oidc;

/// <summary>
/// Validates Civic's own access tokens on GraphQL requests as a plain resource server would: a JwtBearer scheme over
/// the stored signing key (<see cref="OidcKeyStore"/>), not OpenIddict's validation stack, whose per-request pipeline
/// cost a third of the pledge path's throughput. What it checks is what OpenIddict checked: an RS256 signature by
/// the server's key, the token type <c>at+jwt</c> (an identity token is not an access token), the audience, the
/// lifetime with <see cref="OidcSetup.ClockSkew"/>, and the issuer, which is the base URL of the request (each tenant's
/// host is its own issuer, so a token of one tenant's host is refused on another's).
/// </summary>
public static class AccessTokens
{
    public static AuthenticationBuilder AddCivicAccessTokens(this AuthenticationBuilder authentication, string audience)
    {
        authentication.AddJwtBearer(OidcSetup.AccessTokenScheme, options =>
        {
            options.MapInboundClaims = false;
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(new ValidatedTokenCache());
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidTypes = [JsonWebTokenTypes.AccessToken],
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ValidateAudience = true,
                ValidAudience = audience,
                ValidateIssuer = false, // checked against the request below: the issuer is per host
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = OidcSetup.ClockSkew,
                LifetimeValidator = (notBefore, expires, _, parameters) =>
                    IsLive(notBefore, expires, parameters.ClockSkew, options.TimeProvider ?? TimeProvider.System),
                NameClaimType = Claims.Subject,
                RoleClaimType = JwtSettings.RoleClaim,
            };
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (context.SecurityToken is not JsonWebToken token || token.Issuer != IssuerOf(context.Request) || token.Issuer is null)
                    {
                        context.Fail("The access token was not issued by this host.");
                    }

                    return Task.CompletedTask;
                },
            };
        });

        // The key is read from PostgreSQL (through Data Protection), so once the container exists.
        authentication.Services.AddOptions<JwtBearerOptions>(OidcSetup.AccessTokenScheme)
            .Configure<OidcKeyStore>((options, keys) => options.TokenValidationParameters.IssuerSigningKey = keys.Key("signing"));
        return authentication;
    }

    /// <summary>
    /// The issuer OpenIddict puts in the tokens of a request's host: its base URL as <see cref="Uri.AbsoluteUri"/> writes it
    /// (host in lower case, default port dropped, a trailing slash); null for a host no URI can carry.
    /// </summary>
    public static string? IssuerOf(HttpRequest request) =>
        Uri.TryCreate($"{request.Scheme}://{request.Host}{request.PathBase}", UriKind.Absolute, out var issuer) ? issuer.AbsoluteUri : null;

    /// <summary>
    /// Inside [not before − skew, expires + skew] on the given clock (the host's TimeProvider, fakeable in tests). A token
    /// without "nbf" has none (IdentityModel passes null, a parsed token says <see cref="DateTime.MinValue"/>).
    /// </summary>
    public static bool IsLive(DateTime? notBefore, DateTime? expires, TimeSpan skew, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } end && end != DateTime.MinValue && now - skew <= end.ToUniversalTime()
            && (notBefore is not { } start || start == DateTime.MinValue || now + skew >= start.ToUniversalTime());
    }
}
