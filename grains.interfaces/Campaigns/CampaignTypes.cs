using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

public enum CampaignStatus
{
    Draft = 0,
    Submitted = 1,
    ChangesRequested = 2,
    Approved = 3,
    Rejected = 4,
    Live = 5,
    Succeeded = 6,
    Failed = 7,
    PaidOut = 8,
    Refunded = 9,
}

public enum FinancingMode
{
    Donation = 0,
    Loan = 1,
    Equity = 2,
}

public enum FundingRule
{
    /// <summary>Everyone is refunded if the goal is missed.</summary>
    AllOrNothing = 0,

    /// <summary>The project keeps what was raised.</summary>
    KeepItAll = 1,
}

/// <remarks>
/// <see cref="StartsAt"/>: null starts the campaign when it is created (on the campaign grain's clock).
/// <see cref="AidToPeopleInDifficulty"/>: a donation campaign for aid to people in difficulty (meals,
/// housing, care); its receipts for individuals carry the 75% reduction instead of 66%.
/// </remarks>
[GenerateSerializer, Immutable, Alias("civic.create-campaign")]
public sealed record CreateCampaign(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] FinancingMode Mode,
    [property: Id(3)] FundingRule Rule,
    [property: Id(4)] Money Goal,
    [property: Id(5)] DateTimeOffset? StartsAt,
    [property: Id(6)] DateTimeOffset EndsAt,
    [property: Id(7)] long MinContribution,
    [property: Id(8)] long MaxContribution,
    [property: Id(9)] CampaignCategoryRef? Category = null,
    [property: Id(10)] ImmutableArray<NewReward> Rewards = default,
    [property: Id(11)] LoanTerms? Loan = null,
    [property: Id(12)] EquityOffer? Equity = null,
    [property: Id(13)] bool Matchfunding = false,
    [property: Id(14)] bool AidToPeopleInDifficulty = false,
    [property: Id(15)] string? MatchCall = null);

[GenerateSerializer, Immutable, Alias("civic.pledge")]
public sealed record Pledge(
    [property: Id(0)] Actor Backer,
    [property: Id(1)] long Amount,
    [property: Id(2)] string IdempotencyKey,
    [property: Id(3)] string? RewardId = null,
    [property: Id(4)] string? PaymentToken = null);

[GenerateSerializer, Immutable, Alias("civic.pledge-receipt")]
public sealed record PledgeReceipt(
    [property: Id(0)] string ContributionId,
    [property: Id(1)] Money Amount,
    [property: Id(2)] Money Raised,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] bool Replayed,
    [property: Id(5)] CampaignReward? Reward = null,
    [property: Id(6)] Money? Matched = null,
    [property: Id(7)] PaymentStatus Status = PaymentStatus.Confirmed,
    [property: Id(8)] string? FailureReason = null);

[GenerateSerializer, Immutable, Alias("civic.campaign-summary")]
public sealed record CampaignSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Description,
    [property: Id(3)] CampaignStatus Status,
    [property: Id(4)] FinancingMode Mode,
    [property: Id(5)] FundingRule Rule,
    [property: Id(6)] Money Goal,
    [property: Id(7)] Money Raised,
    [property: Id(8)] int Backers,
    [property: Id(9)] int Contributions,
    [property: Id(10)] DateTimeOffset StartsAt,
    [property: Id(11)] DateTimeOffset EndsAt,
    [property: Id(12)] long MinContribution,
    [property: Id(13)] long MaxContribution,
    [property: Id(14)] string OwnerId,
    [property: Id(15)] DateTimeOffset CreatedAt,
    [property: Id(16)] CampaignCategoryRef? Category = null,
    [property: Id(17)] ImmutableArray<CampaignReward> Rewards = default,
    [property: Id(18)] LoanTerms? Loan = null,
    [property: Id(19)] EquityOffer? Equity = null,
    [property: Id(20)] long? SharesRemaining = null,
    [property: Id(21)] bool Matchfunding = false,
    [property: Id(22)] bool AidToPeopleInDifficulty = false,
    [property: Id(23)] string? MatchCall = null,
    [property: Id(24)] Money? Matched = null);

/// <summary>
/// An equity investment: whole shares at the offer's price. The investor's profile is taken from the
/// request for now; it will come from a verified investor profile once one is stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.invest")]
public sealed record Invest(
    [property: Id(0)] Actor Investor,
    [property: Id(1)] long Shares,
    [property: Id(2)] bool RiskAcknowledged,
    [property: Id(3)] InvestorKind Kind,
    [property: Id(4)] bool PassedKnowledgeTest,
    [property: Id(5)] long? DeclaredNetWorth,
    [property: Id(6)] string IdempotencyKey);

/// <summary>One recorded move of the campaign's status: who, when, why.</summary>
[GenerateSerializer, Immutable, Alias("civic.campaign-status-change")]
public sealed record CampaignStatusChange(
    [property: Id(0)] CampaignStatus From,
    [property: Id(1)] CampaignStatus To,
    [property: Id(2)] string By,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? Reason);
