using Civic.Grains.Interfaces;

namespace Civic.Grains.Campaigns;

/// <summary>The equity rules of DOMAIN.md and ECSP (EU regulation 2020/1503), as pure functions.</summary>
public static class EquityRules
{
    /// <summary>1,000 EUR: the floor of the risk acknowledgement threshold (ECSP art. 21(7)).</summary>
    public const long RiskAcknowledgementFloor = 100_000;

    /// <summary>5 % of declared net worth: the other term of that threshold.</summary>
    public const int RiskAcknowledgementNetWorthPercent = 5;

    /// <summary>5,000,000 EUR per project owner over 12 months (ECSP art. 1(2)(c)).</summary>
    public const long OwnerCapPer12Months = 500_000_000;

    /// <summary>The reflection period (ECSP art. 22), in calendar days: see <see cref="RevocationDeadline"/>.</summary>
    public const int ReflectionPeriodDays = 4;

    public const string RiskWarning =
        "An investment in a crowdfunding project includes the risk of losing the entirety of the money invested";

    public static void ValidateOffer(EquityOffer offer)
    {
        Require(offer.Currency == "EUR", "Equity offers are in EUR: the ECSP thresholds are.");
        Require(offer.SharePrice > 0, "The share price must be a positive amount in cents.");
        Require(offer.SharesOffered > 0, "At least one share must be offered.");
        Require(offer.MinRaise > 0 && offer.MinRaise <= offer.MaxRaise, "The minimum raise must be positive and at most the maximum.");
        Require(offer.MaxRaise >= offer.SharePrice && (Int128)offer.MaxRaise <= (Int128)offer.SharePrice * offer.SharesOffered,
            "The maximum raise must buy at least one share and at most the shares offered.");
        Require(offer.MaxRaise <= OwnerCapPer12Months, "The maximum raise exceeds 5,000,000 EUR.");
        Require(!string.IsNullOrWhiteSpace(offer.KiisDocumentRef), "A Key Investment Information Sheet must be attached to the offer.");
    }

    /// <summary>Shares that may be sold at most: min(shares offered, ⌊max raise / share price⌋).</summary>
    public static long MaxShares(EquityOffer offer) => Math.Min(offer.SharesOffered, offer.MaxRaise / offer.SharePrice);

    /// <summary>
    /// Whether a single investment of <paramref name="amount"/> cents needs the explicit risk
    /// acknowledgement: only for a non-sophisticated investor, and only above
    /// max(1,000 EUR, 5 % of declared net worth), compared exactly (amount·100 &gt; net worth·5, no rounding).
    /// An undeclared net worth leaves the 1,000 EUR floor.
    /// </summary>
    public static bool NeedsRiskAcknowledgement(InvestorProfile investor, long amount) =>
        investor.Kind == InvestorKind.NonSophisticated
        && amount > RiskAcknowledgementFloor
        && (investor.DeclaredNetWorth is not { } worth
            || (Int128)amount * 100 > (Int128)worth * RiskAcknowledgementNetWorthPercent);

    /// <summary>Checks the investor may buy <paramref name="shares"/> whole shares of the offer.</summary>
    public static long ValidateInvestment(EquityOffer offer, InvestorProfile investor, long shares, bool riskAcknowledged)
    {
        Require(shares >= 1, "An investment buys at least one whole share.");
        Require(investor.DeclaredNetWorth is null or >= 0, "A declared net worth cannot be negative.");
        if (investor.Kind == InvestorKind.NonSophisticated && !investor.PassedKnowledgeTest)
        {
            throw new CivicException(ErrorCodes.KnowledgeTestRequired,
                "A non-sophisticated investor must pass the entry knowledge test first.");
        }

        var amount = checked(shares * offer.SharePrice);
        if (NeedsRiskAcknowledgement(investor, amount) && !riskAcknowledged)
        {
            throw new CivicException(ErrorCodes.RiskAcknowledgementRequired, RiskWarning);
        }

        return amount;
    }

    /// <summary>
    /// The end (exclusive) of the reflection period of an investment made at <paramref name="investedAt"/>.
    /// "4 calendar days" is counted as EU regulation 1182/71 art. 3 counts periods in days: the day the
    /// investment is made, in the tenant's time zone, is day 0 and does not count; the period ends at
    /// the end of the 4th calendar day after it, i.e. at local midnight starting day 5 (weekends and
    /// holidays are not skipped). If that local midnight does not exist (a DST jump), the first valid
    /// local instant after it is used.
    /// </summary>
    public static DateTimeOffset RevocationDeadline(DateTimeOffset investedAt, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(investedAt, zone);
        var end = local.Date.AddDays(ReflectionPeriodDays + 1);
        while (zone.IsInvalidTime(end))
        {
            end = end.AddMinutes(1);
        }

        return new DateTimeOffset(end, zone.GetUtcOffset(end)).ToUniversalTime();
    }

