using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Civic.Grains.Interfaces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Civic.Api.Oidc;

/// <summary>
/// Sign-in through a tenant's upstream OpenID Connect provider (<see cref="SignInProviders"/>), Civic being its
/// confidential client: Authorization Code with PKCE (S256), state and nonce kept in a short-lived cookie that Data
/// Protection seals for this tenant, the code redeemed at the upstream's token endpoint with the client secret, and the
/// id_token validated with Microsoft.IdentityModel (signature against the JWKS of the discovery document, issuer equal
/// to the authority, audience the client id, lifetime, nonce). Then the accounts grain links or creates the account and
/// the same session cookie as a password sign-in opens, so the authorization request the person came from continues.
/// </summary>
public static class ExternalSignIn
{
    public const string StartPath = "/account/external";
    public const string CallbackPath = "/account/external/callback";
    public const string HttpClientName = "civic-upstream";
    private const string CookieName = ".civic.external";
    private const string Purpose = "civic.external-sign-in.v1";
    private static readonly TimeSpan FlowLifetime = TimeSpan.FromMinutes(10);

    public static void MapCivicExternalSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(CallbackPath, CallbackAsync);
        app.MapGet(StartPath + "/{key}", StartAsync);
    }

    private static async Task<IResult> StartAsync(string key, HttpContext context, SignInProviders providers, UpstreamDiscovery discovery,
        IDataProtectionProvider protection, TimeProvider time)
    {
        var tenant = OidcTenantMiddleware.Of(context);
        if (await providers.FindForSignInAsync(tenant.Slug, key, context.RequestAborted) is not { } found)
        {
            return SignInPage.Message(context, SignInPage.TextsOf(context).UnknownProvider, StatusCodes.Status404NotFound);
        }

        var provider = found.Provider;
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await discovery.ConfigurationAsync(provider.Authority, context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or SecurityTokenException)
        {
            return SignInPage.Message(context, SignInPage.TextsOf(context).UpstreamUnavailable, StatusCodes.Status502BadGateway);
        }

        var flow = new Flow(provider.Key, Random(), Random(), Random(), SignInPage.ReturnUrl(context.Request.Query["returnUrl"]),
            time.GetUtcNow().Add(FlowLifetime));
        var sealedFlow = Protector(protection, tenant.Slug).Protect(JsonSerializer.Serialize(flow));
        context.Response.Cookies.Append(CookieName, sealedFlow, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax, // the upstream sends the person back with a top-level GET
            Path = StartPath,
            MaxAge = FlowLifetime,
        });

        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(flow.Verifier)));
        return Results.Redirect(QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = provider.ClientId,
            ["redirect_uri"] = RedirectUri(context),
            ["scope"] = string.Join(' ', provider.Scopes),
            ["state"] = flow.State,
            ["nonce"] = flow.Nonce,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }));
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, SignInProviders providers, UpstreamDiscovery discovery,
        IDataProtectionProvider protection, IHttpClientFactory http, IClusterClient cluster, TimeProvider time, ILoggerFactory logs)
    {
        var tenant = OidcTenantMiddleware.Of(context);
        var texts = SignInPage.TextsOf(context);
        var log = logs.CreateLogger(typeof(ExternalSignIn));

        // The flow is single use: its cookie goes whatever happens next.
        var sealedFlow = context.Request.Cookies[CookieName];
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = StartPath, Secure = context.Request.IsHttps, HttpOnly = true });
        Flow? flow = null;
        try
        {
            flow = sealedFlow is { Length: > 0 and <= 4_096 } ? JsonSerializer.Deserialize<Flow>(Protector(protection, tenant.Slug).Unprotect(sealedFlow)) : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            flow = null;
        }

        var state = context.Request.Query["state"].ToString();
        if (flow is null || flow.ExpiresAt < time.GetUtcNow() || !SameText(state, flow.State))
        {
            return SignInPage.Message(context, texts.ExternalRefused, StatusCodes.Status400BadRequest);
        }

        var code = context.Request.Query["code"].ToString();
        if (code.Length is 0 or > 2_048 || await providers.FindForSignInAsync(tenant.Slug, flow.Provider, context.RequestAborted) is not { } found)
        {
            return SignInPage.Message(context, texts.ExternalRefused, StatusCodes.Status400BadRequest);
        }

        ExternalSignInCommand? person;
        try
        {
            var configuration = await discovery.ConfigurationAsync(found.Provider.Authority, context.RequestAborted);
            var idToken = await RedeemAsync(http.CreateClient(HttpClientName), configuration, found.Provider, found.ClientSecret, code, flow, RedirectUri(context), context.RequestAborted);
            person = idToken is null ? null : await ValidateAsync(discovery, found.Provider, idToken, flow, configuration);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or SecurityTokenException or JsonException)
        {
            log.LogWarning("External sign-in through {Provider} of {Tenant} failed: {Reason}", found.Provider.Key, tenant.Slug, ex.Message);
            person = null;
        }

        if (person is null)
        {
            return SignInPage.Message(context, texts.ExternalRefused, StatusCodes.Status400BadRequest);
        }

        SignInOutcome outcome;
        try
        {
            outcome = await cluster.GetGrain<IAccountsGrain>(tenant.Slug).ExternalSignInAsync(new Grains.Interfaces.ExternalSignIn(
                found.Provider.Key, person.Subject, person.Email, person.EmailVerified, person.Name, SignInPage.LanguageOf(context, tenant), person.Residency));
        }
        catch (CivicException ex) when (ex.Code == ErrorCodes.Validation)
        {
            // The upstream vouched for something Civic cannot hold (an address that is no address, a subject too long).
            log.LogWarning("External sign-in through {Provider} of {Tenant} refused: {Reason}", found.Provider.Key, tenant.Slug, ex.Message);
            return SignInPage.Message(context, texts.ExternalRefused, StatusCodes.Status400BadRequest);
        }

        switch (outcome.Status)
        {
            case SignInStatus.SignedIn when outcome.Account is { } account && account.Tenant == tenant.Slug:
                await context.SignInAsync(OidcEndpoints.SessionScheme, OidcEndpoints.SessionPrincipal(account),
                    new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
                return flow.ReturnUrl.Length > 0 ? Results.Redirect(flow.ReturnUrl) : SignInPage.Message(context, texts.SignedIn, StatusCodes.Status200OK);
            case SignInStatus.EmailNotConfirmed:
                return SignInPage.Message(context, texts.EmailNotConfirmed, StatusCodes.Status403Forbidden);
            case SignInStatus.LinkRefused:
                return SignInPage.Message(context, texts.LinkRefused, StatusCodes.Status403Forbidden);
            default:
                return SignInPage.Message(context, texts.ExternalRefused, StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>The code for tokens at the upstream's token endpoint (client_secret_basic); its id_token, or null.</summary>
    private static async Task<string?> RedeemAsync(HttpClient http, OpenIdConnectConfiguration configuration, SignInProvider provider, string secret,
        string code, Flow flow, string redirectUri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri,
                ["code_verifier"] = flow.Verifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            Uri.EscapeDataString(provider.ClientId) + ":" + Uri.EscapeDataString(secret))));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > 65_536)
        {
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.TryGetProperty("id_token", out var idToken) && idToken.ValueKind == JsonValueKind.String ? idToken.GetString() : null;
    }

    /// <summary>Signature (JWKS), issuer, audience, lifetime and nonce; then the claims Civic keeps. Null when any check fails.</summary>
    private static async Task<ExternalSignInCommand?> ValidateAsync(UpstreamDiscovery discovery, SignInProvider provider, string idToken, Flow flow,
        OpenIdConnectConfiguration configuration)
    {
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        var result = await handler.ValidateTokenAsync(idToken, Parameters(configuration, provider));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The upstream rotated its keys: read its discovery document and JWKS again, once.
            configuration = await discovery.RefreshAsync(provider.Authority);
            result = await handler.ValidateTokenAsync(idToken, Parameters(configuration, provider));
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken token
            || !token.TryGetPayloadValue<string>("nonce", out var nonce) || !SameText(nonce, flow.Nonce)
            || token.Subject is not { Length: > 0 and <= 255 } subject)
        {
            return null;
        }

        if (token.TryGetPayloadValue<string>("azp", out var azp) && azp != provider.ClientId)
        {
            return null;
        }

        var email = token.TryGetPayloadValue<string>("email", out var e) ? e : null;
        if (email is null)
        {
            return null; // an account needs an address: the tenant asks its provider for the email scope
        }

        var verified = token.TryGetPayloadValue<bool>("email_verified", out var v) ? v
            : token.TryGetPayloadValue<string>("email_verified", out var text) && text == "true";
        var nameClaim = provider.NameClaim ?? "name";
        var name = token.TryGetPayloadValue<string>(nameClaim, out var n) ? n
            : string.Join(' ', new[] { "given_name", "family_name" }.Select(c => token.TryGetPayloadValue<string>(c, out var part) ? part : null).OfType<string>());
        return new ExternalSignInCommand(subject, email, verified, name, ResidencyOf(token, provider));
    }

    /// <summary>
    /// What the token vouches for about residency, with the claims the tenant named: none without a residency claim
    /// (a birth date alone verifies nothing). The residency claim is true, or a district code (any other text but
    /// "false", "no" and "0"); the birth date claim is the standard <c>YYYY-MM-DD</c> (anything else: unknown).
    /// </summary>
    public static VouchedResidency? ResidencyOf(JsonWebToken token, SignInProvider provider)
    {
        if (provider.ResidencyClaim is not { } residencyClaim || !token.TryGetClaim(residencyClaim, out var claim))
        {
            return null;
        }

        // A JSON true comes as the claim value "true" of type boolean; a string is taken as it is.
        var text = claim.Value.Trim();
        if (claim.ValueType is not (System.Security.Claims.ClaimValueTypes.String or System.Security.Claims.ClaimValueTypes.Boolean)
            || text.Length == 0 || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text == "0")
        {
            return null;
        }

        var district = text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text == "1"
            ? null : text;

        DateOnly? birthDate = provider.BirthDateClaim is { } birthDateClaim && token.TryGetPayloadValue<string>(birthDateClaim, out var birth)
            && DateOnly.TryParseExact(birth, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed)
            ? parsed : null;
        return new VouchedResidency(birthDate, district);
    }

    private static TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, SignInProvider provider) => new()
    {
        ValidIssuer = configuration.Issuer,
        ValidAudience = provider.ClientId,
        IssuerSigningKeys = configuration.SigningKeys,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256,
            SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.EcdsaSha384],
        ClockSkew = TimeSpan.FromMinutes(1),
    };

    private static string RedirectUri(HttpContext context) =>
        context.Request.Scheme + "://" + context.Request.Host + context.Request.PathBase + CallbackPath;

    private static IDataProtector Protector(IDataProtectionProvider protection, string tenant) => protection.CreateProtector(Purpose, tenant);

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static bool SameText(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>One flow in progress, sealed in its cookie.</summary>
    private sealed record Flow(string Provider, string State, string Nonce, string Verifier, string ReturnUrl, DateTimeOffset ExpiresAt);

    private sealed record ExternalSignInCommand(string Subject, string Email, bool EmailVerified, string Name, VouchedResidency? Residency);
}

