using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tools.DevHost.Live;

namespace Civic.Bench;

/// <summary>
/// Vote day over HTTP: the Wrocław 2015 vote of <see cref="VoteDay"/> (same options, rule and checks) in a host of its
/// own, every one of its ballots posted once as the GraphQL <c>castBallot</c> mutation, each with its voter's bearer
/// token (a development token naming the voter and the district of the file's VOTES row), by a load generator in
/// another process (this binary re-launched with <see cref="GenerateFlag"/>, N keep-alive HTTP/1.1 connections on
/// 127.0.0.1), while <see cref="Subscribers"/> anonymous graphql-transport-ws subscribers watch the vote's
/// participation (voteUpdated). Then the vote is closed and checked: every ballot accepted once, the city's selection,
/// and every subscriber's last participation the file's ballot count, with the results.
/// </summary>
public static class VoteDayHttp
{
    public const string Name = "vote-day-http";
    public const string SkipFlag = "--no-vote-day-http";
    public const string GenerateFlag = "--generate-load";
    public const int Subscribers = 1_000;
    public const int Connections = 64;

    private const string CastBallotDocument = "mutation($input: CastBallotInput!) { castBallot(input: $input) { ballots } }";
    private const string WatchDocument = "subscription($id: ID!) { voteUpdated(id: $id) { ballots status results { allocated } } }";

    public sealed record Outcome(LoadResult Load, IReadOnlyList<(string Line, bool Ok)> Checks, IReadOnlyList<string> Lines);

