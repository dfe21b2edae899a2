using System.Collections.Immutable;
using Civic.Grains.Votes.Counting;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Pabulib;

/// <summary>
/// A Pabulib file read as something to count: the election, the file's own rule and its ballot rules, and what
/// the reading could not honour (one warning per META key or value, naming it).
/// </summary>
/// <param name="PointsFollowRanks">Ordinal only: true without a points column or when its points are k, k-1, ... (what a Civic vote scores).</param>
public sealed record PbElection(Election Election, VoteRule Rule, BallotRules BallotRules, string Currency,
    ImmutableArray<string> Warnings = default, bool PointsFollowRanks = true);

/// <summary>Turns a <see cref="PbFile"/> into counting input.</summary>
public static class PbElections
{
    /// <summary>META keys that describe the election and change nothing in the count.</summary>
    private static readonly HashSet<string> Descriptive = new(StringComparer.OrdinalIgnoreCase)
    {
        "description", "country", "unit", "subunit", "instance", "district", "subdistrict", "neighborhood",
        "num_projects", "num_votes", "date_begin", "date_end", "currency", "language", "edition", "comment",
        "fully_funded", "experimental", "partial_result",
    };

    /// <summary>META keys whose meaning <see cref="From"/> applies.</summary>
    private static readonly HashSet<string> Honoured = new(StringComparer.OrdinalIgnoreCase)
    {
        "budget", "vote_type", "rule", "min_length", "max_length", "max_points", "max_sum_points", "min_project_score_threshold",
    };

