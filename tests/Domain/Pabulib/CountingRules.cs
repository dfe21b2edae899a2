using System.Collections.Immutable;
using Civic.Grains.Votes.Counting;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain.Pabulib;

/// <summary>Each counting rule on small elections worked out by hand.</summary>
public class CountingRules
{
    private static ImmutableArray<CountProject> Projects(params (string Id, long Cost)[] projects) =>
        [.. projects.Select(p => new CountProject(p.Id, p.Cost))];

    private static CountBallot B(params string[] choices) => new(choices);

    private static CountBallot Graded(params (string Id, int Grade)[] grades) =>
        new([.. grades.Select(g => g.Id)], [.. grades.Select(g => g.Grade)]);

    [Fact]
    public void Greedy_skips_what_does_not_fit_and_no_skip_stops_there()
    {
        var e = new Election(Projects(("a", 600), ("b", 500), ("c", 300), ("d", 100)),
            [B("a", "b"), B("a", "b", "c"), B("a", "c"), B("a"), B("b")], 1000, BallotType.Approval);

        var greedy = VoteCounting.Count(e, VoteRule.Greedy);
        Assert.Equal(["a", "c"], greedy.Selected.ToArray());
        Assert.Equal(900, greedy.Allocated);
        Assert.Equal(100, greedy.LeftOver);
        Assert.Equal([4L, 3, 2, 0], greedy.Projects.Select(p => p.Score).ToArray());

        // d fits but nobody voted for it: never funded.
        Assert.False(greedy.Projects[3].Selected);

        var noSkip = VoteCounting.Count(e, VoteRule.GreedyNoSkip);
        Assert.Equal(["a"], noSkip.Selected.ToArray());
        Assert.Equal(400, noSkip.LeftOver);
    }

    [Fact]
    public void Greedy_ties_go_to_the_cheaper_then_the_first_listed()
    {
        var e = new Election(Projects(("p1", 500), ("p2", 400), ("p3", 400)), [B("p1", "p2", "p3")], 800, BallotType.Approval);
        var result = VoteCounting.Count(e, VoteRule.Greedy);
        Assert.Equal(["p2", "p3", "p1"], result.Ranking.ToArray());
        Assert.Equal(["p2", "p3"], result.Selected.ToArray());
    }

    [Fact]
    public void Cumulative_sums_points_and_ordinal_gives_k_to_the_first_choice()
    {
        var projects = Projects(("x", 10), ("y", 10), ("z", 10));
        var cumulative = new Election(projects,
            [new CountBallot(["x", "y"], [3, 1]), new CountBallot(["y", "z"], [2, 2])], null, BallotType.Cumulative);
        Assert.Equal([3L, 3, 2], VoteCounting.Tally(cumulative).Select(t => t.Score).ToArray());

        var ordinal = new Election(projects, [B("z", "x", "y"), B("x", "z")], null, BallotType.Ordinal, Ranks: 3);
        Assert.Equal([3L + 2, 1, 3 + 2], VoteCounting.Tally(ordinal).Select(t => t.Score).ToArray());

        // Without k, a ballot's own length: the short ballot's first choice scores 2.
        var own = ordinal with { Ranks = null };
        Assert.Equal([2L + 2, 1, 3 + 1], VoteCounting.Tally(own).Select(t => t.Score).ToArray());

        // No budget: greedy lists every project with a score, ties to the first listed.
        Assert.Equal(["x", "z", "y"], VoteCounting.Count(ordinal, VoteRule.Greedy).Selected.ToArray());
    }

