using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// The equity offers of one project owner in one tenant, keyed <c>GrainKeys.Compound(tenant, ownerId)</c>:
/// the single writer of the ECSP cap of 5,000,000 EUR of offers per owner over 12 months. An offer's
/// maximum raise is reserved when its campaign is created, counts for 12 months from then, shrinks to
/// what was raised when the campaign succeeds, and is released when the campaign is rejected or fails.
/// Every method is idempotent on the campaign id.
/// </summary>
public interface IOwnerOffersGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reserves the offer's maximum raise, or refuses with OWNER_CAP_EXCEEDED when the owner's offers
    /// of the trailing 12 months would exceed the cap. A campaign already reserved keeps its first reservation.
    /// </summary>
    Task ReserveAsync(string campaignId, long maxRaise);

    /// <summary>The campaign succeeded: the offer counts what it raised (never more than it reserved).</summary>
    Task CloseAsync(string campaignId, long raised);

    /// <summary>The campaign was rejected or failed: the offer no longer counts.</summary>
    Task ReleaseAsync(string campaignId);

    /// <summary>The offers that count now (opened in the trailing 12 months), oldest first.</summary>
    Task<ImmutableArray<OwnerOffer>> GetOffersAsync();
}
