using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;

namespace Civic.Grains.Campaigns.Financing;

/// <summary>One contribution as a financing mode sees it: who, how much, and what it takes (a reward unit; shares are its amount over the share price).</summary>
public readonly record struct Contribution(string ContributionId, string MemberId, long Amount, string? RewardId = null);

/// <summary>
/// What one financing mode holds for its contributions beside the money (reward units, a lender's headroom,
/// shares). Only <see cref="ContributionBook"/> calls it, on every move of a contribution, so no mode is
/// ever left out of a reservation, a confirmation, a failure, a refund or a revocation.
/// </summary>
public interface IFinancingMode
{
    /// <summary>Validates and holds what the contribution takes, before anything else is reserved; throws the mode's error.</summary>
    void Reserve(Contribution contribution);

    /// <summary>The payment is confirmed: what was held is taken for good.</summary>
    void Confirm(Contribution contribution);

    /// <summary>The ledger refused the row or the payment failed: what was held comes back.</summary>
    void Release(Contribution contribution);

    /// <summary>A confirmed contribution no longer counts (refunded or revoked): what it took comes back.</summary>
    void Return(Contribution contribution);

    /// <summary>Rebuilds what the mode holds from the book (its committed totals) and the ledger rows replayed on activation.</summary>
    void Restore(CampaignBook book, IReadOnlyList<ContributionEntry> rows);

    /// <summary>Shares still for sale (equity only).</summary>
    long? SharesRemaining => null;

    /// <summary>Units of a reward still available; null when unlimited or when the mode has no rewards.</summary>
    int? RewardsRemaining(string rewardId) => null;
}

/// <summary>The mode of a campaign, from its settings.</summary>
public static class FinancingModes
{
    public static IFinancingMode For(CampaignState s, CampaignBook book) => s.Mode switch
    {
        FinancingMode.Loan when s.Loan is { } terms => new LoanMode(terms),
        FinancingMode.Equity when s.Equity is { } offer => new EquityMode(offer),
        _ => new DonationMode(s.Rewards, book),
    };
}
