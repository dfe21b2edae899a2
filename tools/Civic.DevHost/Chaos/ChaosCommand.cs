using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Civic.Tools.Postgres;

namespace Civic.Tools.DevHost.Chaos;

/// <summary>
/// <c>chaos [--seconds N] [--pause-seconds N] [--keep-logs]</c>: PostgreSQL, 3 silo processes and 2 API processes on
/// loopback (ADO.NET clustering in PostgreSQL), a closed-loop load of pledges and ballots with client idempotency
/// keys, and faults while it runs: kill -9 of a silo and of an API node, PostgreSQL stopped in immediate mode and
/// restarted, a silo paused (SIGSTOP) past the membership timeout, and with 100 s or more a rolling restart of the
/// silos. Then the history is checked against the ledger (<see cref="ChaosVerdict"/>). Prints one line
/// <c>chaos: N acked, N lost, N duplicated, N extra, totals==ledger yes|no, worst recovery S s</c>; exit code 1 on
/// any loss, duplicate, extra write or total that differs from its ledger, and on any bound of <see cref="ChaosBounds"/> broken.
/// </summary>
public static class ChaosCommand
{
    private const string Tenant = "chaos";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 120;
        var pauseSeconds = 20;
        var keepLogs = false;
        var slack = 1.0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out seconds) && seconds >= 30:
                    i++;
                    break;
                case "--pause-seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out pauseSeconds) && pauseSeconds > 0:
                    i++;
                    break;
                case "--slack" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out slack) && slack >= 1:
                    i++;
                    break;
                case "--keep-logs":
                    keepLogs = true;
                    break;
                default:
                    Console.Error.WriteLine("usage: chaos [--seconds N (at least 30, default 120)] [--pause-seconds N (default 20)] [--slack F (time bounds times F, default 1)] [--keep-logs]");
                    return 2;
            }
        }

        var root = RepositoryRoot();
        var logs = Directory.CreateTempSubdirectory("civic-chaos-").FullName;
        Say($"logs in {logs}");
        await using var postgres = await LocalPostgres.StartAsync(new LocalPostgresOptions { Durable = true, MaxConnections = 400, Log = Say });
        var connectionString = await postgres.CreateDatabaseAsync("civic_chaos");
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var tokens = new DevTokens(new JwtSettings { SigningKey = signingKey }, TimeProvider.System);
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Civic"] = connectionString,
            ["Orleans__ClusterId"] = "chaos",
            ["Orleans__ServiceId"] = "chaos",
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
            // The kept logs tell when each silo was suspected and declared dead, against the faults' clock times.
            ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
            ["Logging__LogLevel__Civic.Silo.Hosting.DeadSiloSessions"] = "Information",
            // ... and which gateways each API node believed live, at every refresh of its list.
            ["Logging__LogLevel__Orleans.Messaging.GatewayManager"] = "Debug",
            ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__Console__UseUtcTimestamp"] = "true",
            // Each API node's gauge of gateway connections is read from /metrics (loopback callers may).
            ["Telemetry__Prometheus"] = "true",
            // 24 closed-loop clients on 24 members: each far above a resident's request rate.
            ["RateLimits__Member__Permits"] = "1000000",
        };
        var siloPorts = Enumerable.Range(1, 3).Select(_ => ChaosProcess.FreePort()).ToList();
        var silos = Enumerable.Range(1, 3).Select(n => new ChaosProcess($"silo{n}", Path.Combine(root, "silo", "bin", "Release", "net10.0", "Civic.Silo.dll"),
            ChaosProcess.FreePort(), new Dictionary<string, string>(common)
            {
                ["Orleans__SiloPort"] = siloPorts[n - 1].ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = ChaosProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            }, logs)).ToList();
        var apis = Enumerable.Range(1, 2).Select(n => new ChaosProcess($"api{n}", Path.Combine(root, "api", "bin", "Release", "net10.0", "Civic.Api.dll"),
            ChaosProcess.FreePort(), new Dictionary<string, string>(common) { ["Jwt__SigningKey"] = signingKey }, logs)).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var everyone = silos.Concat(apis).ToList();
        var ok = false;
        try
        {
            silos[0].Start(); // the first silo migrates the empty database; the others find it done
            await ReadyOrThrowAsync(silos[0], http);
            silos.Skip(1).ToList().ForEach(s => s.Start());
            foreach (var silo in silos.Skip(1))
            {
                await ReadyOrThrowAsync(silo, http);
            }

            apis.ForEach(a => a.Start());
            foreach (var api in apis)
            {
                await ReadyOrThrowAsync(api, http);
            }

            var (campaignId, voteId, optionId) = await SetUpAsync(http, apis[0].BaseAddress, tokens);
            Say($"cluster ready: 3 silos, 2 API nodes; load for {seconds} s on campaign {campaignId} and vote {voteId}");

            var history = new ChaosHistory();
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            var load = new ChaosLoad(apis.Select(a => a.BaseAddress).ToList(), Tenant, campaignId, voteId, optionId,
                member => tokens.Issue(Tenant, member, Role.Member, TimeSpan.FromHours(2)), history, clock);
            var running = load.RunAsync(pledgers: 24, voters: 8, stop.Token, drain: TimeSpan.FromSeconds(90));
            using var unwatch = new CancellationTokenSource();
            var watchers = Enumerable.Range(0, apis.Count).Select(i => new ChaosWatch(apis.Select(a => a.BaseAddress).ToList(), Tenant, campaignId, i)).ToList();
            var watching = watchers.Select(w => w.RunAsync(unwatch.Token)).ToList();
            await using var placement = await ChaosPlacement.ConnectAsync(connectionString, "chaos");
            async Task<ChaosProcess?> CampaignHostAsync()
            {
                try
                {
                    var port = await placement.CampaignSiloPortAsync(Tenant, campaignId);
                    return port is { } p && siloPorts.IndexOf(p) is var i and >= 0 ? silos[i] : null;
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    Say($"could not find the campaign's silo: {e.Message}");
                    return null;
                }
            }

            var faults = await new ChaosFaults(silos, apis, postgres, CampaignHostAsync, history, http, clock, Say).RunAsync(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(pauseSeconds));
            // The load goes on for the whole run and at least 10 s after the last fault, so that every recovery is seen.
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(seconds - clock.Elapsed.TotalSeconds, 10)));
            await stop.CancelAsync();
            await running;
            ChaosFaults.MeasureRecoveries(faults, history.Writes.ToArray());
            Say($"load over after {clock.Elapsed.TotalSeconds:0} s: {history.Pledges.Count} pledges and {history.Voters.Count} ballots acknowledged");

            var verdict = await ChaosVerdict.CheckAsync(connectionString, http, apis.First(a => a.Running).BaseAddress, Tenant, campaignId, voteId,
                tokens.Issue(Tenant, "chaos-auditor", Role.Admin), history);
            foreach (var fault in faults)
            {
                var spread = fault.GatewaySpread is { } g ? $", gateways spread {g:0.0} s after its return" : "";
                Say(fault.Recovery is { } r
                    ? $"fault {fault.Kind} at {fault.At:0.0} s: recovered in {r:0.0} s, longest client wait {fault.LongestWait:0.0} s, {fault.SlowWrites} writes waited over 5 s{spread}{fault.Note}"
                    : $"fault {fault.Kind} at {fault.At:0.0} s: no acknowledgement came after it{spread}{fault.Note}");
            }

            foreach (var (what, count) in history.Failures.OrderByDescending(f => f.Value))
            {
                Say($"failed attempts: {count} x {what}");
            }

            foreach (var line in verdict.Details)
            {
                Say(line);
            }

            // Every live watcher, however many times its node died under it, comes to the campaign's final total.
            var seen = await Task.WhenAll(watchers.Select(w => w.SeesAsync(verdict.Raised, TimeSpan.FromSeconds(30))));
            await unwatch.CancelAsync();
            await Task.WhenAll(watching);
            var liveOk = seen.All(s => s);
            Say(string.Create(CultureInfo.InvariantCulture,
                $"live: {watchers.Count} watchers (one per API node, {watchers.Sum(w => w.Connections)} connections in all), final total {verdict.Raised} seen by all {(liveOk ? "yes" : "no: " + string.Join(", ", watchers.Select(w => w.Raised)))}"));

            var worst = faults.Where(f => f.Recovery is not null).Select(f => f.Recovery!.Value).DefaultIfEmpty(0).Max();
            Say($"longest client wait over all faults: {faults.Select(f => f.LongestWait ?? 0).DefaultIfEmpty(0).Max():0.0} s");
            var broken = ChaosBounds.Check(faults, history.Failures, slack);
            var missed = faults.Where(f => f.SpreadMissed).Select(f => f.Kind).ToList();
            Say(missed.Count == 0
                ? $"worst gateway spread: {faults.Select(f => f.GatewaySpread ?? 0).DefaultIfEmpty(0).Max():0.0} s"
                : $"gateway spread: some API node stayed off a returned silo's gateway after {string.Join(", ", missed)}");
            foreach (var line in broken)
            {
                Say($"bound broken: {line}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"chaos: {verdict.Acked} acked, {verdict.Lost} lost, {verdict.Duplicated} duplicated, {verdict.Extra} extra, totals==ledger {(verdict.TotalsMatch ? "yes" : "no")}, worst recovery {worst:0.0} s"));
            ok = verdict.Passed && liveOk && broken.Count == 0;
            return ok ? 0 : 1;
        }
        finally
        {
            foreach (var process in everyone)
            {
                await process.StopAsync(TimeSpan.FromSeconds(10));
            }

            if (ok && !keepLogs)
            {
                Directory.Delete(logs, recursive: true);
            }
            else
            {
                Say($"logs kept in {logs}");
            }
        }
    }

    /// <summary>The tenant, a live campaign and an open vote, made through the API as an operator and an admin would.</summary>
    private static async Task<(string Campaign, string Vote, string Option)> SetUpAsync(HttpClient http, Uri api, DevTokens tokens)
    {
        var operatorToken = tokens.Issue("platform", "chaos-operator", Role.Operator);
        await GraphQLAsync(http, api, null, operatorToken,
            "mutation($input: CreateTenantInput!) { createTenant(input: $input) { slug } }", new { input = new { slug = Tenant, name = "Ville en panne" } });
        var admin = tokens.Issue(Tenant, "chaos-admin", Role.Admin);
        var campaign = await GraphQLAsync(http, api, Tenant, admin, "mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }", new
        {
            input = new
            {
                title = "Résister aux pannes",
                description = "Une campagne sous charge pendant que des processus tombent.",
                rule = "KEEP_IT_ALL",
                goal = new { amount = 1_000_000_000L, currency = "EUR" },
                endsAt = DateTimeOffset.UtcNow.AddDays(30).ToString("O"),
                minContribution = 100,
                maxContribution = 100_000,
            },
        });
        var campaignId = campaign["createCampaign"]!["id"]!.GetValue<string>();
        await GraphQLAsync(http, api, Tenant, admin, "mutation($id: ID!) { publishCampaign(id: $id) { id } }", new { id = campaignId });
        var vote = await GraphQLAsync(http, api, Tenant, admin, "mutation($input: CreateVoteInput!) { createVote(input: $input) { id options { id } } }", new
        {
            input = new
            {
                title = "Vote sous charge",
                ballotType = "CHOOSE_ONE",
                minChoices = 1,
                maxChoices = 1,
                options = new[] { new { title = "Oui", cost = 100L }, new { title = "Non", cost = 100L } },
                closesAt = DateTimeOffset.UtcNow.AddDays(7).ToString("O"),
            },
        });
        return (campaignId, vote["createVote"]!["id"]!.GetValue<string>(), vote["createVote"]!["options"]![0]!["id"]!.GetValue<string>());
    }

    public static async Task<JsonNode> GraphQLAsync(HttpClient http, Uri api, string? tenant, string token, string query, object variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api, "graphql")) { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (tenant is not null)
        {
            request.Headers.Add("X-Civic-Tenant", tenant);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body);
        if (json?["data"] is not JsonObject data || json["errors"] is not null)
        {
            throw new InvalidOperationException($"GraphQL failed ({(int)response.StatusCode}): {body}");
        }

        return data;
    }

    private static async Task ReadyOrThrowAsync(ChaosProcess process, HttpClient http)
    {
        if (!await process.WaitReadyAsync(http, TimeSpan.FromMinutes(2)))
        {
            throw new InvalidOperationException($"{process.Name} did not become ready on {process.BaseAddress}: see its log");
        }
    }

    private static void Say(string line) => Console.Error.WriteLine($"chaos: {line}");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Civic.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Civic.sln not found above " + AppContext.BaseDirectory);
    }
}
