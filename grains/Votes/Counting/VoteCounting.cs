using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Votes.Counting;

/// <summary>
/// Counting a closed vote, as pure functions over an <see cref="Election"/>. Integer and exact
/// rational arithmetic only.
/// </summary>
/// <remarks>
/// <para>Scores follow Pabulib: choose-1, approval and knapsack count one per ballot naming the project;
/// cumulative sums the points; ordinal with k ranks gives k points to the first choice, k-1 to the second,
/// and so on (Kraków's rule); majority judgment's score is the (lower) median grade.</para>
/// <para>Ties, everywhere: the higher score first, then the cheaper project, then the project listed first in
/// <see cref="Election.Projects"/>. Projects with a score of zero (nobody named them; for majority judgment a
/// median of the worst grade) are never funded.</para>
/// </remarks>
public static class VoteCounting
{
    public static CountResult Count(Election election, VoteRule rule)
    {
        ArgumentNullException.ThrowIfNull(election);
        var indexed = Indexed.From(election);
        return rule switch
        {
            VoteRule.Greedy => Greedy(indexed, skip: true, rule),
            VoteRule.GreedyNoSkip => Greedy(indexed, skip: false, rule),
            VoteRule.GreedyThreshold => Greedy(indexed, skip: true, rule, Math.Max(1, election.MinProjectScore)),
            VoteRule.GreedyExclusive => Greedy(indexed, skip: true, rule, rivals: Rivals(indexed)),
            VoteRule.EqualShares => EqualShares.Count(indexed, completion: false),
            VoteRule.EqualSharesAdd1 => EqualShares.Count(indexed, completion: true),
            VoteRule.EqualSharesAdd1Comparison => Comparison.Count(indexed),
            VoteRule.MajorityJudgment => MajorityJudgment.Count(indexed),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown counting rule."),
        };
    }

    /// <summary>Each project's score and number of ballots naming it, in listed order (not for majority judgment).</summary>
    public static ImmutableArray<ProjectTally> Tally(Election election)
    {
        var indexed = Indexed.From(election);
        return Tallies(indexed, indexed.Scores(), []);
    }

    /// <remarks>
    /// With <paramref name="rivals"/> (greedy-exclusive), a project exclusive with one already selected is skipped like
    /// one that does not fit; a project skipped for its cost excludes nothing. Among exclusive projects the order
    /// decides: the higher score, then the cheaper, then the one listed first.
    /// </remarks>
    internal static CountResult Greedy(Indexed e, bool skip, VoteRule rule, long least = 1, int[][]? rivals = null)
    {
        if (e.Election.Kind == BallotType.MajorityJudgment)
        {
            throw new ArgumentException("Majority judgment ballots are counted with the majority judgment rule.");
        }

        var scores = e.Scores();
        var order = ByScore(e, scores);
        var excluded = new bool[e.Projects.Length];
        var (selected, allocated) = Fund(e, order, i => scores[i] > 0 && scores[i] >= least && !excluded[i], skip, i =>
        {
            foreach (var r in rivals?[i] ?? [])
            {
                excluded[r] = true;
            }
        });
        return Result(e, rule, selected, order, Tallies(e, scores, selected), allocated, null);
    }

    /// <summary>Per project, the indexes of the projects it is mutually exclusive with (sharing a set with it).</summary>
    internal static int[][] Rivals(Indexed e)
    {
        var index = new Dictionary<string, int>(e.Projects.Length, StringComparer.Ordinal);
        for (var i = 0; i < e.Projects.Length; i++)
        {
            index[e.Projects[i].Id] = i;
        }

        var rivals = new HashSet<int>[e.Projects.Length];
        foreach (var set in e.Election.ExclusiveSets.IsDefault ? [] : e.Election.ExclusiveSets)
        {
            var members = set.Where(index.ContainsKey).Select(id => index[id]).Distinct().ToArray();
            foreach (var a in members)
            {
                foreach (var b in members.Where(b => b != a))
                {
                    (rivals[a] ??= []).Add(b);
                }
            }
        }

        return [.. rivals.Select(r => r is null ? Array.Empty<int>() : [.. r])];
    }

