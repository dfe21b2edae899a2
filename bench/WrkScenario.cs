using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Civic.Tools.DevHost;
using Npgsql;

namespace Civic.Bench;

/// <summary>
/// (b) End to end, measured from outside: the host <c>./civic up</c> runs (tools/Civic.DevHost <c>up</c>), started as
/// its own process on the benchmark's database, and wrk, another process, posting the GraphQL <c>pledge</c>
/// mutation with a member token to it on 127.0.0.1 (a Lua script writes each request and checks each answer).
/// Nothing of the client runs in Civic's process: the CPU per pledge is the server's alone.
/// </summary>
public static class WrkScenario
{
    public const string Name = "http-graphql";

    /// <summary>The row of the run whose members pledge with access tokens from the sign-in flow.</summary>
    public const string OidcName = "http-oidc";

    /// <summary>
    /// Two measured windows on one host and the demo tenant (the tenant the host serves on 127.0.0.1, whose issuer the
    /// access tokens name): members with development tokens, then members signed in through the OpenID Connect flow
    /// (<see cref="RealTokens"/>), each after its own warm-up and on its own campaign.
    /// </summary>
    public static async Task<List<((LoadResult Result, (string Line, bool Ok) Check), string Tokens)>> RunAsync(
        string wrk, string connectionString, int writers, int concurrency, TimeSpan warmup, TimeSpan duration, PostgresCpu? postgres = null)
    {
        var work = Directory.CreateTempSubdirectory("civic-bench-http-");
        try
        {
            await using var host = await HostProcess.StartAsync(work.FullName, connectionString, writers);
            var tokens = new DevTokens(new JwtSettings { SigningKey = DevSecrets.SigningKey(work.FullName) }, TimeProvider.System);
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var tenant = DemoSeed.Tenant;
            var threads = Math.Min(Environment.ProcessorCount, concurrency);

            // Both runs warm up before either is measured, so neither is measured colder than the other.
            async Task<(string Name, string Campaign, string Script, List<WrkOutcome> Runs)> WarmAsync(string name, IEnumerable<string> members)
            {
                var campaign = await CreateCampaignAsync(http, tokens, tenant);
                var script = Path.Combine(work.FullName, name + ".lua");
                await File.WriteAllTextAsync(script, Wrk.PledgeScript(tenant, campaign, members));
                var runs = new List<WrkOutcome>();
                if (warmup > TimeSpan.Zero)
                {
                    runs.Add(await Wrk.RunAsync(wrk, threads, concurrency, warmup, script, host.Endpoint, name + "-warmup"));
                }

                return (name, campaign, script, runs);
            }

            async Task<(LoadResult, (string, bool))> MeasureAsync((string Name, string Campaign, string Script, List<WrkOutcome> Runs) run)
            {
                var (name, campaign, script, runs) = run;
                var cpuBefore = host.ProcessorTime();
                var postgresBefore = postgres?.ProcessorTime();
                var measured = await Wrk.RunAsync(wrk, threads, concurrency, duration, script, host.Endpoint, name + "-measured");
                var cpu = host.ProcessorTime() - cpuBefore;
                var postgresCpu = postgres?.ProcessorTime() - postgresBefore;
                runs.Add(measured);

                var acked = runs.Sum(r => r.Acked);
                var ackedSum = runs.Sum(r => r.AckedSum);
                var totals = await SettledTotalsAsync(http, tokens, tenant, campaign, connectionString);
                // wrk drops the requests in flight when its time is up: their pledges may still commit, unanswered.
                var inFlight = (long)concurrency * runs.Count;
                var check = Check(name, writers, totals, acked, ackedSum, inFlight);

                var result = new LoadResult(
                    name, concurrency, measured.Acked, measured.Seconds, [], runs.Sum(r => r.Errors), runs.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
                    acked, ackedSum, AllocatedBytes: -1, cpu, host.PeakWorkingSet())
                {
                    MeasuredPercentiles = new Dictionary<double, double> { [50] = measured.P50Ms, [99] = measured.P99Ms, [100] = measured.MaxMs },
                    PostgresCpu = postgresCpu,
                };
                return (result, check);
            }

            var developmentRun = await WarmAsync(Name, Enumerable.Range(0, concurrency)
                .Select(i => tokens.Issue(tenant, Members.Id(i), Role.Member, lifetime: TimeSpan.FromHours(2))));

            // Signed in just before their run: the access tokens live 10 minutes, as a front-end's would.
            var signedIn = await RealTokens.SignInAsync(host.BaseAddress, connectionString, tenant, concurrency);
            var oidcRun = await WarmAsync(OidcName, signedIn);
            var development = await MeasureAsync(developmentRun);
            var oidc = await MeasureAsync(oidcRun);
            return [(development, "development (HS256)"), (oidc, "sign-in (RS256)")];
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>A live donation campaign no run can fill, created and published over GraphQL by the tenant's admin.</summary>
    public static async Task<string> CreateCampaignAsync(HttpClient http, DevTokens tokens, string tenant)
    {
        var admin = tokens.Issue(tenant, "admin", Role.Admin);
        var created = await GraphQLAsync(http, admin, tenant, "mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }",
            new JsonObject
            {
                ["input"] = new JsonObject
                {
                    ["title"] = "Bench campaign",
                    ["mode"] = "DONATION",
                    ["rule"] = "KEEP_IT_ALL",
                    ["goal"] = new JsonObject { ["amount"] = 1_000_000_000, ["currency"] = "EUR" },
                    ["endsAt"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O", CultureInfo.InvariantCulture),
                    ["minContribution"] = 1,
                    ["maxContribution"] = 1_000_000,
                },
            });
        var id = created["createCampaign"]!["id"]!.GetValue<string>();
        var published = await GraphQLAsync(http, admin, tenant, "mutation($id: ID!) { publishCampaign(id: $id) { status } }", new JsonObject { ["id"] = id });
        var status = published["publishCampaign"]!["status"]!.GetValue<string>();
        return status == "LIVE" ? id : throw new InvalidOperationException($"The bench campaign is {status}, not live.");
    }

    /// <summary>
    /// The check of a wrk run against the campaign and the ledger: every acknowledged pledge counted, and at most
    /// <paramref name="inFlight"/> more (the requests wrk dropped unanswered when its time was up, which may still commit).
    /// </summary>
    public static (string Line, bool Ok) Check(string name, int writers, Totals totals, long acked, long ackedSum, long inFlight)
    {
        var ok = totals.Raised == totals.LedgerSum && totals.Contributions == totals.LedgerRows
            && totals.LedgerRows >= acked && totals.LedgerRows - acked <= inFlight && totals.LedgerSum >= ackedSum;
        return ($"check {name} (wrk, Writers={writers}): raised {totals.Raised} = ledger sum {totals.LedgerSum} >= acknowledged sum {ackedSum}; " +
            $"contributions {totals.Contributions} = ledger rows {totals.LedgerRows} = acknowledged {acked} + {totals.LedgerRows - acked} unanswered when wrk stopped (at most {inFlight}): {(ok ? "OK" : "FAILED")}", ok);
    }

    /// <summary>Waits (at most 30 s) until the pledges wrk left in flight have settled, then reads the campaign and the ledger.</summary>
    public static async Task<Totals> SettledTotalsAsync(HttpClient http, DevTokens tokens, string tenant, string campaign, string connectionString)
    {
        var admin = tokens.Issue(tenant, "admin", Role.Admin);
        await using var db = new NpgsqlDataSourceBuilder(connectionString).Build();
        var deadline = Stopwatch.StartNew();
        Totals? last = null;
        while (true)
        {
            var data = await GraphQLAsync(http, admin, tenant, "query($id: ID!) { campaign(id: $id) { raised { amount } contributions } }", new JsonObject { ["id"] = campaign });
            await using var command = db.CreateCommand(
                "select coalesce(sum(amount), 0)::bigint, count(*) from civic_counted_contributions where tenant = $1 and campaign_id = $2");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = campaign });
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var totals = new Totals(
                data["campaign"]!["raised"]!["amount"]!.GetValue<long>(), data["campaign"]!["contributions"]!.GetValue<long>(), reader.GetInt64(0), reader.GetInt64(1));
            if (totals == last && totals.Raised == totals.LedgerSum || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                return totals;
            }

            last = totals;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static async Task<JsonNode> GraphQLAsync(HttpClient http, string token, string? tenant, string query, JsonObject variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (tenant is not null)
        {
            request.Headers.Add("X-Civic-Tenant", tenant);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var root = JsonNode.Parse(body);
        return response.IsSuccessStatusCode && root?["errors"] is null && root?["data"] is { } data
            ? data
            : throw new InvalidOperationException($"GraphQL answered {(int)response.StatusCode}: {body}");
    }
}
