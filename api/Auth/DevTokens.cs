using System.Security.Claims;
using System.Text;
using Civic.Grains.Interfaces;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Civic.Api.Auth;

/// <summary>Signs development tokens with the configured HS256 key (`./civic token`, tests, the benchmark).</summary>
public sealed class DevTokens(JwtSettings settings, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public static SymmetricSecurityKey KeyFrom(string signingKey)
    {
        var bytes = Encoding.UTF8.GetBytes(signingKey);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Jwt:SigningKey must be at least 32 bytes long.");
        }

        return new SymmetricSecurityKey(bytes);
    }

    public string Issue(string tenant, string userId, Role role, TimeSpan? lifetime = null, string? district = null)
    {
        var key = KeyFrom(settings.SigningKey
            ?? throw new InvalidOperationException("Jwt:SigningKey is not configured: development tokens cannot be signed."));
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromDays(7)),
            Subject = new ClaimsIdentity(
                new[]
                {
                    new Claim(JwtSettings.SubjectClaim, userId),
                    new Claim(JwtSettings.TenantClaim, tenant),
                    new Claim(JwtSettings.RoleClaim, RoleName(role)),
                }.Concat(district is null ? [] : [new Claim(JwtSettings.DistrictClaim, district)])),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>member, moderator, admin, operator or polling_officer.</summary>
    public static string RoleName(Role role) => role == Role.PollingOfficer ? PollingOfficerName : role.ToString().ToLowerInvariant();

    public static bool TryParseRole(string? value, out Role role)
    {
        if (string.Equals(value, PollingOfficerName, StringComparison.OrdinalIgnoreCase))
        {
            role = Role.PollingOfficer;
            return true;
        }

        return Enum.TryParse(value, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(value, out _);
    }

    private const string PollingOfficerName = "polling_officer";
}
