using Civic.Grains.Interfaces;
using Civic.Grains.Votes.Counting;

namespace Civic.Tests.Domain.Pabulib;

/// <summary>Each ballot kind's validator: what passes and the code each refusal carries.</summary>
public class BallotValidation
{
    private static readonly CountProject[] Projects = [new("p1", 100), new("p2", 200), new("p3", 300), new("p4", 400)];

    private static string Refusal(BallotRules rules, string[] choices, int[]? points = null) =>
        Assert.Throws<CivicException>(() => new BallotValidator(rules, Projects).Validate(choices, points)).Code;

    [Fact]
    public void Choose_one_takes_exactly_one()
    {
        var rules = new BallotRules(BallotType.ChooseOne);
        Assert.Equal([2], new BallotValidator(rules, Projects).Validate(["p3"]).Indexes.ToArray());
        Assert.Equal(ErrorCodes.BallotTooFew, Refusal(rules, []));
        Assert.Equal(ErrorCodes.BallotTooMany, Refusal(rules, ["p1", "p2"]));
        Assert.Equal(ErrorCodes.BallotUnknownProject, Refusal(rules, ["p9"]));
    }

    [Fact]
    public void Approval_between_min_and_max_distinct_known_projects()
    {
        var rules = new BallotRules(BallotType.Approval, MinChoices: 1, MaxChoices: 3);
        Assert.Equal([2, 0], new BallotValidator(rules, Projects).Validate(["p3", "p1"]).Indexes.ToArray());
        Assert.Equal(ErrorCodes.BallotTooFew, Refusal(rules, []));
        Assert.Equal(ErrorCodes.BallotTooMany, Refusal(rules, ["p1", "p2", "p3", "p4"]));
        Assert.Equal(ErrorCodes.BallotDuplicateChoice, Refusal(rules, ["p1", "p1"]));
        Assert.Equal(ErrorCodes.Validation, Refusal(rules, ["p1"], [1]));
    }

    [Fact]
    public void Knapsack_within_the_budget_and_above_the_minimum_share()
    {
        // Budget 500, at least 70%: 350.
        var rules = BallotRules.Knapsack(500, minimumPercent: 70);
        Assert.Equal(350, rules.MinimumSpend);
        var validator = new BallotValidator(rules, Projects);
        validator.Validate(["p1", "p4"]);
        validator.Validate(["p2", "p3"]);
        Assert.Equal(ErrorCodes.BallotOverBudget, Refusal(rules, ["p2", "p4"]));
        Assert.Equal(ErrorCodes.BallotUnderMinimum, Refusal(rules, ["p1", "p2"]));
        Assert.Equal(ErrorCodes.BallotTooFew, Refusal(rules, []));

        // Rounded up: 70% of 333 is 233.1, so 233 is not enough.
        Assert.Equal(234, BallotRules.Knapsack(333, 70).MinimumSpend);
    }

    [Fact]
    public void Cumulative_points_per_project_and_in_total()
    {
        var rules = new BallotRules(BallotType.Cumulative, MaxPointsPerProject: 3, MaxTotalPoints: 7);
        var valid = new BallotValidator(rules, Projects).Validate(["p1", "p2", "p3"], [3, 3, 1]);
        Assert.Equal([3, 3, 1], valid.Points.ToArray());
        Assert.Equal(ErrorCodes.BallotTooManyPoints, Refusal(rules, ["p1"], [4]));
        Assert.Equal(ErrorCodes.BallotTooManyPoints, Refusal(rules, ["p1", "p2", "p3"], [3, 3, 2]));
        Assert.Equal(ErrorCodes.Validation, Refusal(rules, ["p1", "p2"], [3, 0]));
        Assert.Equal(ErrorCodes.Validation, Refusal(rules, ["p1", "p2"], [3]));
        Assert.Equal(ErrorCodes.BallotDuplicateChoice, Refusal(rules, ["p1", "p1"], [1, 1]));
    }

    [Fact]
    public void Ordinal_exactly_k_or_at_most_k()
    {
        var exact = new BallotRules(BallotType.Ordinal, Ranks: 3, ExactRanks: true);
        Assert.Equal([3, 0, 1], new BallotValidator(exact, Projects).Validate(["p4", "p1", "p2"]).Indexes.ToArray());
        Assert.Equal(ErrorCodes.BallotTooFew, Refusal(exact, ["p4", "p1"]));
        Assert.Equal(ErrorCodes.BallotTooMany, Refusal(exact, ["p4", "p1", "p2", "p3"]));
        Assert.Equal(ErrorCodes.BallotDuplicateChoice, Refusal(exact, ["p4", "p1", "p4"]));

        var atMost = exact with { ExactRanks = false };
        new BallotValidator(atMost, Projects).Validate(["p4"]);
        Assert.Equal(ErrorCodes.BallotTooFew, Refusal(atMost, []));
        Assert.Equal(ErrorCodes.BallotTooMany, Refusal(atMost, ["p4", "p1", "p2", "p3"]));
    }

    [Fact]
    public void Majority_judgment_grades_every_project_on_the_scale()
    {
        var rules = new BallotRules(BallotType.MajorityJudgment, GradeScale: 5);
        var valid = new BallotValidator(rules, Projects).Validate(["p2", "p1", "p4", "p3"], [4, 0, 2, 1]);
        Assert.Equal([1, 0, 3, 2], valid.Indexes.ToArray());
        Assert.Equal(ErrorCodes.BallotInvalidGrade, Refusal(rules, ["p1", "p2", "p3", "p4"], [0, 5, 1, 1]));
        Assert.Equal(ErrorCodes.BallotInvalidGrade, Refusal(rules, ["p1", "p2", "p3", "p4"], [0, -1, 1, 1]));
        Assert.Equal(ErrorCodes.BallotTooFew, Refusal(rules, ["p1", "p2", "p3"], [0, 1, 1]));
        Assert.Equal(ErrorCodes.BallotDuplicateChoice, Refusal(rules, ["p1", "p2", "p3", "p3"], [0, 1, 1, 1]));
        Assert.Equal(ErrorCodes.BallotUnknownProject, Refusal(rules, ["p1", "p2", "p3", "p9"], [0, 1, 1, 1]));
    }
}
