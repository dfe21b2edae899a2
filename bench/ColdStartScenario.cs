using System.Diagnostics;
using System.Globalization;
using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Civic.Tools.DevHost;
using Civic.Tools.Postgres;

namespace Civic.Bench;

/// <summary>
/// (b') Cold start, measured from outside: the GraphQL <c>pledge</c> mutation posted by wrk (another process) to a
/// <c>./civic up</c> host process that has just said ready, with no warm-up, in back-to-back windows of
/// <see cref="Window"/>, then one more window as the warm figure. The campaign is created before the clock by another
/// host process on the same fresh database, which is then stopped: the host measured has served nothing but
/// /health/ready when wrk starts, as after a restart with a live campaign.
/// </summary>
public static class ColdStartScenario
{
    public const string Name = "http-cold";

    /// <summary>wrk's connections and threads: the figures of the issue that reported the cold start (issue 16).</summary>
    public const int Connections = 64;

    public const int Threads = 2;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>The cold windows (60 s from ready); one warm window follows them.</summary>
    public const int ColdWindows = 6;

    public sealed record Outcome(IReadOnlyList<WrkOutcome> Windows, TimeSpan StartToReady, (string Line, bool Ok) Check)
    {
        public WrkOutcome First => Windows[0];

        public WrkOutcome Warm => Windows[^1];

        public long Errors => Windows.Sum(w => w.Errors);

        public IEnumerable<string> WindowLines() => Windows.Select((w, i) => string.Create(CultureInfo.InvariantCulture,
            $"{Name} window {i * Window.TotalSeconds:0}-{(i + 1) * Window.TotalSeconds:0} s{(i == Windows.Count - 1 ? " (warm)" : "")}: " +
            $"{Throughput(w):0} pledges/s, p99 {w.P99Ms:0.0} ms, p50 {w.P50Ms:0.0} ms, max {w.MaxMs:0} ms, errors {w.Errors}"));

        public string Summary() => string.Create(CultureInfo.InvariantCulture,
            $"{Name}: first 10 s {Throughput(First):0} pledges/s ({Throughput(First) / Throughput(Warm):0.00} x warm), " +
            $"p99 {First.P99Ms:0.0} ms ({First.P99Ms / Warm.P99Ms:0.0} x warm p99); warm {Throughput(Warm):0} pledges/s, p99 {Warm.P99Ms:0.0} ms; " +
            $"host start to ready {StartToReady.TotalSeconds:0.0} s");
    }

    public static double Throughput(WrkOutcome run) => run.Seconds > 0 ? run.Acked / run.Seconds : 0;

    public static async Task<Outcome> RunAsync(string wrk, LocalPostgres postgres, int writers, Action<string> progress)
    {
        var connectionString = await postgres.CreateDatabaseAsync("civic_cold");
        var work = Directory.CreateTempSubdirectory("civic-bench-cold-");
        try
        {
            var tokens = new DevTokens(new JwtSettings { SigningKey = DevSecrets.SigningKey(work.FullName) }, TimeProvider.System);
            var tenant = DemoSeed.Tenant;
            string campaign;
            await using (var setup = await HostProcess.StartAsync(work.FullName, connectionString, writers))
            {
                using var setupHttp = new HttpClient { BaseAddress = setup.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                campaign = await WrkScenario.CreateCampaignAsync(setupHttp, tokens, tenant);
            }

            var script = Path.Combine(work.FullName, Name + ".lua");
            await File.WriteAllTextAsync(script, Wrk.PledgeScript(tenant, campaign, Enumerable.Range(0, Connections)
                .Select(i => tokens.Issue(tenant, Members.Id(i), Role.Member, lifetime: TimeSpan.FromHours(2)))));
            const string setupLine = "before the clock, a first host process migrated the fresh database civic_cold, seeded the demo tenant and " +
                "created and published the campaign over GraphQL (createCampaign, publishCampaign), then stopped; the host measured is a " +
                "second, fresh process on that database which had answered nothing but /health/ready when the first window started";
            progress($"{Name} setup: {setupLine}");

            var started = Stopwatch.StartNew();
            await using var host = await HostProcess.StartAsync(work.FullName, connectionString, writers, untilSeeded: false);
            var startToReady = started.Elapsed;
            var windows = new List<WrkOutcome>();
            for (var i = 0; i <= ColdWindows; i++)
            {
                windows.Add(await Wrk.RunAsync(wrk, Threads, Connections, Window, script, host.Endpoint, Name + i.ToString(CultureInfo.InvariantCulture)));
                progress(string.Create(CultureInfo.InvariantCulture, $"  {Name} window {i}: {Throughput(windows[^1]):0} pledges/s, p99 {windows[^1].P99Ms:0.0} ms"));
            }

            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var totals = await WrkScenario.SettledTotalsAsync(http, tokens, tenant, campaign, connectionString);
            var check = WrkScenario.Check(
                Name, writers, totals, windows.Sum(w => w.Acked), windows.Sum(w => w.AckedSum), (long)Connections * windows.Count);
            return new Outcome(windows, startToReady, check);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
