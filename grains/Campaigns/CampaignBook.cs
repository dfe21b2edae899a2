using Civic.Grains.Interfaces;
using Civic.Grains.Payments;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The campaign's money in memory: committed totals, reservations still waiting for the ledger,
/// and the idempotency keys seen. Pure bookkeeping, no I/O: the grain drives it.
/// </summary>
/// <remarks>
/// Each ledger row carries the grain's own sequence number. Reservations are numbered in order
/// but may commit out of order, so a snapshot only speaks for rows up to the
/// <see cref="Watermark"/> (every row at or below it is settled, committed or released); committed
/// rows above it are left out of the snapshot and replayed from the ledger on activation.
/// A contribution whose payment is still PENDING keeps its reservation (it holds its place and pins
/// the watermark, so its later confirmation is replayed too) but does not count until confirmed.
/// </remarks>
public sealed class CampaignBook
{
    private readonly CampaignTotals _committed;

    /// <summary>Committed money per backer (every committed row, above the watermark too); never in a snapshot.</summary>
    private readonly Dictionary<string, BackerTotals> _backers;
    private readonly SortedDictionary<long, Reservation> _reserved = [];
    private readonly List<Reservation> _committedAboveWatermark = [];
    private readonly Dictionary<(string Member, string Key), KnownPledge> _keys = [];
    private readonly Dictionary<string, (string Member, string Key)> _byContribution = new(StringComparer.Ordinal);
    private long _nextSeq;

    private CampaignBook(CampaignTotals committed, Dictionary<string, BackerTotals> backers, long nextSeq)
    {
        _committed = committed;
        _backers = backers;
        _nextSeq = nextSeq;
    }

    public long Raised => _committed.Raised;

    public int Contributions => _committed.Contributions;

    public int Backers => _backers.Count;

    public int InFlight => _reserved.Count;

    /// <summary>Committed units per reward id.</summary>
    public IReadOnlyDictionary<string, int> CommittedRewards => _committed.Rewards;

    /// <summary>Every row with a sequence number at or below this one is settled.</summary>
    public long Watermark => _reserved.Count > 0 ? _reserved.Keys.First() - 1 : _nextSeq - 1;

    public static CampaignBook Empty() => new(new CampaignTotals(), new Dictionary<string, BackerTotals>(StringComparer.Ordinal), 1);

    /// <summary>
    /// Rebuilds the book from a snapshot, the amounts per backer of the committed rows up to its watermark (summed by
    /// the ledger: <see cref="BackersOf"/> says which rows), and the ledger rows written after it.
    /// </summary>
    public static CampaignBook Restore(
        CampaignTotals snapshot, IEnumerable<KeyValuePair<string, BackerTotals>> backersAtWatermark, IEnumerable<Ledger.ContributionEntry> rowsAfter)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var book = new CampaignBook(snapshot.Clone(), new Dictionary<string, BackerTotals>(backersAtWatermark, StringComparer.Ordinal), snapshot.Watermark + 1);
        foreach (var row in rowsAfter)
        {
            if (row.Seq <= snapshot.Watermark)
            {
                throw new InvalidOperationException($"Row {row.Seq} is already in the snapshot (watermark {snapshot.Watermark}).");
            }

            if (PaymentTransitions.Counts(row.Payment, revoked: row.RevokedAt is not null))
            {
                book.Count(row.MemberId, row.Amount, row.RewardId);
            }
            else if (row.Payment == PaymentStatus.Pending)
            {
                book._reserved.Add(row.Seq, new Reservation(row.Seq, row.MemberId, row.Amount, row.RewardId));
            }

            // A revoked, failed or refunded row keeps its key (a retry answers the first outcome) and its sequence number.
            book.Remember(row.MemberId, row.IdempotencyKey, new KnownPledge(
                row.ContributionId, row.Amount, row.CreatedAt, row.Seq, row.RewardId, row.Payment, row.PaymentReference, row.RevokedAt is not null));
            book._nextSeq = Math.Max(book._nextSeq, row.Seq + 1);
        }

