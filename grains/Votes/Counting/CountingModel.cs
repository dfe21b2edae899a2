using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Votes.Counting;

/// <summary>
/// A project as counting sees it. <see cref="Cost"/> is in the election's cost unit: whole currency
/// units for Pabulib files, cents for Civic votes (see <see cref="Election.CurrencyUnit"/>).
/// </summary>
public sealed record CountProject(string Id, long Cost);

/// <summary>
/// One ballot: project ids in the order the voter gave them (for ordinal ballots, most preferred
/// first) and, for cumulative ballots the points, for majority judgment the grades, parallel to
/// <see cref="Choices"/>. <see cref="Points"/> is empty for the other kinds.
/// </summary>
public sealed record CountBallot(ImmutableArray<string> Choices, ImmutableArray<int> Points)
{
    public CountBallot(params string[] choices)
        : this([.. choices], [])
    {
    }
}

/// <summary>
/// What a vote is counted from.
/// </summary>
/// <param name="Projects">The projects in their listed order; the last tie-break is this order.</param>
/// <param name="Ballots">Every ballot cast; for equal shares every ballot is a voter with an equal share.</param>
/// <param name="Budget">In the cost unit; null means "no budget": greedy then selects every project with a score.</param>
/// <param name="Kind">How scores are read from ballots.</param>
/// <param name="Ranks">For ordinal ballots, k: the first choice scores k, the second k-1, ... Null: the ballot's own length.</param>
/// <param name="GradeScale">For majority judgment, the number of grades (grades are 0 .. scale-1, 0 worst).</param>
/// <param name="CurrencyUnit">How many cost units make one currency unit: 1 for Pabulib files, 100 for cents. The add1 completion raises each voter's share by this much per step.</param>
/// <param name="MinProjectScore">Greedy-threshold: the least score a project needs to be funded (0: none).</param>
/// <param name="ExclusiveSets">Greedy-exclusive: sets of project ids of which at most one is funded (ids not in <see cref="Projects"/> are ignored).</param>
/// <remarks>Ordinal ballots that carry points (Kraków 2021: 3,2,1) score those points instead of the rank rule.</remarks>
public sealed record Election(
    ImmutableArray<CountProject> Projects,
    ImmutableArray<CountBallot> Ballots,
    long? Budget,
    BallotType Kind,
    int? Ranks = null,
    int GradeScale = 0,
    long CurrencyUnit = 1,
    long MinProjectScore = 0,
    ImmutableArray<ImmutableArray<string>> ExclusiveSets = default);

/// <summary>
/// One project's count. <see cref="Score"/> is the rule's score: ballots naming it (choose-1, approval,
/// knapsack), points (cumulative), rank points (ordinal), median grade (majority judgment).
/// </summary>
/// <param name="Ballots">Ballots naming (or, for majority judgment, grading) the project.</param>
/// <param name="GradeCounts">Majority judgment only: how many ballots gave each grade, worst first.</param>
public sealed record ProjectTally(
    string Id,
    long Cost,
    long Score,
    int Ballots,
    bool Selected,
    ImmutableArray<int> GradeCounts);

/// <summary>What one project cost its supporters under equal shares.</summary>
/// <param name="MaxPayment">The most any supporter paid (rho); supporters with less money paid all they had left.</param>
public sealed record EqualSharesPayment(string Id, int Payers, Rational MaxPayment);

/// <summary>
/// Equal shares' accounting: the share each voter started with in the outcome kept (after add1),
/// what each voter paid in total (parallel to <see cref="Election.Ballots"/>), and each project's payment.
/// All amounts are exact, in the cost unit.
/// </summary>
public sealed record EqualSharesReport(
    Rational ShareEach,
    long VirtualBudget,
    int CompletionSteps,
    ImmutableArray<Rational> PaidByVoter,
    ImmutableArray<EqualSharesPayment> Payments);

/// <summary>
/// The outcome of a count.
/// </summary>
/// <param name="Selected">Funded projects, in the order the rule selected them.</param>
/// <param name="Ranking">Every project in the order the rule considered them (greedy and majority judgment), or selection order then the rest in listed order (equal shares).</param>
/// <param name="Projects">Every project's tally, in listed order.</param>
/// <param name="Allocated">Total cost of the selected projects.</param>
/// <param name="LeftOver">Budget minus allocated; zero without a budget.</param>
public sealed record CountResult(
    VoteRule Rule,
    ImmutableArray<string> Selected,
    ImmutableArray<string> Ranking,
    ImmutableArray<ProjectTally> Projects,
    long? Budget,
    long Allocated,
    long LeftOver,
    int Ballots,
    EqualSharesReport? EqualShares);
