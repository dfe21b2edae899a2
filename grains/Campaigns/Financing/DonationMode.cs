using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;

namespace Civic.Grains.Campaigns.Financing;

/// <summary>
/// Donations, with optional rewards. Committed units are the book's own count (<see cref="CampaignBook.CommittedRewards"/>),
/// so the stock never drifts from it: a refunded, failed or revoked donation gives its unit back with its money.
/// </summary>
public sealed class DonationMode(IEnumerable<Reward> rewards, CampaignBook book) : IFinancingMode
{
    private readonly RewardStock _stock = new(rewards, book.CommittedRewards);

    public void Reserve(Contribution c)
    {
        if (c.RewardId is { } rewardId)
        {
            _stock.Reserve(c.ContributionId, rewardId, c.Amount);
        }
    }

    public void Confirm(Contribution c)
    {
        if (c.RewardId is not null)
        {
            _stock.Commit(c.ContributionId);
        }
    }

    public void Release(Contribution c)
    {
        if (c.RewardId is not null)
        {
            _stock.Release(c.ContributionId);
        }
    }

    /// <summary>Nothing to do: the book took the unit out of its count with the money.</summary>
    public void Return(Contribution c)
    {
    }

    public void Restore(CampaignBook book, IReadOnlyList<ContributionEntry> rows)
    {
        foreach (var row in rows.Where(r => r.Payment == PaymentStatus.Pending && r.RewardId is not null))
        {
            _stock.Reserve(row.ContributionId, row.RewardId!, row.Amount);
        }
    }

    public int? RewardsRemaining(string rewardId) => _stock.Availability(rewardId).Remaining;
}
