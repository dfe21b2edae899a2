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

/// <summary>
/// Matchfunding rules as an admin asks for them: every field may be omitted and takes
/// <see cref="MatchSettings.Default"/>'s, except that a share-of-goal cap given alone replaces the
/// default fixed project cap. The pool grain resolves it (nothing omitted is decided by the caller).
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.requested-match-settings")]
public sealed record RequestedMatchSettings(
    [property: Id(0)] long? RatioNumerator = null,
    [property: Id(1)] long? RatioDenominator = null,
    [property: Id(2)] long? CapPerContribution = null,
    [property: Id(3)] long? CapPerProject = null,
    [property: Id(4)] int? CapPerProjectGoalBasisPoints = null,
    [property: Id(5)] int? MatchesPerBackerPerProject = null);
