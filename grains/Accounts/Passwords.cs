using Microsoft.AspNetCore.Identity;

namespace Civic.Grains.Accounts;

/// <summary>
/// Password hashing with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, versioned format,
/// rehash when its parameters move on). A check of an unknown account runs against a fixed dummy hash, so it
/// costs what a real check costs and fails the same way.
/// </summary>
public static class Passwords
{
    /// <summary>The hasher takes a user type; its default implementation never reads the user.</summary>
    public sealed class Holder;

    private static readonly PasswordHasher<Holder> Hasher = new();
    private static readonly Holder Nobody = new();

    /// <summary>A hash of a random password made once per process, in the hasher's current format.</summary>
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    public static string Hash(string password) => Hasher.HashPassword(Nobody, password);

    /// <summary>Verifies; an input over the bounds is checked as an empty password against the dummy hash (same cost, always fails).</summary>
    public static PasswordVerificationResult Verify(string? hash, string password)
    {
        if (hash is null || password.Length > PasswordRules.MaxLength)
        {
            Hasher.VerifyHashedPassword(Nobody, DummyHash.Value, password.Length > PasswordRules.MaxLength ? "" : password);
            return PasswordVerificationResult.Failed;
        }

        return Hasher.VerifyHashedPassword(Nobody, hash, password);
    }

    /// <summary>The work of a check against no account: always false.</summary>
    public static void Dummy(string password) => Verify(null, password);
}
