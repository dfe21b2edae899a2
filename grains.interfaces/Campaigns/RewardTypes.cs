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
