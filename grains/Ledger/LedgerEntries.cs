using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Ledger;

/// <summary>A row on its way to the ledger. Each grain numbers its own rows with <see cref="Seq"/>.</summary>
public abstract record LedgerEntry(string Tenant, long Seq);

/// <summary>
/// A contribution's row, written once with what the provider answered its charge: <see cref="Payment"/> CONFIRMED
/// or FAILED (settled at <see cref="SettledAt"/>), or PENDING while its answer is open or was lost.
/// </summary>
public sealed record ContributionEntry(
    string Tenant,
    string CampaignId,
    long Seq,
    string ContributionId,
    string MemberId,
    long Amount,
    string Currency,
    string IdempotencyKey,
    DateTimeOffset CreatedAt,
    string? RewardId = null,
    DateTimeOffset? RevokedAt = null,
    PaymentStatus Payment = PaymentStatus.Pending,
    string? PaymentReference = null,
    string? PaymentProvider = null,
    string? PaymentMethod = null,
    string? PaymentFailure = null,
    DateTimeOffset? SettledAt = null) : LedgerEntry(Tenant, Seq);

/// <summary>
/// A contribution's payment moved (PENDING with the provider's reference, CONFIRMED, FAILED, REFUNDED).
/// Written through the same group commit as new rows; <see cref="CommitOutcome.Duplicate"/> means the
/// row was not in a state that allows the move.
/// </summary>
public sealed record PaymentEntry(
    string Tenant,
    string ContributionId,
    PaymentStatus Status,
    string Provider,
    string? Reference,
    string? Method,
    string? FailureReason,
    DateTimeOffset At,
    string? RefundReference = null) : LedgerEntry(Tenant, 0);

public sealed record BallotEntry(
    string Tenant,
    string VoteId,
    long Seq,
    string BallotId,
    string VoterKey,
    ImmutableArray<string> Choices,
    DateTimeOffset CastAt,
    ImmutableArray<int> Points,
    string? District,
    string VoterRef,
    bool IsExtra) : LedgerEntry(Tenant, Seq);

/// <summary>
/// A member's support of an idea (<see cref="Withdraw"/> false), or its withdrawal. One row per member and idea:
/// supporting inserts it or clears its withdrawal; withdrawing sets it. <see cref="CommitOutcome.Duplicate"/>
/// means the row was already so (a support already live, a withdrawal of no live support).
/// </summary>
public sealed record SupportEntry(
    string Tenant,
    string BoxId,
    string IdeaId,
    string MemberId,
    DateTimeOffset At,
    bool Withdraw = false) : LedgerEntry(Tenant, 0);

/// <summary>
/// A member's up (+1) or down (-1) vote on a comment, or its withdrawal (0): one row per member and comment. The
/// statement that writes it moves the comment's counts by the difference with the member's previous vote;
/// <see cref="CommitOutcome.Duplicate"/> means the member's vote was already so (the same vote, or no vote to withdraw).
/// </summary>
public sealed record CommentVoteEntry(
    string Tenant,
    string CommentId,
    string MemberId,
    int Value,
    DateTimeOffset At) : LedgerEntry(Tenant, 0);

/// <summary>
/// A match a pool ('' the tenant's default pool, else the call id) granted one contribution: one row per
/// contribution. <see cref="CommitOutcome.Duplicate"/> means the contribution already has a match row
/// (perhaps this very one, from a write whose answer was lost): nothing was written.
/// </summary>
public sealed record MatchEntry(
    string Tenant,
    string CallId,
    string CampaignId,
    string ContributionId,
    string Backer,
    long Amount) : LedgerEntry(Tenant, 0);

public enum CommitOutcome
{
    /// <summary>The row is durably in the ledger.</summary>
    Committed,

    /// <summary>A unique constraint already holds an equivalent row: nothing was written.</summary>
    Duplicate,

    /// <summary>
    /// The database refused this very row (a check, a trigger, a text it cannot store): nothing was
    /// written, the rest of its batch committed, and retrying the same row will not help.
    /// </summary>
    Rejected,
}