    [Fact]
    public void Equal_shares_by_hand()
    {
        // 4 voters, budget 100: 25 each. a (60) by v1-v3: rho 20, 1/3 per unit; b (40) by v3, v4: rho 20, 1/2;
        // c (30) by v4 alone: unaffordable. a wins; then v3 holds 5 and v4 25: b (30 < 40) and c (25 < 30) are not affordable.
        var e = new Election(Projects(("a", 60), ("b", 40), ("c", 30)),
            [B("a"), B("a"), B("a", "b"), B("b", "c")], 100, BallotType.Approval);

        var plain = VoteCounting.Count(e, VoteRule.EqualShares);
        Assert.Equal(["a"], plain.Selected.ToArray());
        Assert.Equal(40, plain.LeftOver);
        Assert.Equal([(Rational)20, 20, 20, 0], plain.EqualShares!.PaidByVoter.ToArray());
        Assert.Equal((Rational)25, plain.EqualShares.ShareEach);

        // add1: at a share of 30 (5 steps) a then b spend all 100; the search goes on (an exhaustive outcome does not
        // stop it) while the outcome fits. At 49 (24 steps, virtual budget 196) a then b, v3 and v4 paying 20 each
        // (v3 holds 29); v4 keeps 29 < 30 for c. At 50 v4 would keep 30 and c would be funded too (130): the search
        // ends and keeps the outcome at 49.
        var add1 = VoteCounting.Count(e, VoteRule.EqualSharesAdd1);
        var report = add1.EqualShares!;
        Assert.Equal(["a", "b"], add1.Selected.ToArray());
        Assert.Equal(100, add1.Allocated);
        Assert.Equal(0, add1.LeftOver);
        Assert.Equal(24, report.CompletionSteps);
        Assert.Equal(196, report.VirtualBudget);
        Assert.Equal((Rational)49, report.ShareEach);
        Assert.Equal([(Rational)20, 20, 40, 20], report.PaidByVoter.ToArray());
        Assert.Equal([("a", 3, (Rational)20), ("b", 2, (Rational)20)], report.Payments.Select(p => (p.Id, p.Payers, p.MaxPayment)).ToArray());
    }

    [Fact]
    public void Equal_shares_add1_keeps_the_last_outcome_within_the_budget()
    {
        // 2 voters, budget 10 (5 each). a (6) by both: rho 3. Then b (4) by v1 alone (2 left) and c (5) by v2 alone (2 left).
        // Share 6: after a, v1 and v2 hold 3: nothing more. Share 7: 4 each: b (rho 4) and... c costs 5 > 4. Total 10: fits. Share 8 funds c too (15): the search stops.
        var e = new Election(Projects(("a", 6), ("b", 4), ("c", 5)), [B("a", "b"), B("a", "c")], 10, BallotType.Approval);
        var add1 = VoteCounting.Count(e, VoteRule.EqualSharesAdd1);
        Assert.Equal(["a", "b"], add1.Selected.ToArray());
        Assert.Equal(2, add1.EqualShares!.CompletionSteps);

        // With a budget of 13 (6.5 each): {a} leaves 7 and b fits, so the shares rise to 7.5: {a, b} costs 10 and
        // c (5) no longer fits the 3 left. At 8.5 each c would be funded too (15 > 13): the search stops there and
        // keeps {a, b}, below the real budget.
        var tight = VoteCounting.Count(e with { Budget = 13 }, VoteRule.EqualSharesAdd1);
        Assert.Equal(["a", "b"], tight.Selected.ToArray());
        Assert.Equal(1, tight.EqualShares!.CompletionSteps);
        Assert.Equal(3, tight.LeftOver);
    }

    [Fact]
    public void Equal_shares_is_exact_where_floating_point_is_not()
    {
        // 3 voters share 10: 10/3 each. x costs exactly 10 and all three support it: affordable, to the last third.
        var e = new Election(Projects(("x", 10)), [B("x"), B("x"), B("x")], 10, BallotType.Approval);
        var result = VoteCounting.Count(e, VoteRule.EqualShares);
        Assert.Equal(["x"], result.Selected.ToArray());
        Assert.Equal(new Rational(10, 3), result.EqualShares!.Payments[0].MaxPayment);
        Assert.Equal(3.3333m, result.EqualShares.PaidByVoter[0].ToDecimal(4));
    }

    [Fact]
    public void Majority_judgment_ranks_by_median_then_removes_medians_to_break_ties()
    {
        // Grades 0 (reject) to 2 (good), 4 ballots, lower median.
        // x: 0,1,2,2 -> median 1, then 2.  y: 1,1,1,1 -> 1, 1, 1.  w: 0,1,1,1 -> 1, 1, 0.  z: 0,0,0,2 -> 0.
        var e = new Election(Projects(("w", 10), ("x", 60), ("y", 50), ("z", 10)),
            [
                Graded(("w", 0), ("x", 2), ("y", 1), ("z", 0)),
                Graded(("w", 1), ("x", 2), ("y", 1), ("z", 0)),
                Graded(("w", 1), ("x", 1), ("y", 1)),
                Graded(("w", 1), ("x", 0), ("y", 1), ("z", 2)),
            ],
            100, BallotType.MajorityJudgment, GradeScale: 3);

        var result = VoteCounting.Count(e, VoteRule.MajorityJudgment);

        Assert.Equal(["x", "y", "w", "z"], result.Ranking.ToArray());
        Assert.Equal([1L, 1, 1, 0], result.Projects.Select(p => p.Score).ToArray());

        // The missing grade for z counts as reject: three rejects.
        Assert.Equal([3, 0, 1], result.Projects[3].GradeCounts.ToArray());

        // x (60) fits; y (50) does not and is skipped; w (10) fits; z's median is reject: never funded.
        Assert.Equal(["x", "w"], result.Selected.ToArray());
        Assert.Equal(70, result.Allocated);
    }

