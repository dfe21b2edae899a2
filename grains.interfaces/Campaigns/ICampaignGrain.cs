using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>One per campaign, keyed "tenant/id": the only writer of the campaign's totals.</summary>
public interface ICampaignGrain : IGrainWithStringKey, ILiveCampaign
{
    Task<CampaignSummary> CreateAsync(CreateCampaign command, Actor actor);

    /// <summary>
    /// Admins only: the moderation fast path for the tenant's own campaigns. A DRAFT is approved
    /// without being submitted (recorded as "published"); an APPROVED one opens if its start has come.
    /// </summary>
    Task<CampaignSummary> PublishAsync(Actor actor);

    /// <summary>The owner sends a DRAFT or CHANGES_REQUESTED campaign to the moderators.</summary>
    Task<CampaignSummary> SubmitAsync(Actor actor);

    /// <summary>A moderator or admin sends a SUBMITTED campaign back to its owner.</summary>
    Task<CampaignSummary> RequestChangesAsync(Actor actor, string reason);

    /// <summary>A moderator or admin approves a SUBMITTED campaign; it goes LIVE at once if its start has come.</summary>
    Task<CampaignSummary> ApproveAsync(Actor actor, string? note);

    /// <summary>A moderator or admin refuses a SUBMITTED campaign for good.</summary>
    Task<CampaignSummary> RejectAsync(Actor actor, string reason);

    /// <summary>
    /// A moderator or admin flags a donation campaign as aid to people in difficulty (75% receipts for
    /// individuals) or clears the flag, until the campaign is live; recorded in the history.
    /// </summary>
    Task<CampaignSummary> SetAidToPeopleInDifficultyAsync(Actor actor, bool aid);

    /// <summary>Every status change, oldest first; null unless the viewer owns or moderates the campaign.</summary>
    Task<ImmutableArray<CampaignStatusChange>?> GetHistoryAsync(Actor? viewer);

    /// <summary>Acknowledged only once the contribution is durably in the ledger.</summary>
    [ResponseTimeout(WriteTimeout.Value)]
    Task<PledgeReceipt> PledgeAsync(Pledge command);

    /// <summary>Equity campaigns: buys whole shares; acknowledged only once durably in the ledger.</summary>
    [ResponseTimeout(WriteTimeout.Value)]
    Task<PledgeReceipt> InvestAsync(Invest command);

    /// <summary>
    /// Equity campaigns: the investor revokes one of their investments within the reflection period;
    /// its money and shares return to the campaign. Revoking again answers the same, changes nothing.
    /// </summary>
    Task<CampaignSummary> RevokeInvestmentAsync(Actor investor, string contributionId);

    /// <summary>Loan campaigns that succeeded: the viewer's repayment schedule; null if they lent nothing or it has not succeeded.</summary>
    Task<ImmutableArray<LoanInstalment>?> GetLoanScheduleAsync(Actor viewer);

    /// <summary>
    /// Admins: records a repayment to one lender of a succeeded loan campaign. The repayment id is the
    /// idempotency key; paying more than is owed is AMOUNT_TOO_HIGH. Answers the lender's position today.
    /// </summary>
    Task<LoanPosition> RecordLoanRepaymentAsync(Actor admin, string lenderId, LoanRepayment repayment);

    /// <summary>The viewer's loan position today (schedule, repayments, what is due); null if they have no schedule.</summary>
    Task<LoanPosition?> GetLoanPositionAsync(Actor viewer);

    /// <summary>
    /// The payment provider reported on a contribution (a verified webhook): PENDING → CONFIRMED makes it
    /// count, PENDING → FAILED releases what it held. The same notice again changes nothing. Answers the
    /// contribution's payment status afterwards.
    /// </summary>
    Task<PaymentStatus> SettlePaymentAsync(PaymentNotice notice);

    /// <summary>The campaign, or null if it was never created.</summary>
    Task<CampaignSummary?> GetAsync(Actor? viewer);

    /// <summary>
    /// The payment sweeper found no contribution row for this id of one of the campaign's key blocks: a charge
    /// made under it (a silo died before the row, or the row was refused) is refunded. True when no money is held
    /// under the id without a row any more; false to be asked again later (its pledge is in flight, or the
    /// provider has not settled the payment yet).
    /// </summary>
    Task<bool> ReleaseUnrecordedPaymentAsync(string contributionId);
}
