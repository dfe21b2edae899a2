using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class VoteGraphType : ObjectGraphType<VoteSummary>
{
    public VoteGraphType()
    {
        Name = "Vote";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<VoteStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<BallotTypeGraphType>>("ballotType").Resolve(c => c.Source.BallotType);
        Field<NonNullGraphType<IntGraphType>>("minChoices").Resolve(c => c.Source.MinChoices);
        Field<NonNullGraphType<IntGraphType>>("maxChoices").Resolve(c => c.Source.MaxChoices);
        Field<MoneyGraphType>("budget").Resolve(c => c.Source.Budget);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VoteOptionGraphType>>>>("options").Resolve(c => c.Source.Options);
        Field<NonNullGraphType<IntGraphType>>("ballots").Description("Ballots cast so far.").Resolve(c => c.Source.Ballots);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("opensAt").Resolve(c => c.Source.OpensAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("closesAt").Resolve(c => c.Source.ClosesAt);
        Field<NonNullGraphType<BooleanGraphType>>("hasVoted").Description("Whether the signed-in member has voted.").Resolve(c => c.Source.HasVoted);
        Field<VoteResultsGraphType>("results").Description("Null until the vote is closed.").Resolve(c => c.Source.Results is null
            ? null
            : new VoteResultsView(c.Source.Results, c.Source.Options));
    }
}

public sealed class VoteOptionGraphType : ObjectGraphType<VoteOption>
{
    public VoteOptionGraphType()
    {
        Name = "VoteOption";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<LongGraphType>>("cost").Description("Cents.").Resolve(c => c.Source.Cost);
        Field<NonNullGraphType<IntGraphType>>("votes").Resolve(c => c.Source.Votes);
    }
}

public sealed record VoteResultsView(VoteResults Results, IReadOnlyList<VoteOption> Options);

public sealed class VoteResultsGraphType : ObjectGraphType<VoteResultsView>
{
    public VoteResultsGraphType()
    {
        Name = "VoteResults";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VoteOptionGraphType>>>>("selected")
            .Description("Selected options, in the order they were selected.")
            .Resolve(c => c.Source.Results.Selected.Select(id => c.Source.Options.First(o => o.Id == id)).ToList());
        Field<NonNullGraphType<LongGraphType>>("allocated").Description("Cents of the budget allocated.").Resolve(c => c.Source.Results.Allocated);
        Field<NonNullGraphType<LongGraphType>>("leftOver").Description("Cents of the budget left over.").Resolve(c => c.Source.Results.LeftOver);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("computedAt").Resolve(c => c.Source.Results.ComputedAt);
    }
}
