using System.Collections.Immutable;
using Civic.Grains.Votes.Counting;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Pabulib;

/// <summary>A Pabulib file read as something to count: the election, the file's own rule and its ballot rules.</summary>
public sealed record PbElection(Election Election, VoteRule Rule, BallotRules BallotRules, string Currency);

/// <summary>Turns a <see cref="PbFile"/> into counting input.</summary>
public static class PbElections
{
    /// <summary>
    /// Reads the election a file describes. Costs and the budget are multiplied by <paramref name="unitsPerCurrency"/>
    /// (1 keeps Pabulib's whole currency units, 100 gives cents) and must then be whole numbers.
    /// </summary>
    /// <exception cref="FormatException">A required META key is missing or a number is not whole in the chosen unit.</exception>
    /// <exception cref="NotSupportedException">The vote type or rule is not one Civic counts.</exception>
    public static PbElection From(PbFile file, long unitsPerCurrency = 1)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (unitsPerCurrency <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(unitsPerCurrency), "Must be positive.");
        }

        var kind = Kind(Required(file, "vote_type"));
        var rule = Rule(Required(file, "rule"));
        var budget = Whole(PbReader.ParseNumber(Required(file, "budget")) * unitsPerCurrency, "budget");
        var projects = file.Projects.Select(p => new CountProject(p.Id, Whole(p.Cost * unitsPerCurrency, $"cost of project {p.Id}")));
        var ballots = file.Votes.Select(v => new CountBallot(v.Vote, kind == BallotType.Cumulative ? v.Points : []));
        var minLength = Int(file, "min_length");
        var maxLength = Int(file, "max_length");
        int? ranks = kind == BallotType.Ordinal ? maxLength : null;
        var election = new Election([.. projects], [.. ballots], budget, kind, ranks, CurrencyUnit: unitsPerCurrency);
        var ballotRules = kind switch
        {
            BallotType.Cumulative => new BallotRules(kind, minLength ?? 1, maxLength ?? int.MaxValue,
                MaxPointsPerProject: Int(file, "max_points") ?? int.MaxValue, MaxTotalPoints: Int(file, "max_sum_points") ?? int.MaxValue),
            BallotType.Ordinal => new BallotRules(kind, Ranks: maxLength ?? file.Projects.Length,
                ExactRanks: minLength is { } min && min == maxLength),
            _ => new BallotRules(kind, minLength ?? 1, maxLength ?? int.MaxValue),
        };
        return new PbElection(election, rule, ballotRules, file.MetaValue("currency") ?? "");
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
        _ => null,
    };

    private static BallotType Kind(string voteType) => voteType.Trim().ToLowerInvariant() switch
    {
        "choose-1" => BallotType.ChooseOne,
        "approval" => BallotType.Approval,
        "cumulative" => BallotType.Cumulative,
        "ordinal" => BallotType.Ordinal,
        var other => throw new NotSupportedException($"Pabulib vote type '{other}' is not supported."),
    };

    private static VoteRule Rule(string rule) => rule.Trim().ToLowerInvariant() switch
    {
        "greedy" => VoteRule.Greedy,
        "greedy-no-skip" => VoteRule.GreedyNoSkip,
        "equalshares/add1" => VoteRule.EqualSharesAdd1,
        "equalshares" => VoteRule.EqualShares,
        var other => throw new NotSupportedException($"Pabulib rule '{other}' is not supported."),
    };

    private static string Required(PbFile file, string key) =>
        file.MetaValue(key) is { Length: > 0 } value ? value : throw new FormatException($"META has no '{key}'.");

    private static int? Int(PbFile file, string key) =>
        file.MetaValue(key) is { Length: > 0 } value ? (int)Whole(PbReader.ParseNumber(value), key) : null;

    private static long Whole(decimal value, string what) =>
        value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue
            ? (long)value
            : throw new FormatException($"The {what} ({value}) is not a whole number in the chosen unit.");
}
