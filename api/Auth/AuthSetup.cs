using Civic.Api.Oidc;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Civic.Api.Auth;

public static class AuthSetup
{
    /// <summary>The default scheme: picks, by the token's issuer, the scheme that validates it.</summary>
    public const string BearerScheme = "civic-bearer";

    /// <summary>
    /// Bearer tokens, either way with the tenant and role as claims of the token, never inputs of a mutation:
    /// Civic's own access tokens (OpenIddict validation against the local server's keys and the request's issuer),
    /// or, on the JwtBearer scheme, tokens whose issuer is <see cref="JwtSettings.Issuer"/> ("civic-dev": the
    /// development HS256 tokens, when Jwt:SigningKey is set) or <see cref="JwtSettings.Authority"/> (an outside OIDC
    /// provider). The issuer only routes the token: the chosen scheme validates everything, signature included.
    /// </summary>
    public static IServiceCollection AddCivicAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        CheckKey(settings, environment); // fail at start-up, not at the first request

        services.AddSingleton(settings);
        services.AddSingleton<DevTokens>();
        services.AddAuthentication(BearerScheme)
            .AddPolicyScheme(BearerScheme, "Civic or development bearer tokens", policy =>
                policy.ForwardDefaultSelector = context => SchemeFor(context.Request.Headers.Authorization.ToString(), settings))
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Audience = settings.Audience;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = settings.Issuer,
                    ValidateAudience = true,
                    ValidAudience = settings.Audience,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromMinutes(1),
                    NameClaimType = JwtSettings.SubjectClaim,
                    RoleClaimType = JwtSettings.RoleClaim,
                };
                if (!string.IsNullOrEmpty(settings.Authority))
                {
                    options.Authority = settings.Authority;
                    options.TokenValidationParameters.ValidIssuer = settings.Authority;
                }
                else
                {
                    options.TokenValidationParameters.IssuerSigningKey = DevTokens.KeyFrom(settings.SigningKey!);
                    options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                    if (!environment.IsDevelopment() && !settings.AcceptDevelopmentTokens)
                    {
                        options.Events = new JwtBearerEvents { OnTokenValidated = OperatorTokensOnly };
                    }
                }
            });
        return services;
    }

    /// <summary>
    /// Outside Development (unless <see cref="JwtSettings.AcceptDevelopmentTokens"/>): a development token is taken only
    /// with the operator role, the platform's tooling that creates tenants; members, moderators and admins sign in.
    /// </summary>
    private static Task OperatorTokensOnly(TokenValidatedContext context)
    {
        if (context.Principal?.FindFirst(JwtSettings.RoleClaim)?.Value != DevTokens.RoleName(Civic.Grains.Interfaces.Role.Operator))
        {
            context.Fail("Development tokens of tenant roles are accepted in the Development environment only: sign in through OpenID Connect.");
        }

        return Task.CompletedTask;
    }

    /// <summary>The JwtBearer scheme for a token of the development issuer or the outside authority, else Civic's own.</summary>
    public static string SchemeFor(string authorization, JwtSettings settings)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        string? issuer;
        try
        {
            issuer = new JsonWebToken(authorization["Bearer ".Length..].Trim()).Issuer;
        }
        catch (ArgumentException)
        {
            return JwtBearerDefaults.AuthenticationScheme; // not a JWT at all: refused there, as before
        }

        return issuer == settings.Issuer || (!string.IsNullOrEmpty(settings.Authority) && issuer == settings.Authority)
            ? JwtBearerDefaults.AuthenticationScheme
            : OidcSetup.AccessTokenScheme;
    }

    /// <summary>
    /// Refuses a configuration with which anyone could sign tokens: no authority and no key; a key
    /// shorter than 32 bytes (always); a key published in this repository (the old docker-compose
    /// default, the tests' and the benchmark's) outside the Development environment.
    /// </summary>
    public static void CheckKey(JwtSettings settings, IHostEnvironment environment)
    {
        if (!string.IsNullOrEmpty(settings.Authority))
        {
            return;
        }

        if (string.IsNullOrEmpty(settings.SigningKey))
        {
            throw new InvalidOperationException(
                "Configure Jwt:Authority (an OIDC provider) or Jwt:SigningKey (a secret of at least 32 random bytes): "
                + "without either, Civic cannot check who signs in.");
        }

        DevTokens.KeyFrom(settings.SigningKey); // throws if the key is too short
        if (!environment.IsDevelopment() && JwtSettings.IsPublishedKey(settings.SigningKey))
        {
            throw new InvalidOperationException(
                $"Jwt:SigningKey is a development key published with Civic, and the environment is {environment.EnvironmentName}: "
                + "anyone could sign operator tokens with it. Set Jwt__SigningKey to a secret of your own "
                + "(e.g. openssl rand -base64 48) or Jwt__Authority; development uses set ASPNETCORE_ENVIRONMENT=Development.");
        }
    }
}
