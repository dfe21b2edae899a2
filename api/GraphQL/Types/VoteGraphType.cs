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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VoteOptionGraphType>>>>("options")
            .Description("In listed order; their votes and score are null until the vote is closed, unless it shows live tallies.")
            .Resolve(c => VoteOptionView.Of(c.Source));
        Field<NonNullGraphType<IntGraphType>>("ballots").Description("Ballots cast so far.").Resolve(c => c.Source.Ballots);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("opensAt").Resolve(c => c.Source.OpensAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("closesAt").Resolve(c => c.Source.ClosesAt);
        Field<NonNullGraphType<BooleanGraphType>>("hasVoted").Description("Whether the signed-in member has voted.").Resolve(c => c.Source.HasVoted);
        Field<NonNullGraphType<VoteRuleGraphType>>("rule").Description("How the vote is counted when it closes.").Resolve(c => c.Source.Rule);
        Field<NonNullGraphType<IntGraphType>>("maxPointsPerProject").Description("CUMULATIVE ballots.").Resolve(c => c.Source.MaxPointsPerProject);
        Field<NonNullGraphType<IntGraphType>>("maxTotalPoints").Description("CUMULATIVE ballots.").Resolve(c => c.Source.MaxTotalPoints);
        Field<NonNullGraphType<IntGraphType>>("gradeScale").Description("MAJORITY_JUDGMENT ballots: grades 0 (worst) to gradeScale - 1.").Resolve(c => c.Source.GradeScale);
        Field<NonNullGraphType<BooleanGraphType>>("exactRanks")
            .Description("ORDINAL ballots: true when a ballot ranks exactly maxChoices projects, false when it ranks 1 to maxChoices.")
            .Resolve(c => c.Source.ExactRanks);
        Field<NonNullGraphType<IntGraphType>>("minimumSpendPercent").Description("KNAPSACK ballots: the least share of the budget a ballot must spend.").Resolve(c => c.Source.MinimumSpendPercent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VoteDistrictGraphType>>>>("districts")
            .Description("Districts with their budget and live participation; empty for a city-wide vote.")
            .Resolve(c => c.Source.Districts.IsDefault ? [] : c.Source.Districts);
        Field<NonNullGraphType<BooleanGraphType>>("allowSecondDistrict").Description("Whether members may vote in one district besides their own.").Resolve(c => c.Source.AllowSecondDistrict);
        Field<NonNullGraphType<BooleanGraphType>>("requireVerified").Description("Only members whose residency the census verified may vote.").Resolve(c => c.Source.RequireVerified);
        Field<NonNullGraphType<IntGraphType>>("minimumAge").Description("The least age on the opening date; 0 for none.").Resolve(c => c.Source.MinimumAge);
        Field<NonNullGraphType<LongGraphType>>("minProjectScore").Description("GREEDY_THRESHOLD: the least score a project needs to be funded; 0 for none.").Resolve(c => c.Source.MinProjectScore);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>>>("exclusiveSets")
            .Description("GREEDY_EXCLUSIVE: sets of mutually exclusive options (option ids); at most one project of each set is funded.")
            .Resolve(c => c.Source.ExclusiveSets.IsDefault ? [] : c.Source.ExclusiveSets.Select(set => set.ToArray()).ToArray());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("importWarnings")
            .Description("What a Pabulib import could not honour, one line per META key or value, naming it; empty otherwise.")
            .Resolve(c => c.Source.ImportWarnings.IsDefault ? [] : c.Source.ImportWarnings);
        Field<NonNullGraphType<BooleanGraphType>>("liveTallies").Description("Whether the per-option counts are shown while the vote is open (voteUpdated's tallies).").Resolve(c => c.Source.LiveTallies);
        Field<VoteResultsGraphType>("results").Description("Null until the vote is closed.").Resolve(c => c.Source.Results is null
            ? null
            : new VoteResultsView(c.Source.Results, c.Source.Options, c.Source.Id));
    }
}
