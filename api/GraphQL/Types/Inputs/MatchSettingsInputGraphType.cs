using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class MatchSettingsInput
{
    public long? RatioNumerator { get; set; }
    public long? RatioDenominator { get; set; }
    public long? CapPerContribution { get; set; }
    public long? CapPerProject { get; set; }
    public int? CapPerProjectGoalBasisPoints { get; set; }
    public int? MatchesPerBackerPerProject { get; set; }
}

public static class MatchSettingsInputExtensions
{
    /// <summary>
    /// The rules as asked, field for field: what the admin omitted (or the whole argument) stays omitted,
    /// and the pool grain gives it the defaults.
    /// </summary>
    public static RequestedMatchSettings ToRequested(this MatchSettingsInput? input) => new(
        input?.RatioNumerator, input?.RatioDenominator, input?.CapPerContribution,
        input?.CapPerProject, input?.CapPerProjectGoalBasisPoints, input?.MatchesPerBackerPerProject);
}

public sealed class MatchSettingsInputGraphType : InputObjectGraphType<MatchSettingsInput>
{
    public MatchSettingsInputGraphType()
    {
        Name = "MatchSettingsInput";
        Description = "Omitted fields take the defaults: 1:1, 100 EUR per contribution, 500 EUR per project, once per backer per project.";
        Field(x => x.RatioNumerator, type: typeof(LongGraphType)).Description("Match per unit donated is numerator/denominator.");
        Field(x => x.RatioDenominator, type: typeof(LongGraphType));
        Field(x => x.CapPerContribution, type: typeof(LongGraphType)).Description("Cents.");
        Field(x => x.CapPerProject, type: typeof(LongGraphType)).Description("Cents.");
        Field(x => x.CapPerProjectGoalBasisPoints, type: typeof(IntGraphType)).Description("Share of the goal (1 bp = 0.01 %); the smaller cap applies when both are set.");
        Field(x => x.MatchesPerBackerPerProject, type: typeof(IntGraphType));
    }
}
