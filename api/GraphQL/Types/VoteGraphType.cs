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
        Field<NonNullGraphType<VoteRuleGraphType>>("rule").Description("How the vote is counted when it closes.").Resolve(c => c.Source.Rule);
        Field<NonNullGraphType<IntGraphType>>("maxPointsPerProject").Description("CUMULATIVE ballots.").Resolve(c => c.Source.MaxPointsPerProject);
        Field<NonNullGraphType<IntGraphType>>("maxTotalPoints").Description("CUMULATIVE ballots.").Resolve(c => c.Source.MaxTotalPoints);
        Field<NonNullGraphType<IntGraphType>>("gradeScale").Description("MAJORITY_JUDGMENT ballots: grades 0 (worst) to gradeScale - 1.").Resolve(c => c.Source.GradeScale);
        Field<NonNullGraphType<IntGraphType>>("minimumSpendPercent").Description("KNAPSACK ballots: the least share of the budget a ballot must spend.").Resolve(c => c.Source.MinimumSpendPercent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VoteDistrictGraphType>>>>("districts")
            .Description("Districts with their budget and live participation; empty for a city-wide vote.")
            .Resolve(c => c.Source.Districts.IsDefault ? [] : c.Source.Districts);
        Field<NonNullGraphType<BooleanGraphType>>("allowSecondDistrict").Description("Whether members may vote in one district besides their own.").Resolve(c => c.Source.AllowSecondDistrict);
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
        Field<NonNullGraphType<IntGraphType>>("votes").Description("Ballots naming (or grading) this option.").Resolve(c => c.Source.Votes);
        Field<NonNullGraphType<LongGraphType>>("score").Description("Its score by the ballot type: ballots, points or rank points; the median grade once a majority-judgment vote is closed.").Resolve(c => c.Source.Score);
        Field<StringGraphType>("district").Resolve(c => c.Source.District);
        Field<StringGraphType>("externalId").Description("The id the project had in an imported file.").Resolve(c => c.Source.ExternalId);
    }
}

public sealed class VoteDistrictGraphType : ObjectGraphType<VoteDistrict>
{
    public VoteDistrictGraphType()
    {
        Name = "VoteDistrict";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<LongGraphType>>("budget").Description("Cents.").Resolve(c => c.Source.Budget);
        Field<NonNullGraphType<IntGraphType>>("ballots").Resolve(c => c.Source.Ballots);
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

public sealed class ProjectResultGraphType : ObjectGraphType<ProjectResult>
{
    public ProjectResultGraphType()
    {
        Name = "ProjectResult";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<LongGraphType>>("score").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<IntGraphType>>("ballots").Resolve(c => c.Source.Ballots);
        Field<NonNullGraphType<BooleanGraphType>>("selected").Resolve(c => c.Source.Selected);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("gradeCounts")
            .Description("Majority judgment: ballots per grade, worst first.")
            .Resolve(c => c.Source.GradeCounts.IsDefault ? [] : c.Source.GradeCounts);
    }
}

public sealed class EqualSharesGraphType : ObjectGraphType<EqualSharesSummary>
{
    public EqualSharesGraphType()
    {
        Name = "EqualShares";
        Description = "Amounts in cents, rounded to two decimals for display (the count itself is exact).";
        Field<NonNullGraphType<StringGraphType>>("shareEach").Description("Each voter's share after the add1 completion.").Resolve(c => c.Source.ShareEach);
        Field<NonNullGraphType<LongGraphType>>("virtualBudget").Resolve(c => c.Source.VirtualBudget);
        Field<NonNullGraphType<IntGraphType>>("completionSteps").Resolve(c => c.Source.CompletionSteps);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EqualSharesPaymentGraphType>>>>("payments").Resolve(c => c.Source.Payments);
        Field<NonNullGraphType<StringGraphType>>("minPaidByVoter").Resolve(c => c.Source.MinPaidByVoter);
        Field<NonNullGraphType<StringGraphType>>("maxPaidByVoter").Resolve(c => c.Source.MaxPaidByVoter);
        Field<NonNullGraphType<IntGraphType>>("votersWhoPaid").Resolve(c => c.Source.VotersWhoPaid);
    }
}

public sealed class EqualSharesPaymentGraphType : ObjectGraphType<EqualSharesProjectPayment>
{
    public EqualSharesPaymentGraphType()
    {
        Name = "EqualSharesPayment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("payers").Resolve(c => c.Source.Payers);
        Field<NonNullGraphType<StringGraphType>>("maxPayment").Description("The most one supporter paid, in cents.").Resolve(c => c.Source.MaxPayment);
    }
}

public sealed class DistrictResultsGraphType : ObjectGraphType<DistrictResults>
{
    public DistrictResultsGraphType()
    {
        Name = "DistrictResults";
        Field<NonNullGraphType<StringGraphType>>("district").Resolve(c => c.Source.District);
        Field<NonNullGraphType<LongGraphType>>("budget").Resolve(c => c.Source.Budget);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("selected").Resolve(c => c.Source.Selected);
        Field<NonNullGraphType<LongGraphType>>("allocated").Resolve(c => c.Source.Allocated);
        Field<NonNullGraphType<LongGraphType>>("leftOver").Resolve(c => c.Source.LeftOver);
        Field<NonNullGraphType<IntGraphType>>("ballots").Resolve(c => c.Source.Ballots);
        Field<EqualSharesGraphType>("equalShares").Resolve(c => c.Source.EqualShares);
    }
}
