using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Civic.Api.Auth;

public static class AuthSetup
{
    /// <summary>
    /// Bearer tokens: an OIDC authority in production, or the development HS256 key. Either way the
    /// tenant and role are claims of the token, never inputs of a mutation.
    /// </summary>
    public static IServiceCollection AddCivicAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        if (string.IsNullOrEmpty(settings.Authority) && string.IsNullOrEmpty(settings.SigningKey))
        {
            // Fail at start-up, not at the first request.
            throw new InvalidOperationException("Configure Jwt:Authority (production) or Jwt:SigningKey (development).");
        }

        if (string.IsNullOrEmpty(settings.Authority))
        {
            DevTokens.KeyFrom(settings.SigningKey!); // throws now if the key is too short
        }

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
}
