using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class MatchSettingsGraphType : ObjectGraphType<MatchSettings>
{
    public MatchSettingsGraphType()
    {
        Name = "MatchSettings";
        Field<NonNullGraphType<LongGraphType>>("ratioNumerator").Description("Match per unit donated is numerator/denominator.").Resolve(c => c.Source.RatioNumerator);
        Field<NonNullGraphType<LongGraphType>>("ratioDenominator").Resolve(c => c.Source.RatioDenominator);
        Field<NonNullGraphType<LongGraphType>>("capPerContribution").Description("Cents.").Resolve(c => c.Source.CapPerContribution);
        Field<LongGraphType>("capPerProject").Description("Cents.").Resolve(c => c.Source.CapPerProject);
        Field<IntGraphType>("capPerProjectGoalBasisPoints").Description("Share of the goal (1 bp = 0.01 %).").Resolve(c => c.Source.CapPerProjectGoalBasisPoints);
        Field<NonNullGraphType<IntGraphType>>("matchesPerBackerPerProject").Resolve(c => c.Source.MatchesPerBackerPerProject);
    }
}
