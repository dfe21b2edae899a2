using System.Security.Cryptography;
using System.Text;

namespace Civic.Grains.Votes;

/// <summary>
/// A voter key held in 16 bytes instead of a 64-character string: a million voters fit in about 24 MB. Voter keys are
/// HMAC-SHA256 pseudonyms in hex, so their first 128 bits are already uniformly random and serve as is; any other key
/// is hashed first. A clash would only refuse a ballot in memory, never count one twice: the ballots table's unique
/// constraint on the full key stays the authority.
/// </summary>
public readonly record struct VoterDigest(ulong High, ulong Low)
{
    public static VoterDigest Of(string key) => Of(key.AsSpan());

    public static VoterDigest Of(ReadOnlySpan<char> key)
    {
        if (key.Length >= 32 && TryHex(key[..16], out var high) && TryHex(key[16..32], out var low))
        {
            return new VoterDigest(high, low);
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key.ToArray()), hash);
        return new VoterDigest(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash[8..]));
    }

    private static bool TryHex(ReadOnlySpan<char> digits, out ulong value)
    {
        value = 0;
        foreach (var c in digits)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                _ => -1, // pseudonyms are lower-case hex; anything else is hashed
            };
            if (d < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)d;
        }

        return true;
    }
}
