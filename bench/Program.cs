using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Civic.Bench;
using Civic.Grains.Ledger;
using Civic.Silo.Database;
using Civic.Tools.Postgres;
using Npgsql;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The vote-day-http scenario's load generator: this binary again, in its own process.
if (args.Length > 0 && args[0] == VoteDayHttp.GenerateFlag)
{
    return await VoteDayHttp.GenerateAsync(args);
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
ViralIdeaOutcome? viral = null;
try
{
    options = BenchOptions.Parse(args, new LedgerOptions().Writers);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var total = Stopwatch.StartNew();
var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
var duration = TimeSpan.FromSeconds(options.Seconds);
var rows = new List<(LoadResult Result, string Writers)>();
var checks = new List<(string Line, bool Ok)>();
var voteDayFile = VoteDay.FindFile(out var voteDaySearched);
VoteDayOutcome? voteDay = null;
var voteDaySkipped = !options.VoteDay
    ? "skipped (--no-vote-day)"
    : voteDayFile is null ? $"skipped: {VoteDay.FileName} not found (looked for {string.Join(", ", voteDaySearched)})" : null;
if (!options.VoteDay)
{
    voteDayFile = null;
}

Console.WriteLine("Civic pledge benchmark: one hot campaign, closed loop, durable PostgreSQL (fsync on)");
Console.WriteLine($"machine:     {Environment.ProcessorCount} cores, {CpuModel()}, {MemoryGiB():0.0} GiB RAM, {RuntimeInformation.OSDescription}");
Console.WriteLine($"runtime:     {RuntimeInformation.FrameworkDescription}, server GC {System.Runtime.GCSettings.IsServerGC}");
Console.WriteLine($"load:        {options.Concurrency} concurrent callers, {options.WarmupSeconds} s warm-up + {options.Seconds} s measured per scenario");
Console.WriteLine(options.Pledge
    ? $"baseline:    swept over {string.Join(", ", options.BaselineConnections)} connections (callers = connections), the fastest kept"
    : "pledge:      skipped (--no-pledge): no baseline, grain or grain+rw+mf");
Console.WriteLine(voteDaySkipped is null
    ? $"vote-day:    {voteDayFile} replayed once by {VoteDay.Voters} concurrent voters through IVoteGrain.CastBallotAsync"
    : $"vote-day:    {voteDaySkipped}");
var voteDayHttpFile = options.VoteDayHttp ? VoteDay.FindFile(out _) : null;
var voteDayHttpSkipped = !options.VoteDayHttp
    ? $"skipped ({VoteDayHttp.SkipFlag})"
    : voteDayHttpFile is null ? $"skipped: {VoteDay.FileName} not found (looked for {string.Join(", ", voteDaySearched)})" : null;
VoteDayHttp.Outcome? voteDayHttp = null;

await using var postgres = await LocalPostgres.StartAsync(new LocalPostgresOptions
{
    Durable = true,
    MaxConnections = Math.Max(options.Concurrency, options.BaselineConnections.Max()) + 150,
});
var connectionString = await postgres.CreateDatabaseAsync("civic_bench");
await Migrator.MigrateAsync(connectionString);
var postgresCpu = await PostgresCpu.FindAsync(connectionString);
Console.WriteLine($"postgres:    {await ServerSettingsAsync(connectionString)}");
Console.WriteLine();

// (c) Baseline first: one transaction per pledge, one hot totals row, at its best concurrency: every connection
// count of the sweep is run (each caller on its own connection, a fresh table each time) and the fastest is kept.
if (options.Pledge)
{
    Console.WriteLine($"running baseline (one SQL transaction per pledge, UPDATE of one hot totals row), sweeping {string.Join(", ", options.BaselineConnections)} connections...");
}

var sweep = new List<LoadResult>();
foreach (var connections in options.Pledge ? options.BaselineConnections : [])
{
    await using var baseline = await SqlBaseline.CreateAsync(connectionString, connections);
    var result = await LoadRunner.RunAsync("baseline-sql", connections, warmup, duration, baseline.PledgeAsync, postgresCpu);
    sweep.Add(result);
    checks.Add(Check(result, await baseline.ReadTotalsAsync(), $"{connections} connections"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  baseline-sql {connections,4} connections: {result.Throughput,7:0} pledges/s, p50 {result.Percentile(50),8:0.00} ms, p99 {result.Percentile(99),8:0.00} ms, errors {result.Errors}"));
}

var bestBaseline = sweep.MaxBy(r => r.Throughput);
if (bestBaseline is not null)
{
    Console.WriteLine($"  best: {bestBaseline.Concurrency} connections ({bestBaseline.Throughput:0} pledges/s); the ratios below use it");
    rows.Add((bestBaseline, "-"));
}

// The in-process host's scenarios: the pledge ones for every writers value, the others for the first one only.
foreach (var writers in options.Pledge ? options.Writers : voteDayFile is not null || options.ViralIdea ? options.Writers.Take(1) : [])
{
    await using var civic = await CivicUnderTest.StartAsync(connectionString, writers);

    // (a) The grain path from the in-process cluster client.
    if (options.Pledge)
    {
        var campaign = await civic.NewLiveCampaignAsync();
        Console.WriteLine($"running grain (ICampaignGrain.PledgeAsync in process, LedgerOptions.Writers = {writers})...");
        var grain = await LoadRunner.RunAsync("grain", options.Concurrency, warmup, duration, civic.GrainPledges(campaign, options.Concurrency), postgresCpu);
        rows.Add((grain, writers.ToString(CultureInfo.InvariantCulture)));
        checks.Add(Check(grain, await civic.ReadTotalsAsync(campaign), $"Writers={writers}"));
    }

    // (a') The same with a reward on every pledge and the tenant's match pool on, for the first writers value only.
    if (options.Pledge && writers == options.Writers[0])
    {
        var matched = await civic.NewRewardedMatchedCampaignAsync();
        Console.WriteLine($"running grain+rw+mf (PledgeAsync with a reward, matched by the tenant's pool, LedgerOptions.Writers = {writers})...");
        var rewarded = await LoadRunner.RunAsync("grain+rw+mf", options.Concurrency, warmup, duration,
            civic.GrainPledges(matched, options.Concurrency, rewardAndMatch: true), postgresCpu);
        rows.Add((rewarded, writers.ToString(CultureInfo.InvariantCulture)));
        checks.Add(Check(rewarded, await civic.ReadTotalsAsync(matched), $"Writers={writers}"));
    }

    // (d) Vote day: Wrocław 2015 replayed through the vote grain, then closed and checked against the city's selection.
    if (voteDayFile is not null && writers == options.Writers[0])
    {
        Console.WriteLine($"running vote-day (Wrocław 2015 replayed through IVoteGrain.CastBallotAsync by {VoteDay.Voters} voters, LedgerOptions.Writers = {writers})...");
        voteDay = await VoteDay.RunAsync(civic.Grains, civic.Db, voteDayFile, VoteDay.Voters);
        rows.Add((voteDay.Load, writers.ToString(CultureInfo.InvariantCulture)));
        checks.AddRange(voteDay.Checks);
    }

    if (options.ViralIdea && writers == options.Writers[0])
    {
        viral = await ViralIdea.RunAsync(civic.Grains, civic.Db, civic.Tenant, warmup, duration);
        rows.AddRange(new[] { viral.Supports, viral.LargeThread, viral.SmallThread }.Select(r => (r, writers.ToString(CultureInfo.InvariantCulture))));
        checks.AddRange(viral.Checks);
    }
}

// (e) Live: WebSocket subscribers on one campaign while pledges run (bench/LiveScenario.cs).
LiveScenario.Outcome? live = null;
if (options.LiveSubscribers > 0)
{
    Console.WriteLine($"running live ({options.LiveSubscribers} graphql-transport-ws subscribers on one campaign, pledges through the grain, {options.Concurrency} callers)...");
    await using var liveHost = await CivicUnderTest.StartAsync(connectionString, options.Writers[0], LiveScenario.Settings(options.LiveSubscribers));
    live = await LiveScenario.RunAsync(liveHost, options.LiveSubscribers, options.Concurrency, warmup, duration);
    rows.AddRange([(live.Without, options.Writers[0].ToString(CultureInfo.InvariantCulture)), (live.With, options.Writers[0].ToString(CultureInfo.InvariantCulture))]);
    checks.Add((live.Lines().Last(), live.Ok));
}

// (d') Vote day over HTTP: the same ballots as castBallot requests from a load generator in another process, watched (bench/VoteDayHttp.cs).
if (voteDayHttpFile is not null)
{
    Console.WriteLine($"running {VoteDayHttp.Name} (Wrocław 2015 as GraphQL castBallot over HTTP/1.1 on 127.0.0.1 from a load generator in another process, " +
        $"{VoteDayHttp.Connections} connections, {VoteDayHttp.Subscribers} graphql-transport-ws subscribers on voteUpdated, LedgerOptions.Writers = {options.Writers[0]})...");
    voteDayHttp = await VoteDayHttp.RunAsync(connectionString, options.Writers[0], voteDayHttpFile);
    rows.Add((voteDayHttp.Load, options.Writers[0].ToString(CultureInfo.InvariantCulture)));
    checks.AddRange(voteDayHttp.Checks);
}

// (e) A vote of 1,000,000 ballots reactivated from its snapshot (LargeVote.SkipFlag skips it).
foreach (var line in !options.LargeVote ? ["large-vote:  skipped (" + LargeVote.SkipFlag + ")"] : await LargeVote.RunAsync(connectionString, options.Writers[0]))
{
    Console.WriteLine(line);
}

// (b) End to end: the host of ./civic up in its own process, loaded by wrk (another process) over HTTP on 127.0.0.1.
string? httpSkipped = null;
if (!options.Http)
{
    httpSkipped = "skipped (--no-http)";
}
else if (Wrk.Find() is not { } wrk)
{
    httpSkipped = "skipped: wrk not found (./civic bench installs the Debian package wrk)";
}
else
{
    var writers = options.Writers[0];
    Console.WriteLine($"running http (GraphQL pledge mutation over HTTP/1.1 on 127.0.0.1: wrk, {options.Concurrency} connections, against the ./civic up host in its own process, LedgerOptions.Writers = {writers})...");
    foreach (var ((http, check), _) in await WrkScenario.RunAsync(wrk, connectionString, writers, options.Concurrency, warmup, duration, postgresCpu))
    {
        rows.Add((http, writers.ToString(CultureInfo.InvariantCulture)));
        checks.Add(check);
    }
}

if (httpSkipped is not null)
{
    Console.WriteLine($"http:        {httpSkipped}");
}

// (b') Cold start: wrk from the moment a fresh ./civic up host process says ready, in 10 s windows, no warm-up.
ColdStartScenario.Outcome? cold = null;
var coldSkipped = !options.HttpCold ? "skipped (--no-http-cold)" : Wrk.Find() is null ? "skipped: wrk not found (./civic bench installs the Debian package wrk)" : null;
if (coldSkipped is null)
{
    Console.WriteLine($"running {ColdStartScenario.Name} (GraphQL pledge mutation over HTTP/1.1 on 127.0.0.1: wrk, {ColdStartScenario.Connections} connections, " +
        $"{ColdStartScenario.Threads} threads, against a ./civic up host process from its /health/ready on, no warm-up, " +
        $"{ColdStartScenario.ColdWindows} windows of {ColdStartScenario.Window.TotalSeconds:0} s and one warm one, LedgerOptions.Writers = {options.Writers[0]})...");
    cold = await ColdStartScenario.RunAsync(Wrk.Find()!, postgres, options.Writers[0], Console.WriteLine);
    checks.Add(cold.Check);
}

Console.WriteLine();
Console.WriteLine("scenario      writers  callers  pledges     secs  pledges/s   p50 ms   p99 ms   max ms  errors  alloc/pledge  cpu/pledge  pg cpu/pledge  peak WS");
foreach (var (r, w) in rows)
{
    Console.WriteLine(
        $"{r.Scenario,-13} {w,7} {r.Concurrency,8} {r.Count,8} {r.Seconds,8:0.00} {r.Throughput,10:0} {r.Percentile(50),8:0.00} {r.Percentile(99),8:0.00} {r.Percentile(100),8:0.00} {r.Errors,7} {(double.IsNaN(r.AllocatedPerPledge) ? "n/a   " : (r.AllocatedPerPledge / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB"),12} {r.CpuMicrosPerPledge,8:0} us {(double.IsNaN(r.PostgresMicrosPerPledge) ? "n/a" : r.PostgresMicrosPerPledge.ToString("0", CultureInfo.InvariantCulture) + " us"),14} {r.PeakWorkingSet / (1024.0 * 1024),5:0} MB");
}

Console.WriteLine();
Console.WriteLine("alloc/pledge = GC.GetTotalAllocatedBytes(precise) delta over the measured window / pledges counted;");
Console.WriteLine("cpu/pledge = this process's CPU time over the measured window / pledges counted (PostgreSQL not included);");
Console.WriteLine("pg cpu/pledge = the PostgreSQL server's CPU time (postmaster and all its processes, /proc) over the same window / pledges counted.");
Console.WriteLine("In the grain rows both include server and client side (one process); PostgreSQL is a separate process.");
Console.WriteLine("The http rows (http-graphql: members with development tokens; http-oidc: members signed in through the sign-in page,");
Console.WriteLine("Authorization Code + PKCE, with the RS256 access tokens it issues) are measured by wrk in its own process against the");
Console.WriteLine("./civic up host in its own process, one after the other on the demo tenant, each after its own warm-up: pledges/s and");
Console.WriteLine("latencies are wrk's (answers checked by its Lua script), cpu/pledge and peak WS are the host process's, alloc n/a.");
if (bestBaseline is not null)
{
    Console.WriteLine($"The baseline row is the fastest of the sweep ({bestBaseline.Concurrency} connections, callers = connections).");
}

if (voteDay is not null)
{
    Console.WriteLine($"In the vote-day row a pledge is a ballot: every ballot of the file cast once (no warm-up), secs = the whole replay;");
    Console.WriteLine($"vote-day setup (parse the file, create tenant and vote) {voteDay.Setup.TotalSeconds:0.00} s, close (count from civic_ballots) {voteDay.Close.TotalSeconds:0.00} s.");
}

if (voteDayHttp is not null)
{
    Console.WriteLine("In the vote-day-http row a pledge is a ballot posted as castBallot by the load generator (another process): count, secs and");
    Console.WriteLine("latencies are its own (no warm-up); cpu/pledge and peak WS are the host process's, which also runs the 1000 subscribers; alloc n/a.");
}

foreach (var r in sweep.Where(r => r.FirstError is not null).Concat(rows.Select(r => r.Result).Where(r => r.FirstError is not null && r.Scenario != "baseline-sql")))
{
    Console.WriteLine($"first error in {r.Scenario} ({r.Concurrency} callers): {r.FirstError}");
}

Console.WriteLine();
foreach (var (line, _) in checks)
{
    Console.WriteLine(line);
}

var grainRow = rows.FirstOrDefault(r => r.Result.Scenario == "grain").Result;
var httpRow = rows.FirstOrDefault(r => r.Result.Scenario == WrkScenario.Name).Result;
var oidcRow = rows.FirstOrDefault(r => r.Result.Scenario == WrkScenario.OidcName).Result;
var matchedRow = rows.FirstOrDefault(r => r.Result.Scenario == "grain+rw+mf").Result;
var ok = checks.All(c => c.Ok) && rows.All(r => r.Result.Errors == 0) && sweep.All(r => r.Errors == 0) && (cold?.Errors ?? 0) == 0;
Console.WriteLine($"total time: {total.Elapsed.TotalSeconds:0} s");
foreach (var line in live?.Lines().SkipLast(1) ?? [])
{
    Console.WriteLine(line);
}

Console.WriteLine(voteDay is null
    ? $"vote-day: {voteDaySkipped}"
    : string.Create(CultureInfo.InvariantCulture,
        $"vote-day: {voteDay.Load.Throughput:0} ballots/s, p99 {voteDay.Load.Percentile(99):0.0} ms, selection {(voteDay.SelectionMatches ? "matches recorded" : "DIFFERS from recorded")}"));
foreach (var line in voteDayHttp?.Lines ?? [$"{VoteDayHttp.Name}: {voteDayHttpSkipped}"])
{
    Console.WriteLine(line);
}

foreach (var line in cold is null ? [$"{ColdStartScenario.Name}: {coldSkipped}"] : (string[])[.. cold.WindowLines(), cold.Summary()])
{
    Console.WriteLine(line);
}

Console.WriteLine(viral is null ? $"{ViralIdea.Name}: skipped ({ViralIdea.SkipFlag})" : ViralIdea.Summary(viral));
Console.WriteLine(bestBaseline is null
    ? "pledge: skipped (--no-pledge)"
    : $"pledge grain/baseline = {Ratio(grainRow, bestBaseline)}, http/baseline = {Ratio(httpRow, bestBaseline)}, grain with rewards+matchfunding/baseline = {Ratio(matchedRow, bestBaseline)}");
if (httpRow is not null && oidcRow is not null)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"http with sign-in tokens/development tokens = {oidcRow.Throughput / httpRow.Throughput:0.00} (pledges/s), p99 {oidcRow.Percentile(99):0.0} vs {httpRow.Percentile(99):0.0} ms, cpu/pledge {oidcRow.CpuMicrosPerPledge:0} vs {httpRow.CpuMicrosPerPledge:0} us"));
}

