using Civic.Grains.Campaigns.Financing;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The one book of a campaign's contributions: the money (<see cref="CampaignBook"/>) and what the financing
/// mode holds beside it (<see cref="IFinancingMode"/>), moved together. Every move of a contribution goes
/// through one method here (Reserve, Hold, Confirm, Fail, Release, Refund, Revoke, Restore), so no per-mode
/// book is ever forgotten. Pure bookkeeping, no I/O: the grain writes the ledger first, then calls it.
/// </summary>
public sealed class ContributionBook
{
    private readonly CampaignBook _money;
    private readonly IFinancingMode _mode;

    private ContributionBook(CampaignBook money, IFinancingMode mode)
    {
        _money = money;
        _mode = mode;
    }

    /// <summary>The confirmed, non-revoked money: the one source of "raised".</summary>
    public long Raised => _money.Raised;

    public int Contributions => _money.Contributions;

    public int Backers => _money.Backers;

    /// <summary>Reservations waiting for the ledger or for a PENDING payment.</summary>
    public int InFlight => _money.InFlight;

    public IFinancingMode Mode => _mode;

    public IEnumerable<KeyValuePair<string, BackerTotals>> BackerAmounts => _money.BackerAmounts;

    /// <summary>Every contribution known, whatever its payment status.</summary>
    public IEnumerable<(string Member, string Key, CampaignBook.KnownPledge Pledge)> All => _money.All;

    public static ContributionBook Empty(CampaignState s)
    {
        var money = CampaignBook.Empty();
        return new ContributionBook(money, FinancingModes.For(s, money));
    }

    /// <summary>Rebuilds every book from a snapshot, the amounts per backer up to its watermark, and the ledger rows written after it.</summary>
    public static ContributionBook Restore(
        CampaignState s, CampaignTotals snapshot, IEnumerable<KeyValuePair<string, BackerTotals>> backersAtWatermark, IReadOnlyList<ContributionEntry> rowsAfter)
    {
        var money = CampaignBook.Restore(snapshot, backersAtWatermark, rowsAfter);
        var mode = FinancingModes.For(s, money);
        mode.Restore(money, rowsAfter);
        return new ContributionBook(money, mode);
    }

    public CampaignTotals Snapshot() => _money.Snapshot();

    public bool TryFindKey(string memberId, string key, out CampaignBook.KnownPledge pledge) => _money.TryFindKey(memberId, key, out pledge);

    public CampaignBook.KnownPledge? FindContribution(string memberId, string contributionId) => _money.FindContribution(memberId, contributionId);

    public bool TryFindContribution(string contributionId, out string memberId, out string key, out CampaignBook.KnownPledge pledge) =>
        _money.TryFindContribution(contributionId, out memberId, out key, out pledge);

    public CampaignBook.Reservation? HeldReservation(long seq) => _money.HeldReservation(seq);

    /// <summary>
    /// Holds what a new contribution needs, in the caller's turn: the mode first (a reward unit, the lender's
    /// headroom, shares; if that throws nothing else is held), then the amount and the next sequence number.
    /// </summary>
    public (CampaignBook.Reservation Reservation, CampaignBook.KnownPledge Pledge) Reserve(
        string contributionId, string memberId, long amount, string? rewardId, DateTimeOffset at)
    {
        _mode.Reserve(new Contribution(contributionId, memberId, amount, rewardId));
        var reservation = _money.Reserve(memberId, amount, rewardId);
        return (reservation, new CampaignBook.KnownPledge(contributionId, amount, at, reservation.Seq, rewardId));
    }

    /// <summary>The ledger has the row, PENDING (or a new provider reference): the key is known, nothing counts yet.</summary>
    public void Hold(CampaignBook.Reservation reservation, CampaignBook.KnownPledge pledge, string key) =>
        _money.Hold(reservation, pledge, key);

    /// <summary>The ledger refused the row (or its answer is unknown): nothing of it is held any more.</summary>
    public void Release(CampaignBook.Reservation reservation, CampaignBook.KnownPledge pledge)
    {
        _money.Release(reservation);
        _mode.Release(Of(reservation.MemberId, pledge));
    }

    /// <summary>The payment is confirmed and recorded: the contribution counts, and takes what it held for good.</summary>
    public void Confirm(CampaignBook.Reservation reservation, CampaignBook.KnownPledge pledge, string key)
    {
        _mode.Confirm(Of(reservation.MemberId, pledge));
        _money.Commit(reservation, pledge, key);
    }

    /// <summary>The payment failed and is recorded: it never counts, and what it held comes back.</summary>
    public void Fail(CampaignBook.Reservation reservation, CampaignBook.KnownPledge pledge, string key, string? reason)
    {
        _money.Fail(reservation, key, reason);
        _mode.Release(Of(reservation.MemberId, pledge));
    }

    /// <summary>A confirmed contribution's money went back (recorded): it no longer counts, unless a revocation already took it out.</summary>
    public void Refund(string memberId, string key, string? refundReference)
    {
        _money.TryFindKey(memberId, key, out var pledge);
        _money.Refund(memberId, key, refundReference);
        if (!pledge.Revoked)
        {
            _mode.Return(Of(memberId, pledge));
        }
    }

    /// <summary>The ledger marked a confirmed contribution revoked: it no longer counts, what it took comes back.</summary>
    public void Revoke(string memberId, CampaignBook.KnownPledge pledge)
    {
        if (pledge.Revoked || pledge.Status != PaymentStatus.Confirmed)
        {
            throw new InvalidOperationException($"Contribution {pledge.ContributionId} is not a confirmed, unrevoked one.");
        }

        _money.Revoke(memberId, pledge);
        _mode.Return(Of(memberId, pledge));
    }

    private static Contribution Of(string memberId, CampaignBook.KnownPledge pledge) =>
        new(pledge.ContributionId, memberId, pledge.Amount, pledge.RewardId);
}
