using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Pabulib;
using Civic.Grains.Votes.Counting;

namespace Civic.Tests.Domain.Pabulib;

/// <summary>The rules and META keys of issue 12 on small elections worked out by hand.</summary>
public class PabulibRules
{
    private static ImmutableArray<CountProject> Projects(params (string Id, long Cost)[] projects) =>
        [.. projects.Select(p => new CountProject(p.Id, p.Cost))];

    private static CountBallot B(params string[] choices) => new(choices);

    private static CountBallot Pts(string[] choices, int[] points) => new([.. choices], [.. points]);

    private static IEnumerable<CountBallot> Times(int n, CountBallot ballot) => Enumerable.Repeat(ballot, n);

    private static PbElection Read(string meta, string projects = "a;10\nb;20\n", string votes = "1;a\n2;a,b\n", bool points = false) =>
        PbElections.From(PbReader.Parse(
            $"META\nkey;value\nbudget;100\n{meta}PROJECTS\nproject_id;cost\n{projects}VOTES\nvoter_id;vote{(points ? ";points" : "")}\n{votes}"));

    [Fact]
    public void Greedy_threshold_funds_only_projects_reaching_the_threshold()
    {
        // Scores a 5, b 4, c 2; c fits the budget but stays under the threshold of 3.
        var e = new Election(Projects(("a", 40), ("b", 70), ("c", 10)),
            [.. Times(2, B("a", "b")), .. Times(2, B("a", "b", "c")), B("a")], 100, BallotType.Approval, MinProjectScore: 3);

        var threshold = VoteCounting.Count(e, VoteRule.GreedyThreshold);
        Assert.Equal(["a"], threshold.Selected.ToArray());
        Assert.Equal(VoteRule.GreedyThreshold, threshold.Rule);

        // b (score 4, reaching 3) does not fit after a; plain greedy takes c.
        Assert.Equal(["a", "c"], VoteCounting.Count(e, VoteRule.Greedy).Selected.ToArray());

        // A threshold equal to the score is reached.
        var exactly = VoteCounting.Count(e with { MinProjectScore = 2 }, VoteRule.GreedyThreshold);
        Assert.Equal(["a", "c"], exactly.Selected.ToArray());
    }

    [Fact]
    public void Ordinal_ballots_with_points_score_the_points()
    {
        // With the rank rule (k = 3) x would score 3+3 = 6 and y 2+1 = 3; the points give x 1+1 and y 5+5.
        var e = new Election(Projects(("x", 50), ("y", 60), ("z", 10)),
            [Pts(["x", "y", "z"], [1, 5, 0]), Pts(["x", "z", "y"], [1, 0, 5])], 100, BallotType.Ordinal, Ranks: 3);

        var result = VoteCounting.Count(e, VoteRule.Greedy);
        Assert.Equal([2L, 10, 0], result.Projects.Select(p => p.Score).ToArray());
        Assert.Equal(["y"], result.Selected.ToArray());
    }

    [Fact]
    public void Comparison_keeps_greedy_when_more_voters_prefer_it()
    {
        // Equal shares with add1 gives {a, c, b}; greedy by votes {a, c, d}. Voters 1-4 have 3 projects under
        // greedy against 2; voters 5-7 one against none: 4 prefer greedy, 3 equal shares.
        var e = new Election(Projects(("a", 5), ("b", 6), ("c", 5), ("d", 5)),
            [.. Times(4, B("a", "c", "d")), .. Times(3, B("b"))], 16, BallotType.Approval);

        Assert.Equal(["a", "b", "c"], VoteCounting.Count(e, VoteRule.EqualSharesAdd1).Selected.Order().ToArray());
        var result = VoteCounting.Count(e, VoteRule.EqualSharesAdd1Comparison);
        Assert.Equal(["a", "c", "d"], result.Selected.Order().ToArray());
        Assert.Null(result.EqualShares);
    }

    [Fact]
    public void Comparison_keeps_equal_shares_on_a_tie()
    {
        // The same with 4 voters for b: 4 prefer greedy, 4 equal shares, and a tie keeps equal shares.
        var e = new Election(Projects(("a", 5), ("b", 6), ("c", 5), ("d", 5)),
            [.. Times(4, B("a", "c", "d")), .. Times(4, B("b"))], 16, BallotType.Approval);

        Assert.Equal(["a", "c", "d"], VoteCounting.Count(e, VoteRule.Greedy).Selected.Order().ToArray());
        var result = VoteCounting.Count(e, VoteRule.EqualSharesAdd1Comparison);
        Assert.Equal(["a", "b", "c"], result.Selected.Order().ToArray());
        Assert.Equal(VoteRule.EqualSharesAdd1Comparison, result.Rule);
        Assert.NotNull(result.EqualShares);
    }

