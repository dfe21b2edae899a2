using System.Globalization;
using System.Text;
using Civic.Grains.Interfaces;

namespace Civic.Api.GraphQL;

/// <summary>Opaque cursors: base64url of a typed position. Clients must not build them.</summary>
public static class Cursors
{
    public static string ForId(string id) => Encode("id:" + id);

    public static string? IdFrom(string? cursor) => cursor is null ? null : Decode(cursor, "id:");

    public static string ForRow(DateTimeOffset createdAt, long rowId) =>
        Encode(FormattableString.Invariant($"row:{createdAt.UtcTicks}:{rowId}"));

    public static (DateTimeOffset CreatedAt, long RowId)? RowFrom(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var parts = Decode(cursor, "row:").Split(':');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is >= 0 and <= 3155378975999999999
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rowId))
        {
            return (new DateTimeOffset(ticks, TimeSpan.Zero), rowId);
        }

        throw Invalid();
    }

    /// <summary>A position in a list ordered by a text key, then an id (<paramref name="kind"/> names the list).</summary>
    public static string ForKey(string kind, string key, string id) => Encode($"{kind}:{key.Length}:{key}{id}");

    public static (string Key, string Id)? KeyFrom(string? cursor, string kind)
    {
        if (cursor is null)
        {
            return null;
        }

        var value = Decode(cursor, kind + ":");
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(value.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            && length <= value.Length - colon - 1)
        {
            return (value.Substring(colon + 1, length), value[(colon + 1 + length)..]);
        }

        throw Invalid();
    }

    /// <summary>A position in a list ordered by a time, newest first, then an id.</summary>
    public static string ForTimeKey(string kind, DateTimeOffset at, string id) =>
        ForKey(kind, at.UtcTicks.ToString(CultureInfo.InvariantCulture), id);

    public static (DateTimeOffset At, string Id)? TimeKeyFrom(string? cursor, string kind)
    {
        if (KeyFrom(cursor, kind) is not { } key)
        {
            return null;
        }

        return long.TryParse(key.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3155378975999999999
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), key.Id)
            : throw Invalid();
    }

    public static int PageSize(int? first)
    {
        var size = first ?? 20;
        if (size is < 1 or > 100)
        {
            throw new CivicException(ErrorCodes.Validation, "first must be between 1 and 100.");
        }

        return size;
    }

    private static string Encode(string value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Decode(string cursor, string prefix)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var value = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return value[prefix.Length..];
            }
        }
        catch (FormatException)
        {
            // Falls through to the one error every malformed cursor gets.
        }

        throw Invalid();
    }

    private static CivicException Invalid() => new(ErrorCodes.Validation, "The cursor is not valid.");
}
