using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Votes.Counting;

/// <summary>
/// What a valid ballot of a vote looks like. Amounts are in the vote's cost unit.
/// </summary>
/// <param name="MinChoices">Fewest projects (choose-1: ignored, always 1; ordinal: see <see cref="Ranks"/>; majority judgment: ignored, every project).</param>
/// <param name="MaxChoices">Most projects (same exceptions).</param>
/// <param name="Budget">Knapsack: the chosen projects' total cost may not exceed it (required for knapsack).</param>
/// <param name="MinimumSpend">Knapsack: the chosen projects must cost at least this much (0: no minimum).</param>
/// <param name="MaxPointsPerProject">Cumulative: most points on one project.</param>
/// <param name="MaxTotalPoints">Cumulative: most points on the whole ballot.</param>
/// <param name="Ranks">Ordinal: k, the number of ranks.</param>
/// <param name="ExactRanks">Ordinal: true when exactly k projects must be ranked, false for 1 to k.</param>
/// <param name="GradeScale">Majority judgment: number of grades, 0 (worst) to scale-1.</param>
public sealed record BallotRules(
    BallotType Kind,
    int MinChoices = 1,
    int MaxChoices = int.MaxValue,
    long? Budget = null,
    long MinimumSpend = 0,
    int MaxPointsPerProject = 0,
    int MaxTotalPoints = 0,
    int Ranks = 0,
    bool ExactRanks = true,
    int GradeScale = 0)
{
    /// <summary>A knapsack ballot that must spend at least <paramref name="minimumPercent"/>% of the budget (Decidim's 70%), rounded up.</summary>
    public static BallotRules Knapsack(long budget, int minimumPercent = 0) => new(
        BallotType.Knapsack,
        Budget: budget,
        MinimumSpend: (long)(((Int128)budget * minimumPercent + 99) / 100));
}

/// <summary>A ballot that passed validation: project indexes in ballot order and the parallel points or grades (empty when the kind has none).</summary>
public sealed record ValidBallot(ImmutableArray<int> Indexes, ImmutableArray<int> Points);

/// <summary>
/// Checks ballots against a vote's <see cref="BallotRules"/>; build one per vote and reuse it for every ballot.
/// Throws <see cref="CivicException"/> with a BALLOT_* code saying why a ballot is refused.
/// </summary>
/// <remarks>
/// Checks run in this order, so a ballot with several faults gets the first: points or grades present for each
/// choice and only for the kinds that use them (VALIDATION); every project known (BALLOT_UNKNOWN_PROJECT); none
/// twice (BALLOT_DUPLICATE_CHOICE); the number of choices (BALLOT_TOO_FEW / BALLOT_TOO_MANY); then the kind's
/// own rule: knapsack cost (BALLOT_OVER_BUDGET / BALLOT_UNDER_MINIMUM), cumulative points
/// (BALLOT_TOO_MANY_POINTS, and VALIDATION for fewer than one point), majority judgment grades (BALLOT_INVALID_GRADE).
/// </remarks>
public sealed class BallotValidator
{
    private readonly BallotRules _rules;
    private readonly ImmutableArray<CountProject> _projects;
    private readonly Dictionary<string, int> _index;

    public BallotValidator(BallotRules rules, IEnumerable<CountProject> projects)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _projects = [.. projects];
        _index = new Dictionary<string, int>(_projects.Length, StringComparer.Ordinal);
        for (var i = 0; i < _projects.Length; i++)
        {
            if (!_index.TryAdd(_projects[i].Id, i))
            {
                throw new ArgumentException($"Project '{_projects[i].Id}' is listed twice.", nameof(projects));
            }
        }

