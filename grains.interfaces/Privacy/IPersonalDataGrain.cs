using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// One member's personal data in one tenant (keyed <c>tenant/memberId</c>, see <see cref="GrainKeys.Compound"/>):
/// their exports (GDPR right of access). Only the member acts on it.
/// </summary>
public interface IPersonalDataGrain : IGrainWithStringKey
{
    /// <summary>
    /// Asks for an export: answered at once, prepared in the background, then mailed (kind export-ready) to the
    /// account's address as a link on the tenant's site valid 7 days. One request per day (QUOTA_EXCEEDED).
    /// </summary>
    Task<DataExportRequest> RequestExportAsync(Actor actor);

    /// <summary>
    /// The export's JSON file for the member who asked for it, with the token of the mailed link: NOT_FOUND for a
    /// wrong id or token (or before it is ready), TOKEN_EXPIRED after its 7 days.
    /// </summary>
    Task<byte[]> DownloadExportAsync(string exportId, string token, Actor actor);

    /// <summary>The member's exports, newest first (at most <see cref="DataExportStatus.Listed"/>), with where each stands.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<DataExportStatus>> ExportsAsync(Actor actor);
}

/// <summary>Where an export stands: being prepared, ready to download with the mailed link, or expired (its file deleted).</summary>
[GenerateSerializer, Alias("civic.data-export-state")]
public enum DataExportState
{
    Preparing,
    Ready,
    Expired,
}

[GenerateSerializer, Immutable, Alias("civic.data-export-status")]
public sealed record DataExportStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset RequestedAt,
    [property: Id(2)] DateTimeOffset? ReadyAt,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] DataExportState State)
{
    public const int Listed = 20;
}

[GenerateSerializer, Immutable, Alias("civic.data-export-request")]
public sealed record DataExportRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset RequestedAt);
