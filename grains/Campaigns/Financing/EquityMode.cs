using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;

namespace Civic.Grains.Campaigns.Financing;

/// <summary>Equity: whole shares, never more than remain; a refund or a revocation returns them to the offer.</summary>
public sealed class EquityMode(EquityOffer offer) : IFinancingMode
{
    private readonly ShareBook _shares = new(offer);

    public EquityOffer Offer => _shares.Offer;

    public long? SharesRemaining => _shares.Remaining;

    public void Reserve(Contribution c) => _shares.Reserve(c.ContributionId, c.MemberId, c.Amount / offer.SharePrice);

    public void Confirm(Contribution c) => _shares.Commit(c.ContributionId);

    public void Release(Contribution c) => _shares.Release(c.ContributionId);

    public void Return(Contribution c) => _shares.Revoke(c.ContributionId);

    /// <summary>An equity campaign replays its whole ledger, so every row is here.</summary>
    public void Restore(CampaignBook book, IReadOnlyList<ContributionEntry> rows)
    {
        foreach (var row in rows.Where(r => r.RevokedAt is null))
        {
            if (row.Payment == PaymentStatus.Confirmed)
            {
                _shares.Restore(row.ContributionId, row.MemberId, row.Amount / offer.SharePrice);
            }
            else if (row.Payment == PaymentStatus.Pending)
            {
                _shares.Reserve(row.ContributionId, row.MemberId, row.Amount / offer.SharePrice);
            }
        }
    }
}
