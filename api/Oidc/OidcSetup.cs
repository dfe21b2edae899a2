using Civic.Database.DataProtection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;

namespace Civic.Api.Oidc;

/// <summary>
/// Civic as the OpenID Connect provider of each tenant, with OpenIddict: the issuer is the tenant's base URL (no
/// issuer is set, so OpenIddict takes the request's, for discovery, tokens and their validation alike), clients
/// are tenant data (<see cref="CivicApplicationManager"/>), the stores are OpenIddict's EF Core ones on our own
/// schema (migration 0030), the keys are shared through PostgreSQL (<see cref="OidcKeyStore"/>).
/// </summary>
public static class OidcSetup
{
    public static IServiceCollection AddCivicOidc(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection("Oidc").Get<OidcOptions>() ?? new OidcOptions();
        services.AddOptions<OidcOptions>().Bind(configuration.GetSection("Oidc"));
        services.AddHttpContextAccessor();
        services.AddCivicDataProtection(configuration);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ".civic.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddDbContext<OidcDbContext>((provider, db) => db
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .UseOpenIddict());
        services.AddSingleton<OidcKeyStore>();
        services.AddSingleton<OidcPruning>();
        services.AddHostedService(provider => provider.GetRequiredService<OidcPruning>());
        services.AddSingleton<OidcClients>();
        services.AddSingleton<SignInProviders>();
        services.AddSingleton<UpstreamDiscovery>();
        services.AddHttpClient(ExternalSignIn.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = 1_048_576;
        }).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        services.AddAuthentication()
            .AddCookie(OidcEndpoints.SessionScheme, cookie =>
            {
                cookie.Cookie.Name = ".civic.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = settings.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = OidcEndpoints.SignInPath;
            })
            .AddCivicAccessTokens(settings.Audience);

        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<OidcDbContext>();
                core.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, CivicApplicationManager>();
            })
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(OidcEndpoints.AuthorizePath)
                    .SetTokenEndpointUris(OidcEndpoints.TokenPath)
                    .SetUserInfoEndpointUris(OidcEndpoints.UserInfoPath)
                    .SetEndSessionEndpointUris(OidcEndpoints.EndSessionPath)
                    .SetRevocationEndpointUris(OidcEndpoints.RevocationPath)
                    .SetJsonWebKeySetEndpointUris(OidcEndpoints.JwksPath);

                // Authorization Code with PKCE (S256 only, below) and refresh tokens: no implicit, hybrid or password flow.
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes([.. OidcPrincipal.SupportedScopes]);
                server.RegisterAudiences(settings.Audience);
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(settings.RefreshTokenReuseLeeway);

                // Signed, not encrypted: a resource server reads them with the JWKS.
                server.DisableAccessTokenEncryption();

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (settings.AllowHttp || environment.IsDevelopment())
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        // The keys come from PostgreSQL (through Data Protection), so they are added once the container exists.
        services.AddOptions<OpenIddictServerOptions>().Configure<OidcKeyStore>((options, keys) =>
        {
            options.SigningCredentials.Add(new SigningCredentials(keys.Key("signing"), SecurityAlgorithms.RsaSha256));
            options.EncryptionCredentials.Add(new EncryptingCredentials(
                keys.Key("encryption"), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
            options.CodeChallengeMethods.Clear();
            options.CodeChallengeMethods.Add(OpenIddict.Abstractions.OpenIddictConstants.CodeChallengeMethods.Sha256);
        });
        return services;
    }

    /// <summary>How far clocks of two nodes may drift before a valid token is refused, or an expired one accepted.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>The scheme that validates Civic's own access tokens on GraphQL requests (<see cref="AccessTokens"/>).</summary>
    public const string AccessTokenScheme = "civic-access-token";

    /// <summary>Resolves the tenant of the OpenID Connect paths before OpenIddict (inside authentication) handles them.</summary>
    public static IApplicationBuilder UseCivicOidcTenant(this IApplicationBuilder app) =>
        app.UseWhen(context => OidcTenantMiddleware.IsOidcPath(context.Request.Path), branch => branch.UseMiddleware<OidcTenantMiddleware>());
}