        return book;
    }

    /// <summary>Committed cents per backer.</summary>
    public IEnumerable<KeyValuePair<string, BackerTotals>> BackerAmounts => _backers;

    /// <summary>
    /// The amounts per backer of <paramref name="rows"/> that count (confirmed, not revoked): what the ledger sums for
    /// <see cref="Restore"/> (<c>LedgerStore.BackersUpToAsync</c>, from the view <c>civic_counted_contributions</c>).
    /// </summary>
    public static Dictionary<string, BackerTotals> BackersOf(IEnumerable<Ledger.ContributionEntry> rows)
    {
        var backers = new Dictionary<string, BackerTotals>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => PaymentTransitions.Counts(r.Payment, revoked: r.RevokedAt is not null)))
        {
            var current = backers.GetValueOrDefault(row.MemberId);
            backers[row.MemberId] = new BackerTotals(current.Amount + row.Amount, current.Count + 1);
        }

        return backers;
    }

    /// <summary>A contribution of this member, by id (any payment status).</summary>
    public KnownPledge? FindContribution(string memberId, string contributionId) =>
        _byContribution.TryGetValue(contributionId, out var at) && at.Member == memberId ? _keys[at] : null;

    /// <summary>A contribution by id, with its backer and idempotency key.</summary>
    public bool TryFindContribution(string contributionId, out string memberId, out string key, out KnownPledge pledge)
    {
        if (_byContribution.TryGetValue(contributionId, out var at))
        {
            (memberId, key, pledge) = (at.Member, at.Key, _keys[at]);
            return true;
        }

        (memberId, key, pledge) = ("", "", null!);
        return false;
    }

    /// <summary>Every contribution known, whatever its payment status.</summary>
    public IEnumerable<(string Member, string Key, KnownPledge Pledge)> All =>
        _keys.Select(k => (k.Key.Member, k.Key.Key, k.Value));

    /// <summary>The ledger marked a committed row revoked: it no longer counts.</summary>
    public void Revoke(string memberId, KnownPledge pledge)
    {
        Uncount(memberId, pledge.Amount, pledge.RewardId);
        _committedAboveWatermark.RemoveAll(r => r.Seq == pledge.Seq);
        if (_byContribution.TryGetValue(pledge.ContributionId, out var at))
        {
            _keys[at] = _keys[at] with { Revoked = true };
        }
    }

    /// <summary>
    /// A confirmed contribution's money went back to its backer: it no longer counts (unless a revocation
    /// already took it out).
    /// </summary>
    public void Refund(string memberId, string key, string? refundReference)
    {
        var pledge = _keys[(memberId, key)];
        if (pledge.Status != PaymentStatus.Confirmed)
        {
            throw new InvalidOperationException($"Contribution {pledge.ContributionId} is {pledge.Status}, not confirmed.");
        }

        if (!pledge.Revoked)
        {
            Revoke(memberId, pledge);
        }

        _keys[(memberId, key)] = _keys[(memberId, key)] with { Status = PaymentStatus.Refunded, RefundReference = refundReference };
    }

    public bool TryFindKey(string memberId, string key, out KnownPledge pledge) =>
        _keys.TryGetValue((memberId, key), out pledge!);

    /// <summary>Takes the next sequence number and holds the amount until the ledger answers.</summary>
    public Reservation Reserve(string memberId, long amount, string? rewardId = null)
    {
        var reservation = new Reservation(_nextSeq++, memberId, amount, rewardId);
        _reserved.Add(reservation.Seq, reservation);
        return reservation;
    }

    /// <summary>
    /// The ledger has the row but its payment is PENDING: the key is known (a retry finds it), the
    /// reservation stays, nothing counts yet.
    /// </summary>
    public void Hold(Reservation reservation, KnownPledge pledge, string key)
    {
        if (!_reserved.ContainsKey(reservation.Seq))
        {
            throw new InvalidOperationException($"Reservation {reservation.Seq} is not pending.");
        }

        Remember(reservation.MemberId, key, pledge with { Status = PaymentStatus.Pending });
    }

    /// <summary>The payment of a held contribution failed: it never counts; its key answers FAILED.</summary>
    public void Fail(Reservation reservation, string key, string? reason)
    {
        Release(reservation);
        var at = (reservation.MemberId, key);
        _keys[at] = _keys[at] with { Status = PaymentStatus.Failed, FailureReason = reason };
    }

    /// <summary>The ledger has the row and its payment is confirmed: it now counts.</summary>
    public void Commit(Reservation reservation, KnownPledge pledge, string key)
    {
        if (!_reserved.Remove(reservation.Seq))
        {
            throw new InvalidOperationException($"Reservation {reservation.Seq} is not pending.");
        }

        Count(reservation.MemberId, reservation.Amount, reservation.RewardId);
        Remember(reservation.MemberId, key, pledge with { Status = PaymentStatus.Confirmed });
        if (reservation.Seq > Watermark)
        {
            _committedAboveWatermark.Add(reservation);
        }
    }

    /// <summary>The ledger refused or failed: the reservation never counts.</summary>
    public void Release(Reservation reservation)
    {
        if (!_reserved.Remove(reservation.Seq))
        {
            throw new InvalidOperationException($"Reservation {reservation.Seq} is not pending.");
        }
    }

    /// <summary>The reservation a held (PENDING) contribution keeps, found by its sequence number.</summary>
    public Reservation? HeldReservation(long seq) => _reserved.TryGetValue(seq, out var r) ? r : null;

    private void Count(string memberId, long amount, string? rewardId)
    {
        _committed.Add(amount, rewardId);
        var current = _backers.GetValueOrDefault(memberId);
        _backers[memberId] = new BackerTotals(current.Amount + amount, current.Count + 1);
    }

    private void Uncount(string memberId, long amount, string? rewardId)
    {
        _committed.Subtract(amount, rewardId);
        var current = _backers[memberId];
        if (current.Count == 1)
        {
            _backers.Remove(memberId);
        }
        else
        {
            _backers[memberId] = new BackerTotals(current.Amount - amount, current.Count - 1);
        }
    }

    private void Remember(string memberId, string key, KnownPledge pledge)
    {
        _keys[(memberId, key)] = pledge;
        _byContribution[pledge.ContributionId] = (memberId, key);
    }

    /// <summary>Totals of exactly the rows at or below the current watermark.</summary>
    public CampaignTotals Snapshot()
    {
        var watermark = Watermark;
        var snapshot = _committed.Clone();
        _committedAboveWatermark.RemoveAll(r => r.Seq <= watermark);
        foreach (var row in _committedAboveWatermark)
        {
            snapshot.Subtract(row.Amount, row.RewardId);
        }

        snapshot.Watermark = watermark;
        return snapshot;
    }

    public readonly record struct Reservation(long Seq, string MemberId, long Amount, string? RewardId = null);

    public sealed record KnownPledge(
        string ContributionId,
        long Amount,
        DateTimeOffset At,
        long Seq,
        string? RewardId = null,
        PaymentStatus Status = PaymentStatus.Confirmed,
        string? Reference = null,
        bool Revoked = false,
        string? FailureReason = null,
        string? RefundReference = null,
        string? Method = null);
}
