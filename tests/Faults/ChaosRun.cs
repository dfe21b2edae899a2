using System.Text.RegularExpressions;
using Civic.Tests.Api.Transport;
using Civic.Tools.DevHost.Chaos;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Faults;

/// <summary>
/// The short form of <c>./civic chaos</c> in the suite: PostgreSQL, 3 silo processes and 2 API processes, pledges and
/// ballots under kill -9 of a silo and of an API node, PostgreSQL stopped in immediate mode, a silo paused and every silo
/// killed and started together; nothing acknowledged is lost or counted twice and every total equals its ledger. The
/// run's time bounds (<see cref="ChaosBounds"/>) hold with twice their time here, since the suite shares the machine
/// with other tests (the long run, alone, is the measure); no failed attempt may be a 500 or INTERNAL. A live watcher
/// on each API node (<see cref="ChaosWatch"/>) reconnects through the faults and must end on the campaign's final total.
/// </summary>
public sealed partial class ChaosRun(ITestOutputHelper output)
{
    [Fact]
    public async Task A_short_chaos_run_loses_nothing_acknowledged_and_every_total_equals_its_ledger()
    {
        var root = Civic.Tests.Infrastructure.Repository.Root;
        var devHost = Path.Combine(root, "tools", "Civic.DevHost", "bin", "Release", "net10.0", "Civic.DevHost.dll");
        var run = await InteropFixture.RunAsync("dotnet", [devHost, "chaos", "--seconds", "40", "--pause-seconds", "15", "--slack", "2"], root, TimeSpan.FromMinutes(12));
        output.WriteLine(run.Describe());
        Assert.True(run.ExitCode == 0, run.Describe());
        var line = Summary().Match(run.LastLine);
        Assert.True(line.Success, run.LastLine);
        Assert.True(int.Parse(line.Groups["acked"].Value) >= 100, run.LastLine); // the load really ran through the faults
        Assert.Equal("0", line.Groups["lost"].Value);
        Assert.Equal("0", line.Groups["duplicated"].Value);
        Assert.Equal("0", line.Groups["extra"].Value);
        Assert.Equal("yes", line.Groups["totals"].Value);
        foreach (var fault in new[] { "silo-kill", "api-kill", "postgres-immediate-stop", "silo-pause", "all-silos-restart" })
        {
            Assert.Contains($"fault {fault} at", run.Stderr, StringComparison.Ordinal);
        }

        // A live watcher on each API node came back after the API kill (a reconnection at least) to the final total.
        var live = Live().Match(run.Stderr);
        Assert.True(live.Success, run.Stderr);
        Assert.True(int.Parse(live.Groups["connections"].Value) >= 3, live.Value);
        Assert.Equal("yes", live.Groups["seen"].Value);
    }

    [Fact]
    public void A_bound_is_broken_by_a_slow_silo_kill_recovery_a_stalled_restart_or_an_internal_error()
    {
        var kill = new ChaosFault("silo-kill", 10) { Recovery = 4.0 };
        var restart = new ChaosFault("all-silos-restart", 40) { Recovery = 25.0 };
        var failures = new Dictionary<string, int> { ["503 UNAVAILABLE"] = 12, ["503 OUTCOME_UNKNOWN"] = 3 };
        Assert.Empty(ChaosBounds.Check([kill, restart], failures, slack: 1));

        kill.Recovery = 6.0;
        restart.Recovery = null; // never served again
        failures["200 INTERNAL"] = 1;
        failures["500 (empty body)"] = 2;
        var broken = ChaosBounds.Check([kill, restart], failures, slack: 1);
        Assert.Equal(4, broken.Count);
        Assert.Contains(broken, b => b.StartsWith("silo-kill recovered in 6.0 s", StringComparison.Ordinal));
        Assert.Contains(broken, b => b.StartsWith("all-silos-restart never recovered", StringComparison.Ordinal));
        Assert.Empty(ChaosBounds.Check([new ChaosFault("silo-kill", 10) { Recovery = 6.0 }], new Dictionary<string, int>(), slack: 2));
    }

    [GeneratedRegex(@"live: 2 watchers \(one per API node, (?<connections>\d+) connections in all\), final total \d+ seen by all (?<seen>yes|no)")]
    private static partial Regex Live();

    [Fact]
    public void The_verdict_finds_a_lost_a_duplicated_and_an_extra_write()
    {
        var history = new ChaosHistory();
        history.PledgeKeysSent[("alice", "k1")] = true;
        history.PledgeKeysSent[("alice", "k2")] = true;
        history.PledgeKeysSent[("bob", "k1")] = true;
        history.Pledges[("alice", "k1")] = new AckedPledge("ct_1", 100, "CONFIRMED");
        history.Pledges[("alice", "k2")] = new AckedPledge("ct_2", 200, "CONFIRMED");
        history.Pledges[("bob", "k1")] = new AckedPledge("ct_3", 300, "CONFIRMED");
        var rows = new Dictionary<(string Member, string Key), List<(string Id, long Amount, string Status)>>
        {
            [("alice", "k1")] = [("ct_1", 100, "confirmed")],
            [("alice", "k2")] = [("ct_2", 200, "confirmed"), ("ct_9", 200, "confirmed")], // twice
            [("mallory", "k1")] = [("ct_8", 50, "confirmed")], // no client sent it
            // bob's acknowledged pledge is missing
        };
        var details = new List<string>();

        var (lost, duplicated, extra) = ChaosVerdict.Compare(history, rows, details);

        Assert.Equal((1, 1, 1), (lost, duplicated, extra));
        Assert.Contains(details, d => d.Contains("bob/k1", StringComparison.Ordinal));
        Assert.Equal((0, 0, 0), ChaosVerdict.Compare(history, new Dictionary<(string, string), List<(string, long, string)>>
        {
            [("alice", "k1")] = [("ct_1", 100, "confirmed")],
            [("alice", "k2")] = [("ct_2", 200, "confirmed")],
            [("bob", "k1")] = [("ct_3", 300, "pending")],
        }, []));
    }

    [Fact]
    public void A_recovery_counts_from_the_fault_to_the_first_write_sent_after_it_and_a_stranded_client_counts_its_whole_wait()
    {
        var kill = new ChaosFault("silo-kill", 10);
        var next = new ChaosFault("api-kill", 40);
        ChaosWrite[] writes =
        [
            new("pledge", 9.0, 9.1), // before the fault: not in its window
            new("pledge", 9.9, 19.9), // stranded on the dead silo until the response timeout
            new("pledge", 10.2, 13.0), // the first pledge sent after the fault, acknowledged 3 s after it
            new("pledge", 10.5, 13.1),
            new("ballot", 10.1, 10.3), // ballots were not on the dead silo
            new("pledge", 41, 41.2), // the next fault's window
        ];

        ChaosFaults.MeasureRecoveries([kill, next], writes);

        Assert.Equal(3.0, kill.Recovery!.Value, 3);
        Assert.Equal(9.9, kill.LongestWait!.Value, 3);
        Assert.Equal(1, kill.SlowWrites);
        Assert.Equal(1.2, next.Recovery!.Value, 3);
    }

    [GeneratedRegex(@"^chaos: (?<acked>\d+) acked, (?<lost>\d+) lost, (?<duplicated>\d+) duplicated, (?<extra>\d+) extra, totals==ledger (?<totals>yes|no), worst recovery [\d.]+ s$")]
    private static partial Regex Summary();
}