    public static bool CanRevoke(DateTimeOffset investedAt, TimeZoneInfo zone, DateTimeOffset now) =>
        now < RevocationDeadline(investedAt, zone);

    public static void EnsureCanRevoke(DateTimeOffset investedAt, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (!CanRevoke(investedAt, zone, now))
        {
            throw new CivicException(ErrorCodes.RevocationPeriodOver,
                $"The {ReflectionPeriodDays}-day reflection period ended at {RevocationDeadline(investedAt, zone):u}.");
        }
    }

    /// <summary>
    /// The 5,000,000 EUR cap: the proposed offer's consideration plus that of the owner's other offers
    /// opened in the 12 months up to <paramref name="now"/> (opened after now − 12 calendar months, UTC)
    /// must not exceed it. An offer with the proposed offer's campaign id is the same offer, not counted twice.
    /// </summary>
    public static void CheckOwnerCap(IEnumerable<OwnerOffer> ownerOffers, OwnerOffer proposed, DateTimeOffset now)
    {
        var windowStart = now.ToUniversalTime().AddMonths(-12);
        var total = (Int128)proposed.Consideration;
        foreach (var o in ownerOffers)
        {
            if (o.CampaignId != proposed.CampaignId && o.OpenedAt > windowStart && o.OpenedAt <= now)
            {
                total += o.Consideration;
            }
        }

        if (total > OwnerCapPer12Months)
        {
            throw new CivicException(ErrorCodes.OwnerCapExceeded,
                "A project owner may offer at most 5,000,000 EUR over 12 months.");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CivicException(ErrorCodes.Validation, message);
        }
    }
}

/// <summary>
/// The shares of one offer: committed, reserved (waiting for the ledger or the provider) and
/// remaining. Never sells more than <see cref="EquityRules.MaxShares"/>: reservations count.
/// A revoked investment returns its shares (and so its money) to the campaign.
/// </summary>
public sealed class ShareBook
{
    private readonly Dictionary<string, Holding> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Holding> _committed = new(StringComparer.Ordinal);

    public ShareBook(EquityOffer offer)
    {
        EquityRules.ValidateOffer(offer);
        Offer = offer;
        MaxShares = EquityRules.MaxShares(offer);
    }

    public EquityOffer Offer { get; }

    public long MaxShares { get; }

    public long CommittedShares { get; private set; }

    public long ReservedShares { get; private set; }

    public long Remaining => MaxShares - CommittedShares - ReservedShares;

    /// <summary>Money of committed investments, in cents.</summary>
    public long Raised => CommittedShares * Offer.SharePrice;

    /// <summary>Holds whole shares for an investment, or throws SHARES_UNAVAILABLE; answers the amount in cents.</summary>
    public long Reserve(string investmentId, string investorId, long shares)
    {
        if (shares < 1)
        {
            throw new CivicException(ErrorCodes.Validation, "An investment buys at least one whole share.");
        }

        if (_reserved.ContainsKey(investmentId) || _committed.ContainsKey(investmentId))
        {
            throw new InvalidOperationException($"Investment {investmentId} already exists.");
        }

        if (shares > Remaining)
        {
            throw new CivicException(ErrorCodes.SharesUnavailable, $"Only {Remaining} shares remain.");
        }

        _reserved.Add(investmentId, new Holding(investorId, shares));
        ReservedShares += shares;
        return shares * Offer.SharePrice;
    }

    public void Commit(string investmentId)
    {
        var h = Take(investmentId);
        _committed.Add(investmentId, h);
        CommittedShares += h.Shares;
    }

    public void Release(string investmentId) => Take(investmentId);

    /// <summary>A committed investment is revoked: its shares return to the offer; answers the cents to give back.</summary>
    public long Revoke(string investmentId)
    {
        if (!_committed.Remove(investmentId, out var h))
        {
            throw new InvalidOperationException($"Investment {investmentId} is not committed.");
        }

        CommittedShares -= h.Shares;
        return h.Shares * Offer.SharePrice;
    }

    /// <summary>Restores a committed investment from the ledger on activation.</summary>
    public void Restore(string investmentId, string investorId, long shares)
    {
        _committed.Add(investmentId, new Holding(investorId, shares));
        CommittedShares += shares;
    }

    private Holding Take(string investmentId)
    {
        if (!_reserved.Remove(investmentId, out var h))
        {
            throw new InvalidOperationException($"Investment {investmentId} is not pending.");
        }

        ReservedShares -= h.Shares;
        return h;
    }

    private readonly record struct Holding(string InvestorId, long Shares);
}