        switch (rules.Kind)
        {
            case BallotType.Knapsack when rules.Budget is not > 0:
                throw new ArgumentException("A knapsack ballot needs a positive budget.", nameof(rules));
            case BallotType.Cumulative when rules.MaxPointsPerProject < 1 || rules.MaxTotalPoints < 1:
                throw new ArgumentException("A cumulative ballot needs positive point limits.", nameof(rules));
            case BallotType.Ordinal when rules.Ranks < 1:
                throw new ArgumentException("An ordinal ballot needs at least one rank.", nameof(rules));
            case BallotType.MajorityJudgment when rules.GradeScale < 2:
                throw new ArgumentException("Majority judgment needs at least two grades.", nameof(rules));
        }
    }

    public BallotRules Rules => _rules;

    /// <summary>Validates and returns the indexes (into the projects given at construction) and points.</summary>
    public ValidBallot Validate(IReadOnlyList<string> choices, IReadOnlyList<int>? points = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var hasPoints = _rules.Kind is BallotType.Cumulative or BallotType.MajorityJudgment;
        var pointCount = points?.Count ?? 0;
        if (hasPoints && pointCount != choices.Count)
        {
            throw new CivicException(ErrorCodes.Validation,
                _rules.Kind == BallotType.Cumulative ? "Give points for each chosen project." : "Give a grade for each project.");
        }

        if (!hasPoints && pointCount != 0)
        {
            throw new CivicException(ErrorCodes.Validation, "This ballot takes no points.");
        }

        var indexes = new int[choices.Count];
        var seen = new HashSet<int>();
        for (var c = 0; c < choices.Count; c++)
        {
            if (!_index.TryGetValue(choices[c], out indexes[c]))
            {
                throw new CivicException(ErrorCodes.BallotUnknownProject, $"'{Truncate(choices[c])}' is not a project of this vote.");
            }

            if (!seen.Add(indexes[c]))
            {
                throw new CivicException(ErrorCodes.BallotDuplicateChoice, $"'{choices[c]}' is chosen twice.");
            }
        }

        var (min, max) = _rules.Kind switch
        {
            BallotType.ChooseOne => (1, 1),
            BallotType.Ordinal => (_rules.ExactRanks ? _rules.Ranks : 1, _rules.Ranks),
            BallotType.MajorityJudgment => (_projects.Length, _projects.Length),
            _ => (_rules.MinChoices, _rules.MaxChoices),
        };
        if (choices.Count < min)
        {
            throw new CivicException(ErrorCodes.BallotTooFew, _rules.Kind == BallotType.MajorityJudgment
                ? "Grade every project."
                : $"Choose at least {min} project{(min == 1 ? "" : "s")}.");
        }

        if (choices.Count > max)
        {
            throw new CivicException(ErrorCodes.BallotTooMany, $"Choose at most {max} project{(max == 1 ? "" : "s")}.");
        }

        switch (_rules.Kind)
        {
            case BallotType.Knapsack:
                CheckCost(indexes);
                break;
            case BallotType.Cumulative:
                CheckPoints(points!);
                break;
            case BallotType.MajorityJudgment:
                foreach (var grade in points!)
                {
                    if (grade < 0 || grade >= _rules.GradeScale)
                    {
                        throw new CivicException(ErrorCodes.BallotInvalidGrade, $"Grades go from 0 to {_rules.GradeScale - 1}.");
                    }
                }

                break;
        }

        return new ValidBallot([.. indexes], hasPoints ? [.. points!] : []);
    }

    private void CheckCost(int[] indexes)
    {
        long total = 0;
        foreach (var i in indexes)
        {
            total += _projects[i].Cost;
        }

        if (total > _rules.Budget)
        {
            throw new CivicException(ErrorCodes.BallotOverBudget, $"The chosen projects cost {total}, more than the budget of {_rules.Budget}.");
        }

        if (total < _rules.MinimumSpend)
        {
            throw new CivicException(ErrorCodes.BallotUnderMinimum, $"The chosen projects cost {total}; spend at least {_rules.MinimumSpend}.");
        }
    }

    private void CheckPoints(IReadOnlyList<int> points)
    {
        long total = 0;
        foreach (var p in points)
        {
            if (p < 1)
            {
                throw new CivicException(ErrorCodes.Validation, "Give each chosen project at least one point.");
            }

            if (p > _rules.MaxPointsPerProject)
            {
                throw new CivicException(ErrorCodes.BallotTooManyPoints, $"At most {_rules.MaxPointsPerProject} points per project.");
            }

            total += p;
        }

        if (total > _rules.MaxTotalPoints)
        {
            throw new CivicException(ErrorCodes.BallotTooManyPoints, $"At most {_rules.MaxTotalPoints} points in total.");
        }
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
