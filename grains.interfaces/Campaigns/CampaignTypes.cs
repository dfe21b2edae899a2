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

[GenerateSerializer, Immutable, Alias("civic.create-campaign")]
public sealed record CreateCampaign(
    [property: Id(0)] string Title,
    [property: Id(1)] string Description,
    [property: Id(2)] FinancingMode Mode,
    [property: Id(3)] FundingRule Rule,
    [property: Id(4)] Money Goal,
    [property: Id(5)] DateTimeOffset StartsAt,
    [property: Id(6)] DateTimeOffset EndsAt,
    [property: Id(7)] long MinContribution,
    [property: Id(8)] long MaxContribution);

[GenerateSerializer, Immutable, Alias("civic.pledge")]
public sealed record Pledge(
    [property: Id(0)] Actor Backer,
    [property: Id(1)] long Amount,
    [property: Id(2)] string IdempotencyKey);

[GenerateSerializer, Immutable, Alias("civic.pledge-receipt")]
public sealed record PledgeReceipt(
    [property: Id(0)] string ContributionId,
    [property: Id(1)] Money Amount,
    [property: Id(2)] Money Raised,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] bool Replayed);

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
    [property: Id(15)] DateTimeOffset CreatedAt);
