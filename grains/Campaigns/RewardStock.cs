using Civic.Grains.Interfaces;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The rewards of a donation campaign and their stock. A unit is reserved before the contribution is
/// written, then committed or released: committed plus reserved never exceeds the stock, so the last
/// units never oversell, however pledges interleave.
/// </summary>
/// <remarks>
/// Committed units are counted once, by whoever counts the contributions: the stock reads them from
/// <c>committedUnits</c> (the campaign's <see cref="CampaignBook.CommittedRewards"/>), so a refund, a
/// failed payment or a revocation that the book takes out gives its unit back by itself. Standing alone
/// (no source given) the stock counts its own committed units.
/// </remarks>
public sealed class RewardStock
{
    private readonly Dictionary<string, Reward> _rewards = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, int> _committed;
    private readonly Dictionary<string, int>? _ownCommitted;
    private readonly Dictionary<string, int> _reservedCount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _reservations = new(StringComparer.Ordinal);

    public RewardStock(IEnumerable<Reward> rewards, IReadOnlyDictionary<string, int>? committedUnits = null)
    {
        _ownCommitted = committedUnits is null ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
        _committed = committedUnits ?? _ownCommitted!;
        foreach (var r in rewards)
        {
            Validate(r);
            if (!_rewards.TryAdd(r.Id, r))
            {
                throw new CivicException(ErrorCodes.Validation, $"Reward {r.Id} is listed twice.");
            }
        }
    }

    public static void Validate(Reward r)
    {
        if (string.IsNullOrWhiteSpace(r.Id) || string.IsNullOrWhiteSpace(r.Title))
        {
            throw new CivicException(ErrorCodes.Validation, "A reward needs an id and a title.");
        }

        if (r.MinAmount < 1 || r.Stock is < 0)
        {
            throw new CivicException(ErrorCodes.Validation, "A reward needs a positive minimum amount and a stock of zero or more.");
        }
    }

    public RewardAvailability Availability(string rewardId)
    {
        var r = Find(rewardId);
        var committed = _committed.GetValueOrDefault(rewardId);
        var reserved = _reservedCount.GetValueOrDefault(rewardId);
        return new RewardAvailability(rewardId, committed, reserved, r.Stock - committed - reserved);
    }

    /// <summary>
    /// Holds one unit of <paramref name="rewardId"/> for a donation of <paramref name="donationAmount"/>
    /// cents: AMOUNT_TOO_LOW under the reward's minimum, REWARD_UNAVAILABLE when no unit is left.
    /// </summary>
    public void Reserve(string reservationId, string rewardId, long donationAmount)
    {
        var r = Find(rewardId);
        if (donationAmount < r.MinAmount)
        {
            throw new CivicException(ErrorCodes.AmountTooLow, $"This reward needs a donation of at least {r.MinAmount} cents.");
        }

        if (_reservations.ContainsKey(reservationId))
        {
            throw new InvalidOperationException($"Reservation {reservationId} already exists.");
        }

        if (Availability(rewardId).Remaining is <= 0)
        {
            throw new CivicException(ErrorCodes.RewardUnavailable, "This reward is out of stock.");
        }

        _reservations.Add(reservationId, rewardId);
        _reservedCount[rewardId] = _reservedCount.GetValueOrDefault(rewardId) + 1;
    }

    /// <summary>The reserved unit is now committed (counted by the committed-units source when there is one).</summary>
    public void Commit(string reservationId)
    {
        var rewardId = Take(reservationId);
        if (_ownCommitted is not null)
        {
            _ownCommitted[rewardId] = _ownCommitted.GetValueOrDefault(rewardId) + 1;
        }
    }

    public void Release(string reservationId) => Take(reservationId);

    private string Take(string reservationId)
    {
        if (!_reservations.Remove(reservationId, out var rewardId))
        {
            throw new InvalidOperationException($"Reservation {reservationId} is not pending.");
        }

        _reservedCount[rewardId]--;
        return rewardId;
    }

    private Reward Find(string rewardId) =>
        _rewards.GetValueOrDefault(rewardId) ?? throw new CivicException(ErrorCodes.NotFound, $"Unknown reward {rewardId}.");
}
