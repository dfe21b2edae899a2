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

    /// <summary>The path of an export's download on the tenant's site (the API serves it under the same host).</summary>
    public static string DownloadPath(string exportId) => $"/exports/my-data/{Uri.EscapeDataString(exportId)}";

    /// <summary>
    /// The file, when <paramref name="token"/> is the export's (compared in constant time) and it is ready and
    /// not expired: NOT_FOUND for no export, a wrong token or one not ready yet (the same answer), TOKEN_EXPIRED after its days.
    /// </summary>
    public static byte[] Open(StoredExport? export, string? token, DateTimeOffset now)
    {
        var hash = Hash(token ?? "");
        if (export is null || !CryptographicOperations.FixedTimeEquals(hash, export.TokenHash))
        {
            throw new CivicException(ErrorCodes.NotFound, "No export of yours has this link (it may not be ready yet).");
        }

        if (StateOf(export.ReadyAt, export.ExpiresAt, now) == DataExportState.Expired)
        {
            throw new CivicException(ErrorCodes.TokenExpired, "This export's link has expired: ask for a new export.");
        }

        return export.Document
            ?? throw new CivicException(ErrorCodes.NotFound, "No export of yours has this link (it may not be ready yet).");
    }

    /// <summary>Preparing until ready; ready until it expires (then its file is deleted by the sweep).</summary>
    public static DataExportState StateOf(DateTimeOffset? readyAt, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        readyAt is null ? DataExportState.Preparing
        : expiresAt is { } expires && now < expires ? DataExportState.Ready
        : DataExportState.Expired;
}
