namespace Civic.Grains.Interfaces;

/// <summary>
/// A tenant's matchfunding rules. The ratio is the exact rational
/// <see cref="RatioNumerator"/>/<see cref="RatioDenominator"/> of match per unit donated (1:1 is 1/1,
/// 1:2 — one euro per two donated — is 1/2). Caps in cents; the project cap is
/// <see cref="CapPerProject"/> or, when <see cref="CapPerProjectGoalBasisPoints"/> is set, that share
/// of the goal (1 bp = 0.01 %), the smaller of the two when both are set.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.match-settings")]
public sealed record MatchSettings(
    [property: Id(0)] long RatioNumerator,
    [property: Id(1)] long RatioDenominator,
    [property: Id(2)] long CapPerContribution,
    [property: Id(3)] long? CapPerProject,
    [property: Id(4)] int? CapPerProjectGoalBasisPoints,
    [property: Id(5)] int MatchesPerBackerPerProject)
{
    /// <summary>DOMAIN.md's defaults: 1:1, 100 EUR per contribution, 500 EUR per project, once per backer.</summary>
    public static MatchSettings Default { get; } = new(1, 1, 10_000, 50_000, null, 1);
}
