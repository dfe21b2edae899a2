using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Campaigns;

/// <summary>What the settlement pass of an ended campaign must do now; the grain executes it.</summary>
/// <param name="Refunds">Confirmed contributions whose money goes back now (owed ones first, then, for a failed campaign, everyone).</param>
/// <param name="DropOwed">Owed refunds that no longer apply (not confirmed any more): forgotten.</param>
/// <param name="PayOut">Pay the owner now (the amount is fixed when the payout starts, before the provider is asked).</param>
/// <param name="RefundedWhenDone">Once every refund is done, the campaign moves FAILED → REFUNDED.</param>
/// <param name="LookAgainAt">When to look again even if everything now succeeds (a payout not yet due).</param>
public sealed record SettlementPlan(
    ImmutableArray<string> Refunds,
    ImmutableArray<string> DropOwed,
    bool PayOut,
    bool RefundedWhenDone,
    DateTimeOffset? LookAgainAt);

/// <summary>A contribution as the settlement needs it.</summary>
public readonly record struct SettlementRow(string ContributionId, PaymentStatus Status, bool Revoked, DateTimeOffset At);

/// <summary>
/// Plans the settlement of an ended campaign as a pure function of its state: a FAILED one refunds every
/// confirmed contribution, then becomes REFUNDED (one that never took money stays FAILED); a SUCCEEDED one is
/// paid out once its payout is due (<see cref="PayoutDue"/>); owed refunds (revocations, payments confirmed
/// after the refunds or the payout) are always paid back first.
/// </summary>
public static class CampaignSettlement
{
    /// <summary>The reflection period is counted in the platform's time zone (French tenants).</summary>
    public static readonly TimeZoneInfo ReflectionZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static SettlementPlan Plan(
        CampaignStatus status, FinancingMode mode, DateTimeOffset endsAt, IReadOnlyCollection<string> owedRefunds, IReadOnlyList<SettlementRow> rows, int inFlight,
        TimeSpan settlementGrace, DateTimeOffset now)
    {
        var byId = rows.ToDictionary(r => r.ContributionId, StringComparer.Ordinal);
        var refunds = ImmutableArray.CreateBuilder<string>();
        var drop = ImmutableArray.CreateBuilder<string>();
        foreach (var id in owedRefunds)
        {
            (byId.TryGetValue(id, out var row) && row.Status == PaymentStatus.Confirmed ? refunds : drop).Add(id);
        }

        var payout = false;
        DateTimeOffset? lookAgain = null;
        var refundedWhenDone = false;
        switch (status)
        {
            case CampaignStatus.Failed or CampaignStatus.Refunded:
                refunds.AddRange(rows.Where(r => r.Status == PaymentStatus.Confirmed && !owedRefunds.Contains(r.ContributionId))
                    .Select(r => r.ContributionId));
                refundedWhenDone = status == CampaignStatus.Failed
                    && (refunds.Count > 0 || rows.Any(r => r.Status == PaymentStatus.Refunded));
                break;

            case CampaignStatus.Succeeded:
                var due = PayoutDue(mode, endsAt, rows, inFlight, settlementGrace);
                if (now < due)
                {
                    lookAgain = due;
                }
                else
                {
                    payout = true;
                }

                break;
        }

        return new SettlementPlan(refunds.ToImmutable(), drop.ToImmutable(), payout, refundedWhenDone, lookAgain);
    }

    /// <summary>
    /// When a succeeded campaign may be paid out: at its close if no payment is pending, else once the grace
    /// period after the end is over; equity never before the last reflection period has ended.
    /// </summary>
    public static DateTimeOffset PayoutDue(FinancingMode mode, DateTimeOffset endsAt, IEnumerable<SettlementRow> rows, int inFlight, TimeSpan grace)
    {
        var due = ClosesAt(mode, endsAt, rows);
        return inFlight > 0 && endsAt + grace > due ? endsAt + grace : due;
    }

    /// <summary>
    /// When the clock closes a live campaign: at its end; an equity offer once every investment's reflection
    /// period is over too, so a revocation can never come after its outcome (no SUCCEEDED → FAILED move).
    /// </summary>
    public static DateTimeOffset ClosesAt(FinancingMode mode, DateTimeOffset endsAt, IEnumerable<SettlementRow> rows)
    {
        var due = endsAt;
        if (mode == FinancingMode.Equity)
        {
            foreach (var row in rows.Where(r => r.Status is PaymentStatus.Confirmed or PaymentStatus.Pending && !r.Revoked))
            {
                var deadline = EquityRules.RevocationDeadline(row.At, ReflectionZone);
                due = deadline > due ? deadline : due;
            }
        }

        return due;
    }
}