    /// <summary>Project indexes by score descending, then cost ascending, then listed order.</summary>
    internal static int[] ByScore(Indexed e, long[] scores)
    {
        var order = Enumerable.Range(0, e.Projects.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = scores[b].CompareTo(scores[a]);
            if (c == 0)
            {
                c = e.Projects[a].Cost.CompareTo(e.Projects[b].Cost);
            }

            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>Walks <paramref name="order"/> and funds each eligible project that fits; without skipping, stops at the first that does not.</summary>
    internal static (List<int> Selected, long Allocated) Fund(Indexed e, IEnumerable<int> order, Func<int, bool> eligible, bool skip,
        Action<int>? selectedOne = null)
    {
        var selected = new List<int>();
        long allocated = 0;
        var budget = e.Election.Budget;
        foreach (var i in order)
        {
            if (!eligible(i))
            {
                continue;
            }

            if (budget is { } limit && allocated + e.Projects[i].Cost > limit)
            {
                if (skip)
                {
                    continue;
                }

                break;
            }

            allocated += e.Projects[i].Cost;
            selected.Add(i);
            selectedOne?.Invoke(i);
        }

        return (selected, allocated);
    }

    internal static ImmutableArray<ProjectTally> Tallies(Indexed e, long[] scores, IReadOnlyCollection<int> selected, int[][]? gradeCounts = null)
    {
        var chosen = new HashSet<int>(selected);
        var counts = e.NamingCounts();
        return [.. e.Projects.Select((p, i) => new ProjectTally(
            p.Id, p.Cost, scores[i], counts[i], chosen.Contains(i),
            gradeCounts is null ? [] : [.. gradeCounts[i]]))];
    }

    internal static CountResult Result(Indexed e, VoteRule rule, List<int> selected, IEnumerable<int> ranking,
        ImmutableArray<ProjectTally> tallies, long allocated, EqualSharesReport? report) => new(
            rule,
            [.. selected.Select(i => e.Projects[i].Id)],
            [.. ranking.Select(i => e.Projects[i].Id)],
            tallies,
            e.Election.Budget,
            allocated,
            e.Election.Budget is { } b ? b - allocated : 0,
            e.Ballots.Length,
            report);
}

/// <summary>An election with ballots turned into project indexes, so counting works on arrays.</summary>
internal sealed class Indexed
{
    private Indexed(Election election, ImmutableArray<CountProject> projects, int[][] ballots)
    {
        Election = election;
        Projects = projects;
        Ballots = ballots;
    }

    public Election Election { get; }

    public ImmutableArray<CountProject> Projects { get; }

    /// <summary>Per ballot, the indexes of the projects it names, in ballot order.</summary>
    public int[][] Ballots { get; }

    public static Indexed From(Election election)
    {
        var index = new Dictionary<string, int>(election.Projects.Length, StringComparer.Ordinal);
        for (var i = 0; i < election.Projects.Length; i++)
        {
            var p = election.Projects[i];
            if (p.Cost < 0)
            {
                throw new ArgumentException($"Project '{p.Id}' has a negative cost.");
            }

            if (!index.TryAdd(p.Id, i))
            {
                throw new ArgumentException($"Project '{p.Id}' is listed twice.");
            }
        }

        var ballots = new int[election.Ballots.Length][];
        for (var b = 0; b < ballots.Length; b++)
        {
            var choices = election.Ballots[b].Choices;
            var row = new int[choices.Length];
            for (var c = 0; c < row.Length; c++)
            {
                if (!index.TryGetValue(choices[c], out row[c]))
                {
                    throw new CivicException(ErrorCodes.BallotUnknownProject, $"Ballot {b + 1} names unknown project '{choices[c]}'.");
                }
            }

            ballots[b] = row;
        }

        return new Indexed(election, election.Projects, ballots);
    }

    /// <summary>Scores as Pabulib records them, per project in listed order.</summary>
    public long[] Scores()
    {
        var scores = new long[Projects.Length];
        var kind = Election.Kind;
        for (var b = 0; b < Ballots.Length; b++)
        {
            var row = Ballots[b];
            var points = Election.Ballots[b].Points;
            var k = Election.Ranks ?? row.Length;
            for (var c = 0; c < row.Length; c++)
            {
                scores[row[c]] += kind switch
                {
                    BallotType.Cumulative => points.IsDefaultOrEmpty || points.Length != row.Length
                        ? throw new ArgumentException($"Ballot {b + 1} has no points for each of its choices.")
                        : points[c],
                    BallotType.Ordinal when !points.IsDefaultOrEmpty && points.Length == row.Length => points[c],
                    BallotType.Ordinal => Math.Max(0, k - c),
                    _ => 1,
                };
            }
        }

        return scores;
    }

    /// <summary>How many ballots name each project.</summary>
    public int[] NamingCounts()
    {
        var counts = new int[Projects.Length];
        foreach (var row in Ballots)
        {
            foreach (var p in row)
            {
                counts[p]++;
            }
        }

        return counts;
    }
}
