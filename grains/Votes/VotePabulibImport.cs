using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Pabulib;

namespace Civic.Grains.Votes;

/// <summary>A Pabulib file read as a vote to create and its ballots as paper ballots (the grain records them).</summary>
internal static class VotePabulibImport
{
    private static readonly TimeSpan ImportedVoteLasts = TimeSpan.FromDays(30);

    /// <summary>The vote the file describes, opening now; INVALID_FILE when Civic cannot import it.</summary>
    public static (CreateVote Create, PbFile File, PbElection Election) Read(ImportPabulib command, DateTimeOffset now)
    {
        TextRules.Require("The file", command.Content, TextLimits.PabulibFile);
        TextRules.Optional("The title", command.Title, TextLimits.Title);
        PbFile file;
        PbElection election;
        try
        {
            file = PbReader.Parse(command.Content);
            election = PbElections.From(file, VoteRules.CentsPerCurrencyUnit);
            if (!election.PointsFollowRanks)
            {
                throw new NotSupportedException("the points column of these ordinal ballots is not k, k-1, ... for the ranks, and a Civic vote scores ranks so.");
            }
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or OverflowException)
        {
            throw new CivicException(ErrorCodes.InvalidFile, "Not a Pabulib file Civic can import: " + ex.Message);
        }

        var rules = election.BallotRules;
        var count = file.Projects.Length;
        var options = file.Projects.Select(p => new VoteOptionInput(
            TextRules.Truncate(file.ProjectValue(p, "name") is { Length: > 0 } name ? TextRules.ToLine(name) : "Project " + p.Id, 300),
            (long)(p.Cost * VoteRules.CentsPerCurrencyUnit), null, p.Id)).ToImmutableArray();
        var type = election.Election.Kind;
        var create = new CreateVote(
            TextRules.Truncate(command.Title ?? TextRules.ToLine(file.MetaValue("description") ?? "Imported vote"), 200),
            type,
            type == BallotType.Ordinal ? 1 : Math.Clamp(rules.MinChoices, 1, count),
            type == BallotType.Ordinal ? rules.Ranks : Math.Clamp(rules.MaxChoices, 1, count),
            options,
            new Money(election.Election.Budget ?? 0, Currencies.IsValid(election.Currency) ? election.Currency : "EUR"),
            now,
            now + ImportedVoteLasts,
            election.Rule,
            Math.Min(rules.MaxPointsPerProject, 1_000_000),
            Math.Min(rules.MaxTotalPoints, 1_000_000),
            ExactRanks: rules.ExactRanks,
            MinProjectScore: election.Rule == VoteRule.GreedyThreshold ? election.Election.MinProjectScore : null);
        return (create, file, election);
    }

    /// <summary>Whether the file's rule is greedy-exclusive: the vote then waits for its exclusive sets (imported as greedy).</summary>
    public static bool WantsExclusiveSets(PbFile file) =>
        string.Equals(file.MetaValue("rule")?.Trim(), "greedy-exclusive", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's ballots, naming the options by the ids the vote gave its projects.</summary>
    public static ImmutableArray<PaperBallot> Ballots(PbFile file, PbElection election, IReadOnlyList<VoteOptionConfig> options)
    {
        var ids = file.Projects.Select((p, i) => (p.Id, options[i].Id)).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        var paper = file.Votes.Select(v => new PaperBallot(
            v.VoterId,
            [.. v.Vote.Select(c => ids.TryGetValue(c, out var id) ? id : c)],
            election.Election.Kind == BallotType.Cumulative ? v.Points : [],
            null)).ToImmutableArray();
        return paper;
    }
}
