using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The repayments of a succeeded loan campaign: read once from the ledger, recorded durable first, then in
/// memory. Schedules come from what each lender lent in all (<see cref="LoanSchedule"/>).
/// </summary>
internal sealed class LoanRepayments(LedgerStore store, Func<CampaignState> state)
{
    private Dictionary<string, ImmutableArray<LoanRepayment>>? _byLender;

    private CampaignState S => state();

    /// <summary>A lender's schedule once the loan campaign succeeded, computed from all they lent; null otherwise.</summary>
    public static ImmutableArray<LoanInstalment>? ScheduleOf(CampaignState s, ContributionBook book, CampaignStatus status, string lenderId)
    {
        if (s.Loan is null || status is not (CampaignStatus.Succeeded or CampaignStatus.PaidOut))
        {
            return null;
        }

        var lent = book.BackerAmounts.FirstOrDefault(b => b.Key == lenderId).Value.Amount;
        return lent > 0 ? LoanSchedule.Compute(lent, s.Loan) : null;
    }

    /// <summary>An admin records a repayment against the lender's schedule (idempotent on the repayment id).</summary>
    public async Task<LoanPosition> RecordAsync(
        Actor admin, string lenderId, LoanRepayment repayment, Func<string, ImmutableArray<LoanInstalment>?> scheduleOf, DateOnly today)
    {
        if (!admin.IsAtLeast(Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin records loan repayments.");
        }

        TextRules.Require("The idempotency key", repayment.Id, TextLimits.IdempotencyKey);
        TextRules.Require("The lender id", lenderId, TextLimits.Id);
        var schedule = scheduleOf(lenderId)
            ?? throw new CivicException(ErrorCodes.NotFound, "This lender has no repayment schedule on this campaign.");
        var repayments = await LoadAsync();
        var recorded = repayments.GetValueOrDefault(lenderId, []);
        var next = LoanLedger.Record(schedule, recorded, repayment);
        if (next != recorded)
        {
            // Durable first, then in memory (the grain does not interleave this call, so one writer per lender).
            await store.InsertLoanRepaymentAsync(S.Tenant, S.Id, lenderId, repayment.Id, repayment.Amount, repayment.PaidOn);
            repayments[lenderId] = next;
        }

        return LoanLedger.Position(schedule, next, today);
    }

    public async Task<LoanPosition> PositionAsync(ImmutableArray<LoanInstalment> schedule, string lenderId, DateOnly today) =>
        LoanLedger.Position(schedule, (await LoadAsync()).GetValueOrDefault(lenderId, []), today);

    private async Task<Dictionary<string, ImmutableArray<LoanRepayment>>> LoadAsync()
    {
        if (_byLender is null)
        {
            var rows = await store.LoanRepaymentsAsync(S.Tenant, S.Id);
            _byLender ??= rows.ToDictionary(
                r => r.Key, r => r.Value.Select(x => new LoanRepayment(x.Id, x.Amount, x.PaidOn)).ToImmutableArray(), StringComparer.Ordinal);
        }

        return _byLender;
    }
}
