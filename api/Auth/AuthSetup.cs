using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Civic.Api.Auth;

public static class AuthSetup
{
    /// <summary>
    /// Bearer tokens: an OIDC authority in production, or the development HS256 key. Either way the
    /// tenant and role are claims of the token, never inputs of a mutation.
    /// </summary>
    public static IServiceCollection AddCivicAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        CheckKey(settings, environment); // fail at start-up, not at the first request

        services.AddSingleton(settings);
        services.AddSingleton<DevTokens>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
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
                }
            });
        return services;
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
