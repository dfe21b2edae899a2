using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Civic.Grains.Interfaces;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Bench;

/// <summary>
/// A vote of 1,000,000 ballots: written to the ballots table (binary COPY, as the ledger writer's rows), activated once
/// (a full replay, which snapshots the tally), then 10,000 more ballots after the snapshot, and the vote deactivated:
/// its reactivation (snapshot plus replay) is timed and the managed memory it holds measured after a full collection.
/// Targets: at most 2 s and at most 200 MB.
/// </summary>
public static class LargeVote
{
    public const string SkipFlag = "--no-large-vote";
    private const int Ballots = 1_000_000;
    private const int After = 10_000;
    private const int Options = 50;

    public static async Task<IReadOnlyList<string>> RunAsync(string connectionString, int writers)
    {
        await using var civic = await CivicUnderTest.StartAsync(connectionString, writers);
        var tenant = civic.Tenant;
        var voteId = GrainKeys.NewId(IdPrefixes.Vote);
        var vote = civic.Grains.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, voteId));
        var management = civic.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0);
        var now = DateTimeOffset.UtcNow;
        await vote.CreateAsync(new CreateVote("Large vote", BallotType.Approval, 1, 5,
            [.. Enumerable.Range(1, Options).Select(i => new VoteOptionInput($"Project {i}", 10_000 * i))],
            new Money(50_000_000, "EUR"), now, now.AddDays(7)), new Actor(tenant, "admin", Role.Admin));
        await CopyBallotsAsync(civic.Db, tenant, voteId, 1, Ballots);
        await management.ForceActivationCollection(TimeSpan.Zero); // the next call activates the vote anew
        var full = Stopwatch.StartNew();
        var first = await vote.GetAsync(null);
        full.Stop();
        if (first!.Ballots != Ballots)
        {
            throw new InvalidOperationException($"The first activation counted {first.Ballots} ballots, not {Ballots}.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first activation (full replay of {Ballots:N0} ballots, then a snapshot): {full.Elapsed.TotalSeconds:0.00} s"));
        await CopyBallotsAsync(civic.Db, tenant, voteId, Ballots + 1, After);
        await management.ForceActivationCollection(TimeSpan.Zero);

        var before = Held();
        var timer = Stopwatch.StartNew();
        var summary = await vote.GetAsync(null);
        timer.Stop();
        var held = Held() - before;
        var ok = summary!.Ballots == Ballots + After && timer.Elapsed <= TimeSpan.FromSeconds(2) && held <= 200L * 1024 * 1024;
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"large-vote:  reactivation of {Ballots + After:N0} ballots ({After:N0} after the snapshot): {timer.Elapsed.TotalSeconds:0.00} s (target <= 2 s)"),
            string.Create(CultureInfo.InvariantCulture, $"large-vote:  memory held by the activation: {held / 1024.0 / 1024.0:0.0} MB (target <= 200 MB); {summary.Ballots:N0} ballots counted; {(ok ? "ok" : "FAILED")}"),
        ];
    }

    /// <summary>Managed memory after a full, compacting collection.</summary>
    private static long Held()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task CopyBallotsAsync(NpgsqlDataSource db, string tenant, string voteId, long firstSeq, int count)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "copy civic_ballots (tenant, vote_id, seq, ballot_id, voter_key, choices, cast_at, points, district, voter_ref, is_extra) from stdin (format binary)");
        var random = new Random(12);
        var key = new byte[32];
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            RandomNumberGenerator.Fill(key);
            var voter = Convert.ToHexStringLower(key);
            var picks = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => 1 + random.Next(Options)).Distinct().Select(p => "p" + p.ToString(CultureInfo.InvariantCulture)).ToArray();
            await copy.StartRowAsync();
            await copy.WriteAsync(tenant, NpgsqlDbType.Text);
            await copy.WriteAsync(voteId, NpgsqlDbType.Text);
            await copy.WriteAsync(firstSeq + i, NpgsqlDbType.Bigint);
            await copy.WriteAsync("bl_large_" + (firstSeq + i).ToString(CultureInfo.InvariantCulture) + "_" + voteId, NpgsqlDbType.Text);
            await copy.WriteAsync(voter, NpgsqlDbType.Text);
            await copy.WriteAsync(picks, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(Array.Empty<int>(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            await copy.WriteNullAsync();
            await copy.WriteAsync(voter, NpgsqlDbType.Text);
            await copy.WriteAsync(false, NpgsqlDbType.Boolean);
        }

        await copy.CompleteAsync();
    }
}
