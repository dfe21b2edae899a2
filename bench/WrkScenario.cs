using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
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

    private const string PledgeDocument = """
        mutation Pledge($input: PledgeInput!) {
          pledge(input: $input) { contribution { id amount { amount currency } } raised { amount } replayed }
        }
        """;

    /// <summary>The wrk executable on PATH, or null.</summary>
    public static string? FindWrk() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);

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
                await File.WriteAllTextAsync(script, LuaScript(tenant, campaign, members));
                var runs = new List<WrkOutcome>();
                if (warmup > TimeSpan.Zero)
                {
                    runs.Add(await RunWrkAsync(wrk, threads, concurrency, warmup, script, host.Endpoint, name + "-warmup"));
                }

                return (name, campaign, script, runs);
            }

            async Task<(LoadResult, (string, bool))> MeasureAsync((string Name, string Campaign, string Script, List<WrkOutcome> Runs) run)
            {
                var (name, campaign, script, runs) = run;
                var cpuBefore = host.ProcessorTime();
                var postgresBefore = postgres?.ProcessorTime();
                var measured = await RunWrkAsync(wrk, threads, concurrency, duration, script, host.Endpoint, name + "-measured");
                var cpu = host.ProcessorTime() - cpuBefore;
                var postgresCpu = postgres?.ProcessorTime() - postgresBefore;
                runs.Add(measured);

                var acked = runs.Sum(r => r.Acked);
                var ackedSum = runs.Sum(r => r.AckedSum);
                var totals = await SettledTotalsAsync(http, tokens, tenant, campaign, connectionString);
                // wrk drops the requests in flight when its time is up: their pledges may still commit, unanswered.
                var inFlight = (long)concurrency * runs.Count;
                var ok = totals.Raised == totals.LedgerSum && totals.Contributions == totals.LedgerRows
                    && totals.LedgerRows >= acked && totals.LedgerRows - acked <= inFlight && totals.LedgerSum >= ackedSum;
                var check = ($"check {name} (wrk, Writers={writers}): raised {totals.Raised} = ledger sum {totals.LedgerSum} >= acknowledged sum {ackedSum}; " +
                    $"contributions {totals.Contributions} = ledger rows {totals.LedgerRows} = acknowledged {acked} + {totals.LedgerRows - acked} unanswered when wrk stopped (at most {inFlight}): {(ok ? "OK" : "FAILED")}", ok);

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

    private static async Task<string> CreateCampaignAsync(HttpClient http, DevTokens tokens, string tenant)
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

    /// <summary>Waits (at most 30 s) until the pledges wrk left in flight have settled, then reads the campaign and the ledger.</summary>
    private static async Task<Totals> SettledTotalsAsync(HttpClient http, DevTokens tokens, string tenant, string campaign, string connectionString)
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

    private static async Task<WrkOutcome> RunWrkAsync(string wrk, int threads, int connections, TimeSpan duration, string script, Uri endpoint, string run)
    {
        var info = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", ((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "60s", "-s", script, endpoint.ToString(), "--", run,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {wrk}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        var fields = output.Split('\n').Where(l => l.StartsWith("civic-wrk ", StringComparison.Ordinal))
            .SelectMany(l => l["civic-wrk ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        if (process.ExitCode != 0 || !fields.ContainsKey("acked"))
        {
            throw new InvalidOperationException($"wrk failed (exit {process.ExitCode}):\n{output}\n{await stderr}");
        }

        double Number(string key) => double.Parse(fields[key], CultureInfo.InvariantCulture);
        var bad = (long)Number("bad");
        var socketErrors = (long)Number("socket_errors");
        var firstBad = output.Split('\n').FirstOrDefault(l => l.StartsWith("civic-wrk-first-bad ", StringComparison.Ordinal));
        return new WrkOutcome(
            (long)Number("acked"), (long)Number("acked_sum"), Number("duration_us") / 1e6,
            Number("p50_us") / 1000, Number("p99_us") / 1000, Number("max_us") / 1000,
            bad + socketErrors,
            bad > 0 ? firstBad?["civic-wrk-first-bad ".Length..] : socketErrors > 0 ? $"wrk socket errors: {fields.GetValueOrDefault("socket_detail")}" : null);
    }

    /// <summary>
    /// The wrk script: caller n of each thread pledges as member (n mod callers) with a key unique to the run, the
    /// thread and the request, and the amounts of <see cref="Amounts"/>; each answer must be 200, carry no error,
    /// not be a replay and name an amount, which is summed for the correctness check.
    /// </summary>
    private static string LuaScript(string tenant, string campaign, IEnumerable<string> tokens) => $$"""
        -- Written by the Civic benchmark (bench/WrkScenario.cs) for one run; holds the members' tokens for the benchmark's database.
        local tokens = { {{string.Join(", ", tokens.Select(t => "\"" + t + "\""))}} }
        local document = [==[{{JsonSerializer.Serialize(PledgeDocument)}}]==]
        local campaign = "{{campaign}}"
        local tenant = "{{tenant}}"
        local threads = {}
        local created = 0

        function setup(thread)
          thread:set("index", created)
          created = created + 1
          table.insert(threads, thread)
        end

        function init(args)
          run = args[1] or "run"
          n = 0
          acked = 0
          acked_sum = 0
          bad = 0
          first_bad = ""
        end

        function request()
          n = n + 1
          local worker = (n + index) % #tokens
          local amount = 100 + (worker * 7919 + n * 104729) % 9900
          local body = '{"query":' .. document .. ',"variables":{"input":{"campaignId":"' .. campaign .. '","amount":' ..
            string.format("%d", amount) .. ',"idempotencyKey":"' .. run .. "-" .. index .. "-" .. n .. '"' .. string.rep("}", 3)
          return wrk.format("POST", "/graphql", {
            ["Content-Type"] = "application/json",
            ["Accept"] = "application/graphql-response+json",
            ["Authorization"] = "Bearer " .. tokens[worker + 1],
            ["X-Civic-Tenant"] = tenant,
          }, body)
        end

        function response(status, headers, body)
          local amount = body:match('"amount":{"amount":(%d+)')
          if status == 200 and amount and not body:find('"errors"', 1, true) and body:find('"replayed":false', 1, true) then
            acked = acked + 1
            acked_sum = acked_sum + tonumber(amount)
          else
            bad = bad + 1
            if first_bad == "" then first_bad = status .. " " .. body:sub(1, 300):gsub("\n", " ") end
          end
        end

        function done(summary, latency, requests)
          local a, s, b, first = 0, 0, 0, ""
          for _, thread in ipairs(threads) do
            a = a + thread:get("acked")
            s = s + thread:get("acked_sum")
            b = b + thread:get("bad")
            if first == "" then first = thread:get("first_bad") end
          end
          local e = summary.errors
          io.write(string.format("civic-wrk requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d acked=%d acked_sum=%d bad=%d socket_errors=%d socket_detail=connect:%d,read:%d,write:%d,timeout:%d\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max, a, s, b,
            e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
          if first ~= "" then io.write("civic-wrk-first-bad " .. first .. "\n") end
        end
        """;

    private sealed record WrkOutcome(long Acked, long AckedSum, double Seconds, double P50Ms, double P99Ms, double MaxMs, long Errors, string? FirstError);

    /// <summary>The development host in its own process, as <c>./civic up</c> starts it, but on the benchmark's database.</summary>
    private sealed class HostProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Queue<string> _tail = new();

        private HostProcess(Process process, Uri baseAddress)
        {
            _process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public Uri Endpoint => new(BaseAddress, "/graphql");

        public static async Task<HostProcess> StartAsync(string data, string connectionString, int writers)
        {
            var port = EmbeddedHost.FreePort();
            var dll = Path.Combine(AppContext.BaseDirectory, "Civic.DevHost.dll");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[]
            {
                dll, "up", "--data", data, "--port", port.ToString(CultureInfo.InvariantCulture), "--connection-string", connectionString,
                "--silo-port", EmbeddedHost.FreePort().ToString(CultureInfo.InvariantCulture),
                "--gateway-port", EmbeddedHost.FreePort().ToString(CultureInfo.InvariantCulture),
            })
            {
                info.ArgumentList.Add(arg);
            }

            // As the in-process scenarios: the host run as production, the ledger writers measured, quiet logs.
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            foreach (var (key, value) in CivicUnderTest.BenchSettings(writers))
            {
                info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the development host");
            var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
            process.OutputDataReceived += (_, e) => host.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await host.WaitReadyAsync();
                return host;
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }

        public TimeSpan ProcessorTime()
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }

        /// <summary>The host process's peak resident set (VmHWM), in bytes.</summary>
        public long PeakWorkingSet()
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _ = Kill(_process.Id, 15); // SIGTERM: the host stops gracefully, as on Ctrl-C
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }

            _process.Dispose();
        }

        /// <summary>Keeps the last 60 lines the host wrote, to show if it fails.</summary>
        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_tail)
            {
                _tail.Enqueue(line);
                if (_tail.Count > 60)
                {
                    _tail.Dequeue();
                }
            }
        }

        /// <summary>Polls /health/ready, for at most two minutes, until the host answers 200.</summary>
        private async Task WaitReadyAsync()
        {
            using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                if (_process.HasExited)
                {
                    break;
                }

                try
                {
                    using var response = await http.GetAsync("/health/ready");
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // not listening yet
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }

            string tail;
            lock (_tail)
            {
                tail = string.Join('\n', _tail);
            }

            throw new InvalidOperationException($"The development host did not become ready at {BaseAddress} (exited: {_process.HasExited}); its last lines:\n{tail}");
        }

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);
    }
}