    [Fact]
    public void Majority_judgment_identical_grades_go_to_the_cheaper_then_the_first_listed()
    {
        var e = new Election(Projects(("a", 30), ("b", 20), ("c", 20)),
            [Graded(("a", 1), ("b", 1), ("c", 1))], null, BallotType.MajorityJudgment, GradeScale: 2);
        Assert.Equal(["b", "c", "a"], VoteCounting.Count(e, VoteRule.MajorityJudgment).Ranking.ToArray());
    }

    [Fact]
    public void Majority_judgment_with_an_odd_number_of_ballots()
    {
        // a: 0,2,2 -> 2, then 0/2 lower... sequence 2, 0, 2. b: 1,2,2 -> 2, 1, 2. b wins at the second median.
        var e = new Election(Projects(("a", 1), ("b", 1)),
            [Graded(("a", 0), ("b", 1)), Graded(("a", 2), ("b", 2)), Graded(("a", 2), ("b", 2))], null,
            BallotType.MajorityJudgment, GradeScale: 3);
        Assert.Equal(["b", "a"], VoteCounting.Count(e, VoteRule.MajorityJudgment).Ranking.ToArray());
    }

    private static ImmutableArray<ImmutableArray<string>> Sets(params string[][] sets) => [.. sets.Select(set => set.ToImmutableArray())];

    [Fact]
    public void Greedy_exclusive_skips_a_project_exclusive_with_one_selected()
    {
        // Scores a 3, b 2, c 2, d 1. {a, b} exclusive: a is selected, b skipped, then c and d fit (1,000).
        var e = new Election(Projects(("a", 500), ("b", 300), ("c", 400), ("d", 100)),
            [B("a", "b"), B("a", "c"), B("a", "d"), B("b", "c")], 1000, BallotType.Approval,
            ExclusiveSets: Sets(["a", "b"]));
        var exclusive = VoteCounting.Count(e, VoteRule.GreedyExclusive);
        Assert.Equal(["a", "c", "d"], exclusive.Selected.ToArray());
        Assert.Equal(VoteRule.GreedyExclusive, exclusive.Rule);
        Assert.Equal(1000, exclusive.Allocated);

        // Without sets (or under plain greedy) b, cheaper than c at the same score, comes before it: a, b, d.
        Assert.Equal(["a", "b", "d"], VoteCounting.Count(e with { ExclusiveSets = [] }, VoteRule.GreedyExclusive).Selected.ToArray());
        Assert.Equal(["a", "b", "d"], VoteCounting.Count(e, VoteRule.Greedy).Selected.ToArray());
    }

    [Fact]
    public void Greedy_exclusive_ties_go_to_the_cheaper_then_the_first_listed_and_a_project_that_does_not_fit_excludes_nothing()
    {
        // a and b tie on score (2) and are exclusive: the cheaper b wins. c and d tie on score and cost: c, listed first, wins.
        var ties = new Election(Projects(("a", 300), ("b", 200), ("c", 100), ("d", 100)),
            [B("a", "b", "c", "d"), B("a", "b")], 1000, BallotType.Approval, ExclusiveSets: Sets(["a", "b"], ["c", "d"]));
        Assert.Equal(["b", "c"], VoteCounting.Count(ties, VoteRule.GreedyExclusive).Selected.ToArray());

        // a (3) does not fit the budget: it is skipped and does not exclude b (2), which is funded; a project in two sets
        // excludes the members of both.
        var skipped = new Election(Projects(("a", 900), ("b", 200), ("c", 300), ("d", 100)),
            [B("a", "b", "c"), B("a", "b", "c"), B("a", "d")], 500, BallotType.Approval, ExclusiveSets: Sets(["a", "b"], ["b", "c"]));
        Assert.Equal(["b", "d"], VoteCounting.Count(skipped, VoteRule.GreedyExclusive).Selected.ToArray());
    }
}