/// <summary>
/// The upstreams' discovery documents and JWKS, one <see cref="ConfigurationManager{T}"/> per authority (it caches and
/// refreshes them). The discovery document's issuer must be the configured authority (OpenID Connect Discovery 1.0 §4.3).
/// </summary>
public sealed class UpstreamDiscovery(IHttpClientFactory http)
{
    private const int MaxAuthorities = 1_000;
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);

    public async Task<OpenIdConnectConfiguration> ConfigurationAsync(string authority, CancellationToken cancellationToken)
    {
        var configuration = await Manager(authority).GetConfigurationAsync(cancellationToken);
        if (configuration.Issuer?.TrimEnd('/') != authority.TrimEnd('/') || configuration.AuthorizationEndpoint is null || configuration.TokenEndpoint is null)
        {
            throw new InvalidOperationException($"The discovery document of {authority} names another issuer or lacks an endpoint.");
        }

        return configuration;
    }

    public Task<OpenIdConnectConfiguration> RefreshAsync(string authority)
    {
        Manager(authority).RequestRefresh();
        return ConfigurationAsync(authority, CancellationToken.None);
    }

    private ConfigurationManager<OpenIdConnectConfiguration> Manager(string authority)
    {
        if (_managers.Count >= MaxAuthorities)
        {
            _managers.Clear();
        }

        return _managers.GetOrAdd(authority, a => new ConfigurationManager<OpenIdConnectConfiguration>(
            a + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http.CreateClient(ExternalSignIn.HttpClientName)) { RequireHttps = !SignInProviders.IsLoopback(new Uri(a)) }));
    }
}
