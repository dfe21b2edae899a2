using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CreateVoteInput
{
    public string Title { get; set; } = "";
    public BallotType BallotType { get; set; }
    public int? MinChoices { get; set; }
    public int? MaxChoices { get; set; }
    public List<VoteOptionInputModel> Options { get; set; } = [];
    public MoneyInput? Budget { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public VoteRule? Rule { get; set; }
    public int? MaxPointsPerProject { get; set; }
    public int? MaxTotalPoints { get; set; }
    public int? GradeScale { get; set; }
    public int? MinimumSpendPercent { get; set; }
    public List<VoteDistrictInputModel>? Districts { get; set; }
    public bool? AllowSecondDistrict { get; set; }
    public bool? ExactRanks { get; set; }
    public bool? RequireVerified { get; set; }
    public int? MinimumAge { get; set; }
    public long? MinProjectScore { get; set; }
    public bool? LiveTallies { get; set; }

    public List<List<string>>? ExclusiveSets { get; set; }
}

public sealed class CreateVoteInputGraphType : InputObjectGraphType<CreateVoteInput>
{
    public CreateVoteInputGraphType()
    {
        Name = "CreateVoteInput";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.BallotType, type: typeof(NonNullGraphType<BallotTypeGraphType>));
        Field(x => x.MinChoices, type: typeof(IntGraphType)).Description("Defaults to 1.");
        Field(x => x.MaxChoices, type: typeof(IntGraphType)).Description("Defaults to 1 for CHOOSE_ONE, else the number of options.");
        Field(x => x.Options, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<VoteOptionInputGraphType>>>));
        Field(x => x.Budget, type: typeof(MoneyInputGraphType));
        Field(x => x.OpensAt, type: typeof(DateTimeOffsetGraphType)).Description("Defaults to now.");
        Field(x => x.ClosesAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(x => x.Rule, type: typeof(VoteRuleGraphType)).Description("Defaults to GREEDY (MAJORITY_JUDGMENT for majority-judgment ballots).");
        Field(x => x.MaxPointsPerProject, type: typeof(IntGraphType)).Description("CUMULATIVE ballots.");
        Field(x => x.MaxTotalPoints, type: typeof(IntGraphType)).Description("CUMULATIVE ballots.");
        Field(x => x.GradeScale, type: typeof(IntGraphType)).Description("MAJORITY_JUDGMENT ballots: number of grades (2 to 10).");
        Field(x => x.MinimumSpendPercent, type: typeof(IntGraphType)).Description("KNAPSACK ballots: least share of the budget to spend (e.g. 70).");
        Field(x => x.Districts, type: typeof(ListGraphType<NonNullGraphType<VoteDistrictInputGraphType>>));
        Field(x => x.AllowSecondDistrict, type: typeof(BooleanGraphType)).Description("Members may vote in one district besides their own.");
        Field(x => x.ExactRanks, type: typeof(BooleanGraphType)).Description("ORDINAL ballots: rank exactly maxChoices projects (default) or at most.");
        Field(x => x.RequireVerified, type: typeof(BooleanGraphType)).Description("Only members whose residency the tenant's census verified may vote; their district is then the census'.");
        Field(x => x.MinimumAge, type: typeof(IntGraphType)).Description("The least age on the opening date (e.g. 16); implies requireVerified.");
        Field(x => x.MinProjectScore, type: typeof(LongGraphType)).Description("GREEDY_THRESHOLD only: the least score a project needs to be funded (Pabulib's min_project_score_threshold).");
        Field(x => x.LiveTallies, type: typeof(BooleanGraphType))
            .Description("Show the per-option counts while the vote is open (voteUpdated's tallies). Off by default: a live tally can reveal a single voter's choice.");

        Field(x => x.ExclusiveSets, type: typeof(ListGraphType<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>))
            .Description("GREEDY_EXCLUSIVE only: sets of mutually exclusive options, by option id (p1 is the first option given, p2 the second...); at most one project of a set is funded.");
    }
}
