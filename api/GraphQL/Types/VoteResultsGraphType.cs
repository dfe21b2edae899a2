using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed record VoteResultsView(VoteResults Results, IReadOnlyList<VoteOption> Options, string VoteId);

public sealed class VoteResultsGraphType : ObjectGraphType<VoteResultsView>
{
    public VoteResultsGraphType()
    {
        Name = "VoteResults";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VoteOptionGraphType>>>>("selected")
            .Description("Selected options, in the order they were selected.")
            .Resolve(c => VoteOptionView.Counted(c.Source.Results.Selected.Select(id => c.Source.Options.First(o => o.Id == id)), c.Source.VoteId).ToList());
        Field<NonNullGraphType<LongGraphType>>("allocated").Description("Cents of the budget allocated.").Resolve(c => c.Source.Results.Allocated);
        Field<NonNullGraphType<LongGraphType>>("leftOver").Description("Cents of the budget left over.").Resolve(c => c.Source.Results.LeftOver);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("computedAt").Resolve(c => c.Source.Results.ComputedAt);
        Field<NonNullGraphType<VoteRuleGraphType>>("rule").Resolve(c => c.Source.Results.Rule);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProjectResultGraphType>>>>("projects")
            .Description("Every option's final score, in listed order.")
            .Resolve(c => c.Source.Results.Projects.IsDefault ? [] : c.Source.Results.Projects);
        Field<EqualSharesGraphType>("equalShares").Description("Equal shares' accounting (city-wide votes).").Resolve(c => c.Source.Results.EqualShares);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DistrictResultsGraphType>>>>("districts")
            .Description("Per district, where the vote has districts.")
            .Resolve(c => c.Source.Results.Districts.IsDefault ? [] : c.Source.Results.Districts);
    }
}