    [Fact]
    public void Add1_goes_on_past_an_exhaustive_outcome_while_the_outcome_fits()
    {
        // Budget 10, 4 voters. Share 2.5: x (9) is out of reach of its 3 supporters (7.5), c (5) is bought by
        // voters 3 and 4, and x no longer fits: exhaustive, where pabutools stops. Share 3.5: x (rho 3, 1/3 per
        // unit) beats c (rho 2.5, 1/2), and then c is out of reach: {x}, 9, within the budget. Share 4.5 would
        // fund both (14): the search stops and keeps {x}.
        var e = new Election(Projects(("x", 9), ("c", 5)),
            [B("x"), B("x"), B("x", "c"), B("c")], 10, BallotType.Approval);

        var result = VoteCounting.Count(e, VoteRule.EqualSharesAdd1);
        Assert.Equal(["x"], result.Selected.ToArray());
        Assert.Equal(1, result.EqualShares!.CompletionSteps);
        Assert.Equal(["c"], VoteCounting.Count(e, VoteRule.EqualShares).Selected.ToArray());
    }

    [Fact]
    public void Greedy_threshold_file_reads_its_threshold()
    {
        var pb = Read("vote_type;approval\nrule;greedy-threshold\nmin_project_score_threshold;2\n");
        Assert.Equal(VoteRule.GreedyThreshold, pb.Rule);
        Assert.Equal(2, pb.Election.MinProjectScore);
        Assert.Empty(pb.Warnings);
        Assert.Equal(["a"], VoteCounting.Count(pb.Election, pb.Rule).Selected.ToArray());
    }

    [Theory]
    [InlineData("greedy-exclusive", "exclusion sets")]
    [InlineData("unknown", "rule unknown")]
    public void Rules_without_what_they_need_count_greedily_and_say_so(string rule, string warning)
    {
        var pb = Read($"vote_type;approval\nrule;{rule}\n");
        Assert.Equal(VoteRule.Greedy, pb.Rule);
        Assert.Contains(pb.Warnings, w => w.Contains(warning, StringComparison.Ordinal));
    }

    [Fact]
    public void Cumulative_without_max_points_bounds_each_project_by_the_total()
    {
        var pb = Read("vote_type;cumulative\nrule;greedy\nmax_sum_points;10\n", votes: "1;a,b;7,3\n2;b;10\n", points: true);
        Assert.Equal(10, pb.BallotRules.MaxPointsPerProject);
        Assert.Equal(10, pb.BallotRules.MaxTotalPoints);
        var validator = new BallotValidator(pb.BallotRules, pb.Election.Projects);
        Assert.Equal([1], validator.Validate(["b"], [10]).Indexes.ToArray());
    }

    [Fact]
    public void Keys_not_honoured_are_reported_by_name_and_unsupported_values_refused_by_name()
    {
        var pb = Read("vote_type;approval\nrule;greedy\nmax_sum_cost;50\nmin_project_score_threshold;3\nmystery;1\nmax_points;2\n");
        Assert.Contains(pb.Warnings, w => w.StartsWith("max_sum_cost 50 ignored", StringComparison.Ordinal));
        Assert.Contains(pb.Warnings, w => w.StartsWith("min_project_score_threshold 3 ignored", StringComparison.Ordinal));
        Assert.Contains(pb.Warnings, w => w.Contains("mystery", StringComparison.Ordinal));
        Assert.Contains(pb.Warnings, w => w.StartsWith("max_points 2 ignored", StringComparison.Ordinal));

        var rule = Assert.Throws<NotSupportedException>(() => Read("vote_type;approval\nrule;phragmen\n"));
        Assert.Contains("'phragmen' (META key rule)", rule.Message, StringComparison.Ordinal);
        var type = Assert.Throws<NotSupportedException>(() => Read("vote_type;scoring\nrule;greedy\n"));
        Assert.Contains("'scoring' (META key vote_type)", type.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinal_points_other_than_the_ranks_are_flagged()
    {
        var ranks = Read("vote_type;ordinal\nrule;greedy\nmax_length;2\n", votes: "1;a,b;2,1\n", points: true);
        Assert.True(ranks.PointsFollowRanks);
        var other = Read("vote_type;ordinal\nrule;greedy\nmax_length;2\n", votes: "1;a,b;5,1\n", points: true);
        Assert.False(other.PointsFollowRanks);
        Assert.Equal([5L, 1], VoteCounting.Count(other.Election, other.Rule).Projects.Select(p => p.Score).ToArray());
    }
}
