using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Civic.Grains.Interfaces;
using Civic.Tools.DevHost.Live;

namespace Civic.Bench;

/// <summary>
/// (e) Live: N graphql-transport-ws subscribers (real WebSockets on 127.0.0.1, anonymous, to the host's /graphql) watch
/// one campaign's campaignUpdated while pledges run through the grain at the grain scenario's concurrency. Measured: the
/// pledge rate without, then with the subscribers; the delay from each pledge's acknowledgement to the first push that
/// carries it, at every subscriber (p50, p99 over pledges × subscribers); memory per connection (client and server sides:
/// one process); and that every subscriber ends with the final total.
/// </summary>
public static class LiveScenario
{
    public const string Name = "live";

    /// <summary>The host's live limits for the run: one client address and no member behind every subscriber.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(int subscribers) =>
    [
        new("Live:MaxConnectionsPerAddress", (subscribers + 100).ToString(CultureInfo.InvariantCulture)),

        // Every upgrade is an anonymous request from 127.0.0.1: more than one address's allowance in the connect burst.
        new("RateLimits:Anonymous:Permits", "10000000"),
    ];

    public sealed record Outcome(LoadResult Without, LoadResult With, int Subscribers, int Connected, int Final, double DelayP50, double DelayP99,
        double DelayMax, long Samples, double ManagedPerConnection, double WorkingSetPerConnection, TimeSpan ConnectTime, long Pushes)
    {
        public IEnumerable<string> Lines()
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"live: {Connected}/{Subscribers} subscribers connected in {ConnectTime.TotalSeconds:0.0} s; memory per connection (client + server, one process): {ManagedPerConnection / 1024:0.0} KB managed heap, {WorkingSetPerConnection / 1024:0.0} KB working set");
            yield return string.Create(CultureInfo.InvariantCulture,
                $"live: pledges/s without subscribers {Without.Throughput:0}, with {Connected} subscribers {With.Throughput:0} ({With.Throughput / Without.Throughput:0.00}x); pledge p99 {Without.Percentile(99):0.0} vs {With.Percentile(99):0.0} ms");
            yield return string.Create(CultureInfo.InvariantCulture,
                $"live: delay from a pledge's acknowledgement to its push, over {Samples:N0} (pledge, subscriber) pairs: p50 {DelayP50:0.0} ms, p99 {DelayP99:0.0} ms, max {DelayMax:0.0} ms; {Pushes:N0} pushes received");
            yield return $"check live: {Final}/{Connected} subscribers ended with the final total: {(Final == Connected && Connected == Subscribers ? "OK" : "FAILED")}";
        }

        public bool Ok => Final == Connected && Connected == Subscribers && Without.Errors == 0 && With.Errors == 0;
    }

    public static async Task<Outcome> RunAsync(CivicUnderTest civic, int subscribers, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        var campaign = await civic.NewLiveCampaignAsync();
        var without = await LoadRunner.RunAsync("live-0", concurrency, warmup, duration, Pledges(civic, campaign, concurrency, "l0", null));

        var uri = new UriBuilder(civic.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
        const string query = "subscription($id: ID!) { campaignUpdated(id: $id) { raised { amount } } }";
        var before = Memory();
        var connecting = Stopwatch.StartNew();
        var watchers = new ConcurrentBag<Subscriber>();
        var failures = 0;
        string? firstFailure = null;
        await Parallel.ForEachAsync(Enumerable.Range(0, subscribers), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, _) =>
        {
            try
            {
                watchers.Add(await Subscriber.ConnectAsync(uri, civic.Tenant, query, new { id = campaign }));
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref failures);
                firstFailure ??= e.GetType().Name + ": " + e.Message;
            }
        });
        connecting.Stop();
        var after = Memory();
        var connected = watchers.ToArray();
        if (firstFailure is not null)
        {
            Console.WriteLine($"  live: {failures} subscribers failed to connect; first: {firstFailure}");
        }

        var acks = new ConcurrentQueue<(long Raised, long At)>();
        var with = await LoadRunner.RunAsync($"live-{connected.Length}", concurrency, warmup, duration, Pledges(civic, campaign, concurrency, "l1", acks));
        var final = (await civic.Campaign(campaign).GetAsync(null))!.Raised.Amount;

        // Every subscriber ends with the final total (coalescing sends it within Live:MinInterval of the last pledge).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (connected.Any(s => s.Last != final) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var reached = connected.Count(s => s.Last == final);
        foreach (var s in connected)
        {
            s.Dispose();
        }

        var (p50, p99, max, samples) = Delays(acks, connected);
        var pushes = connected.Sum(s => (long)s.Pushes.Count);

        return new Outcome(without, with, subscribers, connected.Length, reached, p50, p99, max, samples,
            connected.Length == 0 ? 0 : (after.Managed - before.Managed) / (double)connected.Length,
            connected.Length == 0 ? 0 : (after.WorkingSet - before.WorkingSet) / (double)connected.Length,
            connecting.Elapsed, pushes);
    }

    private static PledgeOperation Pledges(CivicUnderTest civic, string campaignId, int concurrency, string keyPrefix, ConcurrentQueue<(long, long)>? acks)
    {
        var grain = civic.Campaign(campaignId);
        var actors = Enumerable.Range(0, concurrency).Select(i => new Actor(civic.Tenant, Members.Id(i), Role.Member)).ToArray();
        return async (worker, sequence) =>
        {
            var amount = Amounts.For(worker, sequence);
            var receipt = await grain.PledgeAsync(new Pledge(actors[worker], amount, keyPrefix + sequence.ToString(CultureInfo.InvariantCulture)));
            acks?.Enqueue((receipt.Raised.Amount, Stopwatch.GetTimestamp()));
            if (receipt.Replayed || receipt.Amount.Amount != amount || receipt.Status != PaymentStatus.Confirmed)
            {
                throw new InvalidOperationException($"Unexpected receipt {receipt}.");
            }

            return amount;
        };
    }

    /// <summary>
    /// For every subscriber and every acknowledged pledge: the time from the acknowledgement to the subscriber's first
    /// push whose total includes it (totals only grow, so a push of total T carries every pledge acknowledged with
    /// raised ≤ T). Percentiles from a histogram of 0.1 ms buckets.
    /// </summary>
    private static (double P50, double P99, double Max, long Samples) Delays(ConcurrentQueue<(long Raised, long At)> acks, Subscriber[] subscribers)
    {
        var byRaised = acks.OrderBy(a => a.Raised).ToArray();
        var raised = byRaised.Select(a => a.Raised).ToArray();
        var toMs = 1000.0 / Stopwatch.Frequency;
        var buckets = new long[200_000]; // 0.1 ms each, up to 20 s
        long samples = 0;
        var max = 0.0;
        foreach (var s in subscribers)
        {
            var next = 0; // first pledge not yet carried to this subscriber
            foreach (var (total, at) in s.Pushes)
            {
                var end = UpperBound(raised, total);
                for (; next < end; next++)
                {
                    var ms = Math.Max(0, (at - byRaised[next].At) * toMs);
                    buckets[Math.Min(buckets.Length - 1, (int)(ms * 10))]++;
                    max = Math.Max(max, ms);
                    samples++;
                }
            }
        }

        return (Percentile(buckets, samples, 0.50), Percentile(buckets, samples, 0.99), max, samples);
    }

    private static int UpperBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The p-th percentile (0..1) of samples counted in 0.1 ms buckets, in ms; NaN with no sample.</summary>
    internal static double Percentile(long[] buckets, long samples, double p)
    {
        if (samples == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(p * samples);
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return (i + 1) / 10.0;
            }
        }

        return buckets.Length / 10.0;
    }

    private static (long Managed, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }

    /// <summary>One subscriber (a <see cref="WsSubscriber"/>) and the totals it was pushed with the instant each arrived.</summary>
    private sealed class Subscriber : IDisposable
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WsSubscriber? _socket;
        private long _last = -1;

        public List<(long Total, long At)> Pushes { get; } = new(64);

        public long Last => Volatile.Read(ref _last);

        /// <summary>Connected, subscribed, and holding its first value (the current total), as a reader's page would.</summary>
        public static async Task<Subscriber> ConnectAsync(Uri uri, string tenant, string query, object variables)
        {
            var s = new Subscriber();
            try
            {
                s._socket = await WsSubscriber.ConnectAsync(uri, tenant, query, variables, s.Take);
                await Task.WhenAny(s._first.Task, s._socket.Ended).WaitAsync(TimeSpan.FromSeconds(60));
                if (!s._first.Task.IsCompleted)
                {
                    throw new InvalidOperationException("No first value: " + s._socket.Problem);
                }

                return s;
            }
            catch
            {
                s.Dispose();
                throw;
            }
        }

        /// <summary>{"campaignUpdated":{"raised":{"amount":N}}}</summary>
        private void Take(JsonElement data, long at)
        {
            var total = data.GetProperty("campaignUpdated").GetProperty("raised").GetProperty("amount").GetInt64();
            lock (Pushes)
            {
                Pushes.Add((total, at));
            }

            Volatile.Write(ref _last, total);
            _first.TrySetResult();
        }

        public void Dispose() => _socket?.Dispose();
    }
}
