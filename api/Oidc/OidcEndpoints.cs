using System.Security.Claims;
using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Civic.Api.Oidc;

/// <summary>
/// The endpoints OpenIddict hands over after it validated the protocol (pass-through): who signs in at the
/// authorization endpoint, what the token endpoint issues on a code or a refresh, the userinfo answer and the
/// end of a session. Discovery, JWKS and revocation are OpenIddict's own.
/// </summary>
public static class OidcEndpoints
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string UserInfoPath = "/connect/userinfo";
    public const string EndSessionPath = "/connect/endsession";
    public const string RevocationPath = "/connect/revoke";
    public const string JwksPath = "/.well-known/jwks";
    public const string SignInPath = "/account/sign-in";

    /// <summary>The sign-in cookie: one session per tenant (its claims name the tenant; another tenant's is ignored).</summary>
    public const string SessionScheme = "civic-session";

    public static void MapCivicOidc(this IEndpointRouteBuilder app)
    {
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);
        app.MapPost(TokenPath, TokenAsync);
        app.MapMethods(UserInfoPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfoAsync);
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync);
        app.MapCivicSignInPage();
        app.MapCivicExternalSignIn();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IClusterClient cluster, IOptions<OidcOptions> options)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        var tenant = OidcTenantMiddleware.Of(context);
        var session = await context.AuthenticateAsync(SessionScheme);
        var accountId = session.Succeeded && session.Principal?.FindFirst(JwtSettings.TenantClaim)?.Value == tenant.Slug
            ? session.Principal.FindFirst(JwtSettings.SubjectClaim)?.Value
            : null;
        var account = accountId is null ? null : await cluster.GetGrain<IAccountsGrain>(tenant.Slug).IdentityAsync(accountId);
        if (account is not null && (account.Tenant != tenant.Slug || !account.EmailConfirmed))
        {
            account = null;
        }

        if (account is null)
        {
            if (session.Succeeded)
            {
                await context.SignOutAsync(SessionScheme);
            }

            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(OidcErrors.LoginRequired, "Sign in first.");
            }

            // Back to this very request once signed in: its parameters, whether it came as a GET or a POST.
            var query = QueryString.Create(request.GetParameters().Select(p =>
                new KeyValuePair<string, string?>(p.Key, p.Value.ToString())));
            var returnUrl = context.Request.PathBase + AuthorizePath + query;
            return Results.Redirect(SignInPath + QueryString.Create("returnUrl", returnUrl));
        }

        var principal = OidcPrincipal.Create(account, request.GetScopes(), options.Value.Audience);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext context, IClusterClient cluster)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Refuse(OidcErrors.UnsupportedGrantType, "Only authorization_code and refresh_token are served.");
        }

        var tenant = OidcTenantMiddleware.Of(context);
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal;
        var accountId = principal?.GetClaim(Claims.Subject);
        if (principal is null || accountId is null || principal.GetClaim(JwtSettings.TenantClaim) != tenant.Slug)
        {
            return Refuse(OidcErrors.InvalidGrant, "The grant is not valid for this tenant.");
        }

        // Every refresh re-reads the account: a deleted or disabled one gets nothing, a changed role shows now.
        var account = await cluster.GetGrain<IAccountsGrain>(tenant.Slug).IdentityAsync(accountId);
        if (account is null || account.Tenant != tenant.Slug || !account.EmailConfirmed)
        {
            return Refuse(OidcErrors.InvalidGrant, "The account no longer exists or may not sign in.");
        }

        return Results.SignIn(OidcPrincipal.Refresh(principal, account), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, IClusterClient cluster)
    {
        var tenant = OidcTenantMiddleware.Of(context);
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var accountId = result.Principal?.GetClaim(Claims.Subject);
        var account = accountId is null || result.Principal!.GetClaim(JwtSettings.TenantClaim) != tenant.Slug
            ? null
            : await cluster.GetGrain<IAccountsGrain>(tenant.Slug).IdentityAsync(accountId);
        if (account is null)
        {
            return Results.Challenge(Properties(OidcErrors.InvalidToken, "The account no longer exists."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Claims.Subject] = account.AccountId,
            [JwtSettings.TenantClaim] = account.Tenant,
            [Claims.Role] = DevTokens.RoleName(account.Role),
        };
        if (result.Principal!.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = account.DisplayName;
            claims[Claims.Locale] = account.Locale;
        }

        if (result.Principal!.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = account.Email;
            claims[Claims.EmailVerified] = account.EmailConfirmed;
        }

        return Results.Ok(claims);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(SessionScheme);

        // OpenIddict redirects to the post_logout_redirect_uri when the client registered it, else here.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    /// <summary>The session cookie's principal: the account and its tenant, nothing else (tokens re-read the rest).</summary>
    public static ClaimsPrincipal SessionPrincipal(AccountIdentity account) => new(new ClaimsIdentity(
        [new Claim(JwtSettings.SubjectClaim, account.AccountId), new Claim(JwtSettings.TenantClaim, account.Tenant)],
        SessionScheme));
}
