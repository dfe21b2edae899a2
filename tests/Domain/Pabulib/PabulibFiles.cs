using Civic.Grains.Pabulib;
using Civic.Grains.Votes.Counting;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain.Pabulib;

/// <summary>The real elections in ../shared/pabulib, counted with each file's own rule, against what the cities recorded.</summary>
public class PabulibFiles
{
    private static readonly Lazy<string> Folder = new(FindFolder);

    public static string PathOf(string name) => Path.Combine(Folder.Value, name);

    /// <summary>The shared folder itself (what <c>verify-pb</c> is run on).</summary>
    public static string FolderPath => Folder.Value;

    public static TheoryData<string> Files() => new()
    {
        "France_Toulouse_2019.pb",
        "France_Toulouse_2022.pb",
        "Poland_Krakow_2018_Bienczyce.pb",
        "Poland_Swiecie_2023.pb",
        "Poland_Wroclaw_2015_up_to_150.pb",
        "Poland_Krakow_2021_Bienczyce.pb",
        "Poland_Czestochowa_2025_Bleszno.pb",
        "Poland_Wieliczka_2023_Green_Budget.pb",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_score_equals_the_recorded_one(string name)
    {
        var file = PbReader.Read(PathOf(name));
        var pb = PbElections.From(file);
        var result = VoteCounting.Count(pb.Election, pb.Rule);

        // approval and choose-1 record "votes"; cumulative and ordinal record "score".
        var column = pb.Election.Kind is BallotType.Cumulative or BallotType.Ordinal ? "score" : "votes";
        Assert.Equal(file.Projects.Length, result.Projects.Length);
        foreach (var (project, tally) in file.Projects.Zip(result.Projects))
        {
            Assert.Equal(project.Id, tally.Id);
            Assert.Equal(long.Parse(file.ProjectValue(project, column)!), tally.Score);
            Assert.Equal(int.Parse(file.ProjectValue(project, "votes")!), tally.Ballots);
        }

        Assert.Equal(int.Parse(file.MetaValue("num_votes")!), result.Ballots);
        Assert.Equal(int.Parse(file.MetaValue("num_projects")!), file.Projects.Length);
        Assert.InRange(result.Allocated, 1, result.Budget!.Value);
        Assert.Equal(result.Budget - result.Allocated, result.LeftOver);
    }

    [Theory]
    [InlineData("Poland_Swiecie_2023.pb", VoteRule.EqualSharesAdd1)]
    [InlineData("Poland_Wroclaw_2015_up_to_150.pb", VoteRule.GreedyNoSkip)]
    [InlineData("Poland_Krakow_2021_Bienczyce.pb", VoteRule.Greedy)]
    [InlineData("Poland_Czestochowa_2025_Bleszno.pb", VoteRule.GreedyThreshold)]
    [InlineData("Poland_Wieliczka_2023_Green_Budget.pb", VoteRule.EqualSharesAdd1Comparison)]
    public void Selection_equals_the_recorded_one(string name, VoteRule expectedRule)
    {
        var file = PbReader.Read(PathOf(name));
        var pb = PbElections.From(file);
        Assert.Equal(expectedRule, pb.Rule);

        var result = VoteCounting.Count(pb.Election, pb.Rule);

        var recorded = file.Projects.Where(p => file.ProjectValue(p, "selected") == "1").Select(p => p.Id).Order(StringComparer.Ordinal);
        Assert.Equal(recorded, result.Selected.Order(StringComparer.Ordinal));
        Assert.Equal(file.Projects.Where(p => file.ProjectValue(p, "selected") == "1").Sum(p => (long)p.Cost), result.Allocated);
    }

    [Fact]
    public void Swiecie_equal_shares_accounts_for_every_voter()
    {
        var pb = PbElections.From(PbReader.Read(PathOf("Poland_Swiecie_2023.pb")));
        var result = VoteCounting.Count(pb.Election, VoteRule.EqualSharesAdd1);
        var report = result.EqualShares!;

        // Stopping on the real budget alone would fund less: add1 raised the shares.
        var plain = VoteCounting.Count(pb.Election, VoteRule.EqualShares);
        Assert.True(plain.Allocated < result.Allocated);
        Assert.True(report.CompletionSteps > 0);
        Assert.Equal(1_070_000 + report.CompletionSteps * 2553L, report.VirtualBudget);
        Assert.Equal(new Rational(report.VirtualBudget, 2553), report.ShareEach);

        // Voters paid exactly the cost of what was funded, and nobody more than their share.
        var paid = report.PaidByVoter.Aggregate(Rational.Zero, (a, b) => a + b);
        Assert.Equal((Rational)result.Allocated, paid);
        Assert.All(report.PaidByVoter, p => Assert.True(p >= Rational.Zero && p <= report.ShareEach, $"paid {p}"));
        Assert.Equal(result.Selected, report.Payments.Select(p => p.Id));
    }

    [Fact]
    public void Toulouse_2022_greedy_stays_within_8_million_and_leaves_nothing_that_fits()
    {
        var file = PbReader.Read(PathOf("France_Toulouse_2022.pb"));
        var pb = PbElections.From(file);
        Assert.Equal(VoteRule.Greedy, pb.Rule);
        Assert.Equal(8_000_000, pb.Election.Budget);

        var result = VoteCounting.Count(pb.Election, pb.Rule);

        var cost = file.Projects.ToDictionary(p => p.Id, p => (long)p.Cost);
        Assert.Equal(result.Selected.Sum(id => cost[id]), result.Allocated);
        Assert.True(result.Allocated <= 8_000_000);
        var unfunded = result.Projects.Where(t => !t.Selected && t.Score > 0).ToList();
        Assert.NotEmpty(unfunded);
        Assert.All(unfunded, t => Assert.True(result.Allocated + t.Cost > 8_000_000, $"{t.Id} would still fit"));

        // Greedy order: each selected project has at least the score of every project after it in the selection.
        var score = result.Projects.ToDictionary(t => t.Id, t => t.Score);
        Assert.True(result.Selected.Zip(result.Selected.Skip(1)).All(pair => score[pair.First] >= score[pair.Second]));
        Assert.Equal(81, result.Selected.Length);
        Assert.Equal(7_999_520, result.Allocated);

        // The file records no outcome to compare with.
        Assert.DoesNotContain("selected", file.ProjectExtraColumns);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Round_trip_keeps_projects_ballots_and_meta(string name)
    {
        var original = PbReader.Read(PathOf(name));
        var again = PbReader.Parse(PbWriter.Write(original));
        PbAssert.Same(original, again);

        // Written once more, the text is stable.
        Assert.Equal(PbWriter.Write(original), PbWriter.Write(again));
    }

    /// <summary>
    /// The CI copies shared/ beside the clone: ../shared/pabulib from the directory holding Civic.sln. A git
    /// worktree sits deeper (/work/wt/NAME), so the search goes on up the clone's ancestors.
    /// </summary>
    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Civic.sln")))
            {
                continue;
            }

            for (var above = dir.Parent; above is not null; above = above.Parent)
            {
                var folder = Path.Combine(above.FullName, "shared", "pabulib");
                if (Directory.Exists(folder))
                {
                    return folder;
                }
            }

            throw new DirectoryNotFoundException($"No shared/pabulib beside {dir.FullName} or above it.");
        }

        throw new DirectoryNotFoundException($"No Civic.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>xunit 2 compares ImmutableArray as IStructuralEquatable and fails equal ones: compare arrays.</summary>
internal static class PbAssert
{
    public static void Same(PbFile expected, PbFile actual)
    {
        Assert.Equal(expected.Meta.Select(p => $"{p.Key}={p.Value}"), actual.Meta.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(expected.ProjectExtraColumns.ToArray(), actual.ProjectExtraColumns.ToArray());
        Assert.Equal(expected.VoteExtraColumns.ToArray(), actual.VoteExtraColumns.ToArray());
        Assert.Equal(expected.HasPoints, actual.HasPoints);
        Assert.Equal(expected.Projects.Length, actual.Projects.Length);
        foreach (var (e, a) in expected.Projects.Zip(actual.Projects))
        {
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.Cost, a.Cost);
            Assert.Equal(e.Extra.ToArray(), a.Extra.ToArray());
        }

        Assert.Equal(expected.Votes.Length, actual.Votes.Length);
        foreach (var (e, a) in expected.Votes.Zip(actual.Votes))
        {
            Assert.Equal(e.VoterId, a.VoterId);
            Assert.Equal(e.Vote.ToArray(), a.Vote.ToArray());
            Assert.Equal(e.Points.ToArray(), a.Points.ToArray());
            Assert.Equal(e.Extra.ToArray(), a.Extra.ToArray());
        }
    }
}
