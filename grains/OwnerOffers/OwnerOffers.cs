using System.Collections.Immutable;
using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;

namespace Civic.Grains.OwnerOffers;

/// <summary>
/// A project owner's equity offers as the 5,000,000 EUR per 12 months cap counts them (see
/// <see cref="EquityRules.CheckOwnerCap"/>): pure, each change answering whether anything changed.
/// </summary>
public sealed class OwnerOfferBook
{
    private readonly Dictionary<string, OwnerOffer> _offers;

    public OwnerOfferBook(IEnumerable<OwnerOffer> offers)
    {
        _offers = offers.ToDictionary(o => o.CampaignId, StringComparer.Ordinal);
    }

    /// <summary>Oldest first.</summary>
    public ImmutableArray<OwnerOffer> Offers =>
        [.. _offers.Values.OrderBy(o => o.OpenedAt).ThenBy(o => o.CampaignId, StringComparer.Ordinal)];

    /// <summary>
    /// Reserves <paramref name="maxRaise"/> for the campaign's offer opened at <paramref name="now"/>,
    /// or throws OWNER_CAP_EXCEEDED (nothing changes). A campaign already in the book keeps its reservation.
    /// </summary>
    public bool Reserve(string campaignId, long maxRaise, DateTimeOffset now)
    {
        if (_offers.ContainsKey(campaignId))
        {
            return false;
        }

        if (maxRaise <= 0)
        {
            throw new CivicException(ErrorCodes.Validation, "An offer's maximum raise must be positive.");
        }

        var offer = new OwnerOffer(campaignId, now, maxRaise);
        EquityRules.CheckOwnerCap(_offers.Values, offer, now);
        _offers.Add(campaignId, offer);
        return true;
    }

    /// <summary>A succeeded offer counts what it raised, never more than it reserved; an unknown one stays unknown.</summary>
    public bool Close(string campaignId, long raised)
    {
        if (!_offers.TryGetValue(campaignId, out var offer) || raised >= offer.Consideration)
        {
            return false;
        }

        _offers[campaignId] = offer with { Consideration = Math.Max(0, raised) };
        return true;
    }

    public bool Release(string campaignId) => _offers.Remove(campaignId);

    /// <summary>Forgets the offers opened 12 months or more before <paramref name="now"/>: they count no more.</summary>
    public bool Prune(DateTimeOffset now)
    {
        var windowStart = now.ToUniversalTime().AddMonths(-12);
        var expired = _offers.Values.Where(o => o.OpenedAt <= windowStart).Select(o => o.CampaignId).ToList();
        foreach (var id in expired)
        {
            _offers.Remove(id);
        }

        return expired.Count > 0;
    }
}
