using System.Collections.Immutable;
using System.Globalization;
using Civic.Grains.Interfaces;
using Civic.Grains.Pabulib;

namespace Civic.Grains.Votes;

/// <summary>A closed vote as a Pabulib file: projects keep the ids they were imported with, voters are pseudonyms.</summary>
public static class VotePabulib
{
    public static PbFile ToFile(VoteState s, VoteExport export)
    {
        var vote = export.Vote;
        var kind = s.BallotType;
        var results = s.Results;
        var selected = results?.Selected.ToHashSet(StringComparer.Ordinal) ?? [];
        var externalId = s.Options.ToDictionary(o => o.Id, o => o.ExternalId ?? o.Id, StringComparer.Ordinal);
        var meta = new List<KeyValuePair<string, string>>
        {
            new("description", vote.Title),
            new("country", ""),
            new("unit", s.Tenant),
            new("instance", vote.OpensAt.Year.ToString(CultureInfo.InvariantCulture)),
            new("num_projects", s.Options.Count.ToString(CultureInfo.InvariantCulture)),
            new("num_votes", export.Ballots.Length.ToString(CultureInfo.InvariantCulture)),
            new("budget", Units(s.HasDistricts ? s.Districts.Sum(d => d.Budget) : s.Budget ?? 0)),
            new("vote_type", PbElections.VoteType(kind) ?? "approval"),
            new("rule", PbElections.RuleName(s.Rule) ?? "greedy"),
            new("date_begin", vote.OpensAt.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
            new("date_end", vote.ClosesAt.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)),
            new("currency", s.Currency),
        };
        switch (s.BallotType)
        {
            case BallotType.Approval or BallotType.ChooseOne or BallotType.Cumulative:
                meta.Add(new("min_length", s.MinChoices.ToString(CultureInfo.InvariantCulture)));
                meta.Add(new("max_length", s.MaxChoices.ToString(CultureInfo.InvariantCulture)));
                break;
            case BallotType.Ordinal:
                meta.Add(new("min_length", (s.ExactRanks ? s.MaxChoices : 1).ToString(CultureInfo.InvariantCulture)));
                meta.Add(new("max_length", s.MaxChoices.ToString(CultureInfo.InvariantCulture)));
                break;
        }

        if (s.BallotType == BallotType.Cumulative)
        {
            meta.Add(new("max_points", s.MaxPointsPerProject.ToString(CultureInfo.InvariantCulture)));
            meta.Add(new("max_sum_points", s.MaxTotalPoints.ToString(CultureInfo.InvariantCulture)));
        }

        var projectColumns = ImmutableArray.Create("votes", "score", "name", "selected", "district");
        var projects = vote.Options.Select(o => new PbProject(
            externalId[o.Id],
            o.Cost / 100m,
            [
                o.Votes.ToString(CultureInfo.InvariantCulture),
                o.Score.ToString(CultureInfo.InvariantCulture),
                o.Title,
                selected.Contains(o.Id) ? "1" : "0",
                o.District ?? "",
            ])).ToImmutableArray();
        var hasPoints = s.BallotType == BallotType.Cumulative;
        var voteColumns = s.HasDistricts ? ImmutableArray.Create("district") : [];
        var ballots = export.Ballots.Select(b => new PbVote(
            b.VoterId,
            [.. b.Choices.Select(c => externalId[c])],
            hasPoints ? b.Points : [],
            s.HasDistricts ? [b.District ?? ""] : [])).ToImmutableArray();
        return new PbFile([.. meta], projectColumns, projects, voteColumns, hasPoints, ballots);
    }

    /// <summary>Cents as currency units, exact ("1234.5" for 123450 cents).</summary>
    private static string Units(long cents) => (cents / 100m).ToString("0.##", CultureInfo.InvariantCulture);
}