    /// <summary>
    /// Reads the election a file describes. Costs and the budget are multiplied by <paramref name="unitsPerCurrency"/>
    /// (1 keeps Pabulib's whole currency units, 100 gives cents) and must then be whole numbers.
    /// </summary>
    /// <exception cref="FormatException">A required META key is missing or a number is not whole in the chosen unit.</exception>
    /// <exception cref="NotSupportedException">The vote type or rule is not one Civic counts (the message names it).</exception>
    public static PbElection From(PbFile file, long unitsPerCurrency = 1)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (unitsPerCurrency <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(unitsPerCurrency), "Must be positive.");
        }

        var warnings = new List<string>();
        var kind = Kind(Required(file, "vote_type"));
        var rule = Rule(Required(file, "rule"), warnings);
        var budget = Whole(PbReader.ParseNumber(Required(file, "budget")) * unitsPerCurrency, "budget");
        var projects = file.Projects.Select(p => new CountProject(p.Id, Whole(p.Cost * unitsPerCurrency, $"cost of project {p.Id}")));
        var minLength = Int(file, "min_length");
        var maxLength = Int(file, "max_length");
        long threshold = 0;
        if (rule == VoteRule.GreedyThreshold)
        {
            if (Number(file, "min_project_score_threshold") is { } least)
            {
                threshold = least;
            }
            else
            {
                warnings.Add("rule greedy-threshold without min_project_score_threshold: counted as greedy.");
                rule = VoteRule.Greedy;
            }
        }
        else if (file.MetaValue("min_project_score_threshold") is { Length: > 0 } t)
        {
            warnings.Add($"min_project_score_threshold {t} ignored: the rule is not greedy-threshold.");
        }

        // Ordinal ballots with a points column (Kraków 2021: 3,2,1) are scored with those points.
        var ordinalPoints = kind == BallotType.Ordinal && file.HasPoints;
        var ballots = file.Votes.Select(v => new CountBallot(v.Vote, kind == BallotType.Cumulative || ordinalPoints ? v.Points : []));
        int? ranks = kind == BallotType.Ordinal ? maxLength : null;
        var followsRanks = !ordinalPoints || file.Votes.All(v => v.Points.Select((p, i) => p == (maxLength ?? v.Vote.Length) - i).All(x => x));
        if (file.HasPoints && kind is not (BallotType.Cumulative or BallotType.Ordinal))
        {
            warnings.Add($"the points column is ignored: {Required(file, "vote_type")} ballots have no points.");
        }

        var election = new Election([.. projects], [.. ballots], budget, kind, ranks, CurrencyUnit: unitsPerCurrency, MinProjectScore: threshold);
        var maxTotal = Int(file, "max_sum_points");
        var ballotRules = kind switch
        {
            // Without max_points, the total is also the bound on one project (Częstochowa).
            BallotType.Cumulative => new BallotRules(kind, minLength ?? 1, maxLength ?? int.MaxValue,
                MaxPointsPerProject: Int(file, "max_points") ?? maxTotal ?? int.MaxValue, MaxTotalPoints: maxTotal ?? int.MaxValue),
            BallotType.Ordinal => new BallotRules(kind, Ranks: maxLength ?? file.Projects.Length,
                ExactRanks: minLength is { } min && min == maxLength),
            _ => new BallotRules(kind, minLength ?? 1, maxLength ?? int.MaxValue),
        };
        Ignored(file, kind, warnings);
        return new PbElection(election, rule, ballotRules, file.MetaValue("currency") ?? "", [.. warnings], followsRanks);
    }

    /// <summary>Warnings for every META key that is neither descriptive nor honoured, by name and value.</summary>
    private static void Ignored(PbFile file, BallotType kind, List<string> warnings)
    {
        foreach (var (key, value) in file.Meta)
        {
            if (key.Equals("key", StringComparison.OrdinalIgnoreCase) || Descriptive.Contains(key))
            {
                continue;
            }

            if (Honoured.Contains(key))
            {
                if (key is "max_points" or "max_sum_points" && kind != BallotType.Cumulative)
                {
                    warnings.Add($"{key} {value} ignored: only cumulative ballots have points.");
                }

                continue;
            }

            warnings.Add(key.ToLowerInvariant() switch
            {
                "min_sum_cost" or "max_sum_cost" => $"{key} {value} ignored: ballots are not checked against their total cost (the count does not depend on it).",
                "min_points" or "min_sum_points" => $"{key} {value} ignored: ballots are not checked against a least number of points (the count does not depend on it).",
                _ => $"META key {key} ({value}) is not one Civic knows: ignored.",
            });
        }
    }

    /// <summary>Pabulib's <c>vote_type</c> for a ballot kind (majority judgment has none: null).</summary>
    public static string? VoteType(BallotType kind) => kind switch
    {
        BallotType.ChooseOne => "choose-1",
        BallotType.Approval => "approval",
        BallotType.Knapsack => "approval",
        BallotType.Cumulative => "cumulative",
        BallotType.Ordinal => "ordinal",
        _ => null,
    };

    /// <summary>Pabulib's <c>rule</c> for a counting rule (majority judgment has none: null).</summary>
    public static string? RuleName(VoteRule rule) => rule switch
    {
        VoteRule.Greedy => "greedy",
        VoteRule.GreedyNoSkip => "greedy-no-skip",
        VoteRule.EqualSharesAdd1 => "equalshares/add1",
        VoteRule.EqualShares => "equalshares",
        VoteRule.GreedyThreshold => "greedy-threshold",
        VoteRule.EqualSharesAdd1Comparison => "equalshares/add1-comparison",
        VoteRule.GreedyExclusive => "greedy-exclusive",
        _ => null,
    };

    private static BallotType Kind(string voteType) => voteType.Trim().ToLowerInvariant() switch
    {
        "choose-1" => BallotType.ChooseOne,
        "approval" => BallotType.Approval,
        "cumulative" => BallotType.Cumulative,
        "ordinal" => BallotType.Ordinal,
        var other => throw new NotSupportedException($"Pabulib vote type '{other}' (META key vote_type) is not supported."),
    };

    private static VoteRule Rule(string rule, List<string> warnings)
    {
        switch (rule.Trim().ToLowerInvariant())
        {
            case "greedy":
                return VoteRule.Greedy;
            case "greedy-no-skip":
                return VoteRule.GreedyNoSkip;
            case "greedy-threshold":
                return VoteRule.GreedyThreshold;
            case "greedy-exclusive":
                warnings.Add("rule greedy-exclusive: the file gives no mutually exclusive projects, so the exclusion sets must be added to the vote (setVoteExclusiveSets); counted as greedy until then.");
                return VoteRule.Greedy;
            case "equalshares/add1":
                return VoteRule.EqualSharesAdd1;
            case "equalshares/add1-comparison":
                return VoteRule.EqualSharesAdd1Comparison;
            case "equalshares":
                return VoteRule.EqualShares;
            case "unknown":
                warnings.Add("rule unknown: counted as greedy.");
                return VoteRule.Greedy;
            case var other:
                throw new NotSupportedException($"Pabulib rule '{other}' (META key rule) is not supported.");
        }
    }

    private static string Required(PbFile file, string key) =>
        file.MetaValue(key) is { Length: > 0 } value ? value : throw new FormatException($"META has no '{key}'.");

    private static int? Int(PbFile file, string key) =>
        file.MetaValue(key) is { Length: > 0 } value ? (int)Whole(PbReader.ParseNumber(value), key) : null;

    private static long? Number(PbFile file, string key) =>
        file.MetaValue(key) is { Length: > 0 } value ? Whole(decimal.Ceiling(PbReader.ParseNumber(value)), key) : null;

    private static long Whole(decimal value, string what) =>
        value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue
            ? (long)value
            : throw new FormatException($"The {what} ({value}) is not a whole number in the chosen unit.");
}
