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

    public static string NewId(string prefix) => Random(prefix, 16);

    /// <summary>
    /// A block of <see cref="MaxInBlock"/> ids to be handed out one by one (<see cref="InBlock"/>): the id
    /// of the block is the first 12 random characters of each of its ids, so the ids are well-formed and
    /// whoever knows the block can list every id it may have given.
    /// </summary>
    public static string NewBlock(string prefix) => Random(prefix, 12);

    /// <summary>The most ids one block gives: four characters of the alphabet.</summary>
    public const int MaxInBlock = 32 * 32 * 32 * 32;

    /// <summary>The <paramref name="index"/>-th id of a block from <see cref="NewBlock"/>.</summary>
    public static string InBlock(string block, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxInBlock);
        Span<char> chars = stackalloc char[4];
        for (var i = 3; i >= 0; i--, index >>= 5)
        {
            chars[i] = Alphabet[index & 31];
        }

        return block + new string(chars);
    }

    private static string Random(string prefix, int length)
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < chars.Length; i++)
        {
            // Up to 16 characters of 5 bits = 80 bits of randomness.
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
