namespace Civic.Grains.Interfaces;

/// <summary>
/// A counterpart for a donation: choosing it needs a donation of at least <see cref="MinAmount"/>
/// cents; <see cref="Stock"/> units at most (null: unlimited).
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.reward")]
public sealed record Reward(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] long MinAmount,
    [property: Id(3)] int? Stock);

[GenerateSerializer, Immutable, Alias("civic.reward-availability")]
public sealed record RewardAvailability(
    [property: Id(0)] string RewardId,
    [property: Id(1)] int Committed,
    [property: Id(2)] int Reserved,
    [property: Id(3)] int? Remaining);

/// <summary>A reward as the project owner declares it at creation; the campaign numbers it.</summary>
[GenerateSerializer, Immutable, Alias("civic.new-reward")]
public sealed record NewReward(
    [property: Id(0)] string Title,
    [property: Id(1)] long MinAmount,
    [property: Id(2)] int? Stock);

/// <summary>A reward as backers see it: <see cref="Remaining"/> counts units neither committed nor held (null: unlimited).</summary>
[GenerateSerializer, Immutable, Alias("civic.campaign-reward")]
public sealed record CampaignReward(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] Money MinAmount,
    [property: Id(3)] int? Stock,
    [property: Id(4)] int? Remaining);
