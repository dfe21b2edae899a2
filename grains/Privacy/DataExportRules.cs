using System.Security.Cryptography;
using System.Text;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Privacy;

/// <summary>The rules of personal data exports, pure: the quota, the link's token and validity, what a download needs.</summary>
public static class DataExportRules
{
    /// <summary>How long a mailed link opens the export, from the moment it is ready.</summary>
    public static readonly TimeSpan LinkValidity = TimeSpan.FromDays(7);

    /// <summary>A member asks for at most one export in this window.</summary>
    public static readonly TimeSpan QuotaWindow = TimeSpan.FromDays(1);

    /// <summary>QUOTA_EXCEEDED when the member's last request is younger than <see cref="QuotaWindow"/>.</summary>
    public static void CheckQuota(DateTimeOffset? lastRequestedAt, DateTimeOffset now)
    {
        if (lastRequestedAt is { } last && now - last < QuotaWindow)
        {
            throw new CivicException(ErrorCodes.QuotaExceeded,
                $"One export a day: ask again after {last + QuotaWindow:yyyy-MM-dd HH:mm} UTC, or use the link already mailed.");
        }
    }

    /// <summary>A new link token: 32 random bytes, base64url.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What is kept of a token: its SHA-256.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The link of the mail: the site's base address, the export id and the token.</summary>
    public static string Link(string linkBase, string exportId, string token) =>
        $"{linkBase.TrimEnd('/')}/exports/my-data/{Uri.EscapeDataString(exportId)}?token={Uri.EscapeDataString(token)}";

    /// <summary>VALIDATION unless <paramref name="linkBase"/> is an absolute http(s) address without query or fragment.</summary>
    public static void RequireLinkBase(string linkBase)
    {
        TextRules.Require("linkBase", linkBase, TextLimits.Url);
        if (!Uri.TryCreate(linkBase, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new CivicException(ErrorCodes.Validation, "linkBase must be an absolute http(s) address.");
        }
    }

    /// <summary>
    /// The file, when <paramref name="token"/> is the export's (compared in constant time) and it is ready and
    /// not expired: NOT_FOUND for no export, a wrong token or one not ready yet (the same answer), LINK_EXPIRED after its days.
    /// </summary>
    public static byte[] Open(StoredExport? export, string? token, DateTimeOffset now)
    {
        var hash = Hash(token ?? "");
        if (export is null || !CryptographicOperations.FixedTimeEquals(hash, export.TokenHash) || export.Document is null)
        {
            throw new CivicException(ErrorCodes.NotFound, "No export of yours has this link (it may not be ready yet).");
        }

        if (export.ExpiresAt is not { } expires || now >= expires)
        {
            throw new CivicException(ErrorCodes.LinkExpired, "This export's link has expired: ask for a new export.");
        }

        return export.Document;
    }
}
