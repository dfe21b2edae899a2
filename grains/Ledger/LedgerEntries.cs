using System.Collections.Immutable;

namespace Civic.Grains.Ledger;

/// <summary>A row on its way to the ledger. Each grain numbers its own rows with <see cref="Seq"/>.</summary>
public abstract record LedgerEntry(string Tenant, long Seq);

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
    DateTimeOffset? RevokedAt = null) : LedgerEntry(Tenant, Seq);

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

public enum CommitOutcome
{
    /// <summary>The row is durably in the ledger.</summary>
    Committed,

    /// <summary>A unique constraint already holds an equivalent row: nothing was written.</summary>
    Duplicate,
}
