using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;

namespace Civic.Grains.Votes;

/// <summary>What a vote shows: the summary the queries answer and the live figures subscribers watch.</summary>
internal static class VoteViews
{
    /// <summary>The vote as <c>vote(id)</c> shows it; <paramref name="viewer"/> only decides <c>hasVoted</c>.</summary>
    public static VoteSummary Summary(VoteState s, VoteTally tally, VoterPseudonyms? pseudonyms, DateTimeOffset now, Actor? viewer)
    {
        var status = VoteRules.StatusAt(s, now);
        // Final figures once counted; while a close drains ballots in flight and counts, the tally (which no longer moves).
        var closed = s.Status == VoteStatus.Closed && s.Results is not null;
        var counts = closed ? s.FinalCounts : [.. tally.Counts];
        var scores = closed ? s.FinalScores : [.. tally.Scores];
        var options = s.Options.Select((o, i) => new VoteOption(o.Id, o.Title, o.Cost,
            i < counts.Count ? counts[i] : 0, o.District,
            s.Results?.Projects.IsDefaultOrEmpty == false ? s.Results.Projects[i].Score : i < scores.Count ? scores[i] : 0,
            o.ExternalId)).ToImmutableArray();
        var hasVoted = viewer is not null && pseudonyms is not null && (s.HasDistricts
            ? s.Districts.Any(d => tally.HasVoted(pseudonyms.For(s.Tenant, s.Id, viewer.UserId, d.Name)))
            : tally.HasVoted(pseudonyms.For(s.Tenant, s.Id, viewer.UserId)));
        return new VoteSummary(
            s.Id, s.Title, status, s.BallotType, s.MinChoices, s.MaxChoices, options,
            s.Budget is { } b ? new Money(b, s.Currency) : null,
            closed ? s.FinalBallots : tally.Ballots,
            s.OpensAt, s.ClosesAt, s.Results, hasVoted,
            s.Rule,
            Districts(s, tally),
            s.AllowSecondDistrict, s.MaxPointsPerProject, s.MaxTotalPoints, s.GradeScale, s.MinimumSpendPercent,
            s.RequireVerified, s.MinimumAge, s.MinProjectScore, [.. s.ImportWarnings], s.LiveTallies, s.ExactRanks,
            [.. s.ExclusiveSets.Select(set => set.ToImmutableArray())]);
    }

    /// <summary>
    /// The live figures: status, ballots (per district), and the results with the options only once the vote
    /// is closed. Never a per-option count while it is open.
    /// </summary>
    public static VoteLive Live(VoteState s, VoteTally tally, VoterPseudonyms? pseudonyms, DateTimeOffset now)
    {
        var closed = s.Status == VoteStatus.Closed && s.Results is not null;
        return new VoteLive(
            s.Id,
            VoteRules.StatusAt(s, now),
            closed ? s.FinalBallots : tally.Ballots,
            Districts(s, tally),
            closed ? s.Results : null,
            closed || s.LiveTallies ? Summary(s, tally, pseudonyms, now, null).Options : [],
            s.LiveTallies);
    }

    /// <summary>Whether two live values show the same figures (the publisher sends only a change).</summary>
    public static bool Same(VoteLive a, VoteLive b) =>
        a.Status == b.Status && a.Ballots == b.Ballots && (a.Results is null) == (b.Results is null)
        && a.Districts.Select(d => d.Ballots).SequenceEqual(b.Districts.Select(d => d.Ballots))
        && a.Options.Select(o => o.Votes).SequenceEqual(b.Options.Select(o => o.Votes));

    private static ImmutableArray<VoteDistrict> Districts(VoteState s, VoteTally tally)
    {
        var byDistrict = s.Status == VoteStatus.Closed && s.Results is not null ? s.FinalDistrictBallots : tally.BallotsByDistrict;
        return [.. s.Districts.Select(d => new VoteDistrict(d.Name, d.Budget, byDistrict.GetValueOrDefault(d.Name)))];
    }
}