    public static async Task<Outcome> RunAsync(string connectionString, int writers, string path, int connections = Connections, int subscribers = Subscribers)
    {
        var preparing = Stopwatch.StartNew();
        await using var civic = await CivicUnderTest.StartAsync(connectionString, writers, LiveScenario.Settings(subscribers));
        var plan = VoteDay.Plan.Read(path);
        var (tenant, voteId, grain, admin) = await plan.CreateVoteAsync(civic.Grains);
        var ballots = plan.UserIds.Length;

        var work = Directory.CreateTempSubdirectory("civic-bench-vote-day-http-");
        try
        {
            var requests = Path.Combine(work.FullName, "ballots.txt");
            await WriteRequestsAsync(requests, civic, tenant, voteId, plan);
            preparing.Stop();

            // The subscribers, connected before the first ballot.
            var uri = new UriBuilder(civic.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
            var watchers = new ConcurrentBag<(Watcher Watcher, WsSubscriber Socket)>();
            var failures = 0;
            string? firstFailure = null;
            var connecting = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, subscribers), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, _) =>
            {
                var watcher = new Watcher();
                try
                {
                    watchers.Add((watcher, await WsSubscriber.ConnectAsync(uri, tenant, WatchDocument, new { id = voteId }, watcher.Take)));
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref failures);
                    firstFailure ??= e.GetType().Name + ": " + e.Message;
                }
            });
            connecting.Stop();
            var connected = watchers.ToArray();

            // Every subscriber has had its first push (0 ballots) before the load starts.
            var ready = Stopwatch.StartNew();
            while (connected.Any(w => w.Watcher.Count == 0) && ready.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }

            using var peak = new PeakWorkingSet();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var summary = await GenerateInChildAsync(requests, civic.BaseAddress, tenant, connections);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var peakBytes = await peak.StopAsync();

            var closing = Stopwatch.StartNew();
            var closed = await grain.CloseAsync(admin);
            closing.Stop();
            var rows = await VoteDay.BallotRowsAsync(civic.Db, tenant, voteId);

            // Every subscriber ends with the final participation and the results (pushed on closing).
            var settle = Stopwatch.StartNew();
            while (connected.Any(w => !w.Watcher.SawResults || w.Watcher.Last != ballots) && settle.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }

            var finalSeen = connected.Count(w => w.Watcher.Last == ballots);
            var resultsSeen = connected.Count(w => w.Watcher.SawResults);
            var problems = connected.Select(w => w.Socket.Problem).Where(p => p is not null).ToArray();
            foreach (var (_, socket) in connected)
            {
                socket.Dispose();
            }

            var (delayP50, delayP99, samples) = PushDelays(ReadAcks(requests + ".acks"), connected.Select(w => w.Watcher).ToArray());
            var pushes = connected.Sum(w => (long)w.Watcher.Count);

            var checks = plan.Checks(Name, summary.Accepted, closed, rows, out var selectionMatches);
            var onceOk = summary.Sent == ballots && summary.Accepted == ballots && summary.Rejected.Count == 0 && closed.Ballots == ballots;
            checks.Insert(0, ($"check {Name}: {summary.Sent} requests sent once each (+{summary.Retries} retries), accepted {summary.Accepted} " +
                $"({summary.AcceptedOnRetry} answered ALREADY_VOTED on a retry of their own), rejected {summary.Rejected.Values.Sum()}" +
                (summary.Rejected.Count == 0 ? "" : " [" + string.Join(", ", summary.Rejected.Select(r => $"{r.Key}: {r.Value}")) + "]") +
                $", counted {closed.Ballots} = file ballots {ballots}: {(onceOk ? "OK" : "FAILED")}", onceOk));
            var watchOk = connected.Length == subscribers && finalSeen == subscribers && resultsSeen == subscribers;
            checks.Add(($"check {Name}: {connected.Length}/{subscribers} subscribers connected, final participation {ballots} seen by {finalSeen}, " +
                $"closing results seen by {resultsSeen}: {(watchOk ? "OK" : "FAILED")}", watchOk));

            var lines = new List<string>
            {
                string.Create(CultureInfo.InvariantCulture,
                    $"{Name}: {summary.Accepted:N0} ballots over HTTP from another process in {summary.Seconds:0.0} s ({summary.Accepted / summary.Seconds:0} ballots/s), " +
                    $"p50 {summary.P50Ms:0.0} ms, p99 {summary.P99Ms:0.0} ms, selection {(selectionMatches ? "matches recorded" : "DIFFERS from recorded")}; {connected.Length} subscribers, final participation seen by {finalSeen}/{subscribers}, " +
                    $"push delay p50 {delayP50:0.0} ms, p99 {delayP99:0.0} ms"),
                string.Create(CultureInfo.InvariantCulture,
                    $"{Name}: {connections} keep-alive connections; setup (host, file, vote, {ballots:N0} tokens and requests) {preparing.Elapsed.TotalSeconds:0.0} s, " +
                    $"{connected.Length} subscribers connected in {connecting.Elapsed.TotalSeconds:0.0} s, close {closing.Elapsed.TotalSeconds:0.00} s; " +
                    $"{pushes:N0} pushes received, delay over {samples:N0} (ballot, subscriber) pairs; load generator CPU {summary.CpuSeconds:0.0} s"),
            };
            if (firstFailure is not null)
            {
                lines.Add($"{Name}: {failures} subscribers failed to connect; first: {firstFailure}");
            }

            if (problems.Length > 0)
            {
                lines.Add($"{Name}: {problems.Length} subscribers were sent something else than their pushes; first: {problems[0]}");
            }

            if (summary.FirstRejection is not null)
            {
                lines.Add($"{Name}: first rejection: {summary.FirstRejection}");
            }

            var load = new LoadResult(
                Name, connections, summary.Accepted, summary.Seconds, [], summary.Sent - summary.Accepted, summary.FirstRejection,
                summary.Accepted, 0, AllocatedBytes: -1, cpu, peakBytes)
            {
                MeasuredPercentiles = new Dictionary<double, double> { [50] = summary.P50Ms, [99] = summary.P99Ms, [100] = summary.MaxMs },
            };
            return new Outcome(load, checks, lines);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>One line per ballot, in file order: the voter's bearer token, a tab, the GraphQL request body.</summary>
    private static async Task WriteRequestsAsync(string path, CivicUnderTest civic, string tenant, string voteId, VoteDay.Plan plan)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        for (var i = 0; i < plan.UserIds.Length; i++)
        {
            var token = civic.Tokens.Issue(tenant, plan.UserIds[i], Role.Member, TimeSpan.FromHours(2), plan.Districts[i]);
            var body = new JsonObject
            {
                ["query"] = CastBallotDocument,
                ["variables"] = new JsonObject
                {
                    ["input"] = new JsonObject { ["voteId"] = voteId, ["choices"] = new JsonArray([.. plan.Choices[i].Select(c => JsonValue.Create(c))]) },
                },
            };
            await writer.WriteAsync(token);
            await writer.WriteAsync('\t');
            await writer.WriteLineAsync(body.ToJsonString());
        }
    }

    /// <summary>What the load generator printed (one JSON line after <see cref="SummaryPrefix"/>).</summary>
    public sealed record Summary(long Sent, long Accepted, long AcceptedOnRetry, long Retries, Dictionary<string, long> Rejected, string? FirstRejection,
        double P50Ms, double P99Ms, double MaxMs, double Seconds, double CpuSeconds);

    private const string SummaryPrefix = "summary: ";

    private static async Task<Summary> GenerateInChildAsync(string requests, Uri host, string tenant, int connections)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No path to this process's binary.");
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(VoteDayHttp).Assembly.Location);
        }

        foreach (var arg in new[] { GenerateFlag, requests, "--url", new Uri(host, "/graphql").ToString(), "--tenant", tenant, "--connections", connections.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {self}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(SummaryPrefix, StringComparison.Ordinal));
        return process.ExitCode == 0 && line is not null
            ? JsonSerializer.Deserialize<Summary>(line[SummaryPrefix.Length..])!
            : throw new InvalidOperationException($"the load generator exited with {process.ExitCode}: {output} {await stderr}");
    }

    /// <summary>(ballots so far, acknowledged at) of every accepted ballot, as the load generator wrote them.</summary>
    private static (int Ballots, long At)[] ReadAcks(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var acks = new (int, long)[bytes.Length / 12];
        for (var i = 0; i < acks.Length; i++)
        {
            acks[i] = (BitConverter.ToInt32(bytes, i * 12), BitConverter.ToInt64(bytes, i * 12 + 4));
        }

        return acks;
    }

    /// <summary>
    /// For every subscriber and every accepted ballot: the time from the ballot's acknowledgement (in the load generator;
    /// both processes read the same monotonic clock) to the subscriber's first push whose participation includes it
    /// (a push of B ballots carries every ballot acknowledged as the B-th or earlier). Percentiles of 0.1 ms buckets.
    /// </summary>
    private static (double P50, double P99, long Samples) PushDelays((int Ballots, long At)[] acks, Watcher[] watchers)
    {
        Array.Sort(acks, (a, b) => a.Ballots.CompareTo(b.Ballots));
        var toMs = 1000.0 / Stopwatch.Frequency;
        var buckets = new long[600_000]; // 0.1 ms each, up to 60 s
        long samples = 0;
        foreach (var w in watchers)
        {
            var next = 0;
            foreach (var (ballots, at) in w.Pushes())
            {
                for (; next < acks.Length && acks[next].Ballots <= ballots; next++)
                {
                    var ms = Math.Max(0, (at - acks[next].At) * toMs);
                    buckets[Math.Min(buckets.Length - 1, (int)(ms * 10))]++;
                    samples++;
                }
            }
        }

        return (LiveScenario.Percentile(buckets, samples, 0.50), LiveScenario.Percentile(buckets, samples, 0.99), samples);
    }

    /// <summary>One subscriber's pushes: the participation (ballots so far) with the instant each arrived; whether results came.</summary>
    private sealed class Watcher
    {
        private readonly List<(int Ballots, long At)> _pushes = new(256);
        private int _last = -1;
        private volatile bool _sawResults;

        public int Last => Volatile.Read(ref _last);

        public bool SawResults => _sawResults;

        public int Count
        {
            get
            {
                lock (_pushes)
                {
                    return _pushes.Count;
                }
            }
        }

        public (int Ballots, long At)[] Pushes()
        {
            lock (_pushes)
            {
                return [.. _pushes];
            }
        }

        /// <summary>{"voteUpdated":{"ballots":N,"status":"OPEN","results":null}}</summary>
        public void Take(JsonElement data, long at)
        {
            var vote = data.GetProperty("voteUpdated");
            var ballots = vote.GetProperty("ballots").GetInt32();
            lock (_pushes)
            {
                _pushes.Add((ballots, at));
            }

            if (vote.GetProperty("status").GetString() == "CLOSED" && vote.GetProperty("results").ValueKind == JsonValueKind.Object)
            {
                _sawResults = true;
            }

            Volatile.Write(ref _last, ballots);
        }
    }

    /// <summary>
    /// The load generator (this binary with <see cref="GenerateFlag"/> FILE --url U --tenant T --connections N): every line
    /// of FILE sent once, N at a time over keep-alive HTTP/1.1 connections; a request answered 503 or UNAVAILABLE
    /// (or OUTCOME_UNKNOWN), or lost to a network error, is sent again (the same voter: a ballot that was in fact
    /// recorded answers ALREADY_VOTED, counted as accepted on retry). Writes FILE.acks and prints the summary line.
    /// </summary>
    public static async Task<int> GenerateAsync(string[] args)
    {
        string? file = null, url = null, tenant = null;
        var connections = Connections;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case GenerateFlag: file = Value(); break;
                case "--url": url = Value(); break;
                case "--tenant": tenant = Value(); break;
                case "--connections": connections = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        if (file is null || url is null || tenant is null || connections <= 0)
        {
            Console.Error.WriteLine($"Usage: {GenerateFlag} FILE --url URL --tenant TENANT [--connections N]");
            return 2;
        }

        var lines = await File.ReadAllLinesAsync(file);
        var tokens = new string[lines.Length];
        var bodies = new byte[lines.Length][];
        for (var i = 0; i < lines.Length; i++)
        {
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            tokens[i] = lines[i][..tab];
            bodies[i] = Encoding.UTF8.GetBytes(lines[i][(tab + 1)..]);
        }

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var endpoint = new Uri(url);
        var latencies = new long[tokens.Length];
        var acks = new (int Ballots, long At)[tokens.Length];
        var outcome = new string?[tokens.Length]; // null: accepted; else the refusal's code
        long retries = 0, acceptedOnRetry = 0;
        string? firstRejection = null;
        var next = -1;

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < tokens.Length)
            {
                var started = Stopwatch.GetTimestamp();
                for (var attempt = 1; ; attempt++)
                {
                    var (ballots, code, detail) = await SendAsync(http, endpoint, tenant, tokens[i], bodies[i]);
                    if (code is "UNAVAILABLE" or "OUTCOME_UNKNOWN" or "HTTP_503" or "NETWORK" && attempt < 20)
                    {
                        Interlocked.Increment(ref retries);
                        await Task.Delay(Math.Min(1000, 20 * attempt));
                        continue;
                    }

                    var at = Stopwatch.GetTimestamp();
                    latencies[i] = at - started;
                    if (code is null)
                    {
                        acks[i] = (ballots, at);
                    }
                    else if (code == "ALREADY_VOTED" && attempt > 1)
                    {
                        Interlocked.Increment(ref acceptedOnRetry);
                        acks[i] = (-1, at);
                    }
                    else
                    {
                        outcome[i] = code;
                        Interlocked.CompareExchange(ref firstRejection, $"ballot {i + 1}: {detail}", null);
                    }

                    break;
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

        var toMs = 1000.0 / Stopwatch.Frequency;
        var sorted = latencies.Select(t => t * toMs).ToArray();
        Array.Sort(sorted);
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length), 1, sorted.Length) - 1];

        await using (var ackFile = new BinaryWriter(File.Create(file + ".acks")))
        {
            for (var i = 0; i < acks.Length; i++)
            {
                if (outcome[i] is null && acks[i].Ballots > 0)
                {
                    ackFile.Write(acks[i].Ballots);
                    ackFile.Write(acks[i].At);
                }
            }
        }

        var rejected = outcome.Where(c => c is not null).GroupBy(c => c!).ToDictionary(g => g.Key, g => (long)g.Count());
        var summary = new Summary(tokens.Length, tokens.Length - rejected.Values.Sum(), acceptedOnRetry, retries, rejected, firstRejection,
            Percentile(50), Percentile(99), Percentile(100), elapsed, cpu);
        Console.WriteLine(SummaryPrefix + JsonSerializer.Serialize(summary));
        return 0;
    }

    /// <summary>One attempt: (ballots so far, null, null) when accepted, else (0, the error code, what the server said).</summary>
    private static async Task<(int Ballots, string? Code, string? Detail)> SendAsync(HttpClient http, Uri endpoint, string tenant, string token, byte[] body)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("X-Civic-Tenant", tenant);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return (0, "HTTP_503", "503: " + Encoding.UTF8.GetString(text));
            }

            try
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
                {
                    var code = errors[0].TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var c) ? c.GetString() : null;
                    return (0, code ?? "HTTP_" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(text));
                }

                if (response.IsSuccessStatusCode && json.RootElement.GetProperty("data").GetProperty("castBallot").GetProperty("ballots").GetInt32() is var ballots and > 0)
                {
                    return (ballots, null, null);
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
            }

            return (0, "HTTP_" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(text));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return (0, "NETWORK", e.GetType().Name + ": " + e.Message);
        }
    }
}