return ok ? 0 : 1;

static string Ratio(LoadResult? row, LoadResult baseline) =>
    row is null ? "n/a" : (row.Throughput / baseline.Throughput).ToString("0.0", CultureInfo.InvariantCulture) + "x";

static (string Line, bool Ok) Check(LoadResult result, Totals totals, string? label = null)
{
    var ok = totals.Raised == totals.LedgerSum && totals.LedgerSum == result.AckedSum
        && totals.Contributions == totals.LedgerRows && totals.LedgerRows == result.AckedCount;
    var name = label is null ? result.Scenario : $"{result.Scenario} ({label})";
    return ($"check {name}: raised {totals.Raised} = ledger sum {totals.LedgerSum} = acknowledged sum {result.AckedSum}; " +
        $"contributions {totals.Contributions} = ledger rows {totals.LedgerRows} = acknowledged {result.AckedCount}: {(ok ? "OK" : "FAILED")}", ok);
}

static string CpuModel()
{
    try
    {
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
    catch (IOException)
    {
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}

static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);

static async Task<string> ServerSettingsAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        "select version(), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('wal_sync_method'), current_setting('max_connections')",
        connection);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    var version = reader.GetString(0);
    var comma = version.IndexOf(',', StringComparison.Ordinal);
    return $"{(comma > 0 ? version[..comma] : version)}; fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, wal_sync_method={reader.GetString(3)}, max_connections={reader.GetString(4)}";
}
