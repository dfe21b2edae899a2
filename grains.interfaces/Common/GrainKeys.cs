using System.Security.Cryptography;

namespace Civic.Grains.Interfaces;

/// <summary>
/// Keys say what they are: tenants by slug, campaigns and votes by "tenant/id".
/// Ids are short random strings with a kind prefix, safe in URLs.
/// </summary>
public static class GrainKeys
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string Compound(string tenant, string id) => $"{tenant}/{id}";

    public static (string Tenant, string Id) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a compound tenant/id key.", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }

    public static string NewId(string prefix)
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            // 16 characters of 5 bits = 80 bits of randomness.
            var bit = i * 5;
            var value = (bytes[bit / 8] << 8 | (bit / 8 + 1 < bytes.Length ? bytes[bit / 8 + 1] : 0)) >> (11 - bit % 8) & 31;
            chars[i] = Alphabet[value];
        }

        return $"{prefix}_{new string(chars)}";
    }

    /// <summary>True when <paramref name="id"/> could have come from <see cref="NewId"/> with this prefix.</summary>
    public static bool IsWellFormed(string id, string prefix) =>
        id.Length == prefix.Length + 17
        && id.StartsWith(prefix + "_", StringComparison.Ordinal)
        && id.AsSpan(prefix.Length + 1).IndexOfAnyExcept(Alphabet) < 0;
}
