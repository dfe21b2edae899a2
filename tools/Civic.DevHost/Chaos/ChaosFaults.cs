using System.Diagnostics;
using System.Globalization;
using Civic.Tools.Postgres;

namespace Civic.Tools.DevHost.Chaos;

/// <summary>One injected fault: when (seconds into the load), and how long until writes were acknowledged again.</summary>
public sealed class ChaosFault(string kind, double at)
{
    public string Kind { get; } = kind;

    public double At { get; } = at;

    /// <summary>Where the recovery is counted from: the moment the process died (the kills), the fault's start (a pause), or the repair (PostgreSQL).</summary>
    public double RecoveryFrom { get; set; } = at;

    /// <summary>Seconds from <see cref="RecoveryFrom"/> until writes sent after it were acknowledged again (the slowest kind of write).</summary>
    public double? Recovery { get; set; }

    /// <summary>The longest any one client waited on the fault: from it (or its first attempt, if later) to its acknowledgement.</summary>
    public double? LongestWait { get; set; }

    /// <summary>Writes in the fault's window whose client waited more than 5 s.</summary>
    public int SlowWrites { get; set; }

    /// <summary>
    /// Seconds from a process' return (a silo or an API node ready again) until every running API node held a connection
    /// to every running silo's gateway (Orleans' <c>orleans-client-connected-gateways</c>, read from each node's
    /// <c>/metrics</c>); the slowest when the fault brought back more than one process.
    /// </summary>
    public double? GatewaySpread { get; set; }

    /// <summary>Whether, after a process of this fault returned, some API node stayed off some silo's gateway.</summary>
    public bool SpreadMissed { get; set; }

    public string Note { get; set; } = "";
}

/// <summary>
/// The faults of a chaos run, one after the other, spread over the load: kill -9 of the silo holding the campaign (started again after 3 s),
/// kill -9 of an API node (2 s), PostgreSQL stopped in immediate mode (3 s), a silo paused past the membership
/// timeout (then started again if it declared itself dead), with 100 s or more a rolling restart of the silos, and
/// last every silo killed at once and all started together (a power cut, a botched deployment).
/// A fault's figures (<see cref="MeasureRecoveries"/>) are counted from the fault for a kill or a pause (the rest of
/// the cluster should carry on), from the restart for PostgreSQL (nothing commits without it).
/// </summary>
public sealed class ChaosFaults(IReadOnlyList<ChaosProcess> silos, IReadOnlyList<ChaosProcess> apis, LocalPostgres postgres,
    Func<Task<ChaosProcess?>> campaignHost, ChaosHistory history, HttpClient http, Stopwatch clock, Action<string> say)
{
    /// <summary>The API nodes' gauge of gateway connections, in the Prometheus text format.</summary>
    private const string GatewayGauge = "orleans_client_connected_gateways";

    /// <summary>How long a returned process' gateway spread is waited for.</summary>
    private const int SpreadPatience = 10;

    private ChaosFault? _previous;

    public async Task<List<ChaosFault>> RunAsync(TimeSpan duration, TimeSpan pause)
    {
        var faults = new List<ChaosFault>();
        var d = duration.TotalSeconds;
        faults.Add(await AtAsync(0.12 * d, "silo-kill", async fault =>
        {
            // The silo holding the campaign under load, so that its pledges must move to a survivor.
            var host = await campaignHost();
            var victim = host ?? silos[1];
            fault.Note = host is null ? $"; the campaign's host unknown, killed {victim.Name}" : $"; killed {victim.Name}, the campaign's host";
            await victim.KillAsync();
            fault.RecoveryFrom = clock.Elapsed.TotalSeconds; // not from before the look-up of its host: writes still went through
            await Task.Delay(TimeSpan.FromSeconds(3));
            victim.Start();
            await ReadyAsync(victim, fault);
            await SpreadAsync(fault);
        }));
        faults.Add(await AtAsync(0.30 * d, "api-kill", async fault =>
        {
            await apis[1].KillAsync();
            fault.RecoveryFrom = clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2));
            apis[1].Start();
            await ReadyAsync(apis[1], fault);
            await SpreadAsync(fault);
        }));
        faults.Add(await AtAsync(0.45 * d, "postgres-immediate-stop", async fault =>
        {
            await postgres.StopAsync(immediate: true);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await postgres.StartAgainAsync();
            fault.RecoveryFrom = clock.Elapsed.TotalSeconds;
        }));
        faults.Add(await AtAsync(0.60 * d, "silo-pause", async fault =>
        {
            // The campaign's host again: its pledges must move to a survivor while it is stopped, not wait for it.
            var host = await campaignHost();
            var paused = host ?? silos[2];
            var what = host is null ? $"the campaign's host unknown, paused {paused.Name}" : $"paused {paused.Name}, the campaign's host,";
            await paused.PauseAsync(pause, () => fault.RecoveryFrom = clock.Elapsed.TotalSeconds);
            // Declared dead while it was stopped, the silo ends itself when it wakes and reads the membership table.
            if (await paused.ExitsWithinAsync(TimeSpan.FromSeconds(30)))
            {
                // What it still tried to write after it woke was refused by the ledger's fence (LedgerFence).
                var fenced = paused.LinesInLog("refused: this silo was declared dead");
                fault.Note = $"; {what} {pause.TotalSeconds:0} s, declared dead, ended itself ({fenced} ledger batches refused by the fence after it woke), started again";
                paused.Start();
                await ReadyAsync(paused, fault);
                await SpreadAsync(fault);
            }
            else
            {
                fault.Note = $"; {what} {pause.TotalSeconds:0} s, still a member when it woke";
            }
        }));
        if (d >= 100)
        {
            faults.Add(await AtAsync(0.75 * d, "rolling-restart", async fault =>
            {
                foreach (var silo in silos)
                {
                    await silo.StopAsync(TimeSpan.FromSeconds(60));
                    silo.Start();
                    await ReadyAsync(silo, fault);
                    await SpreadAsync(fault);
                }
            }));
        }

        faults.Add(await AtAsync((d >= 100 ? 0.9 : 0.8) * d, "all-silos-restart", async fault =>
        {
            // Nothing of the old cluster answers any more; the three new silos join an empty cluster at the same moment,
            // each finding its own dead predecessor (and the others') in the membership table.
            await Task.WhenAll(silos.Select(s => s.KillAsync()));
            fault.RecoveryFrom = clock.Elapsed.TotalSeconds;
            foreach (var silo in silos)
            {
                silo.Start();
            }

            foreach (var silo in silos)
            {
                await ReadyAsync(silo, fault);
            }

            await SpreadAsync(fault);
        }));

        return faults;
    }

    /// <summary>
    /// Waits for <paramref name="at"/> seconds into the load, and for the previous fault to be over (both kinds of
    /// writes acknowledged again after it, then 5 s more, at most 60 s), so that each fault's window shows its own
    /// outage; then injects the fault. Its figures are measured afterwards.
    /// </summary>
    private async Task<ChaosFault> AtAsync(double at, string kind, Func<ChaosFault, Task> inject)
    {
        if (_previous is { } previous)
        {
            using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            var since = previous.RecoveryFrom;
            while (clock.Elapsed.TotalSeconds < since + 60
                   && history.Writes.Where(w => w.Sent >= since).Select(w => w.Kind).Distinct().Count() < 2)
            {
                await poll.WaitForNextTickAsync();
            }

            at = Math.Max(at, clock.Elapsed.TotalSeconds + 5);
        }

        var wait = TimeSpan.FromSeconds(at) - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var fault = new ChaosFault(kind, clock.Elapsed.TotalSeconds);
        say(string.Create(CultureInfo.InvariantCulture, $"{kind} at {fault.At:0.0} s ({DateTime.UtcNow:HH:mm:ss.fff} UTC)"));
        await inject(fault);
        _previous = fault;
        return fault;
    }

    private async Task ReadyAsync(ChaosProcess process, ChaosFault fault)
    {
        if (!await process.WaitReadyAsync(http, TimeSpan.FromMinutes(2)))
        {
            fault.Note += $"; {process.Name} did not become ready again";
        }
    }

    /// <summary>
    /// After a process came back: waits (at most <see cref="SpreadPatience"/> s) until every running API node holds a
    /// connection to the gateway of every running silo, and records how long that took in
    /// <see cref="ChaosFault.GatewaySpread"/>; otherwise the fault's note says how many each held. An Orleans client keeps
    /// each grain's calls on the gateway connection it first used for it (per-grain buckets, reassigned only when that
    /// connection fails), so a silo that returns gets the calls of grains new to the client, not of the hot ones: this
    /// measures it, it does not bound it.
    /// </summary>
    private async Task SpreadAsync(ChaosFault fault)
    {
        var from = clock.Elapsed.TotalSeconds;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            var expected = silos.Count(s => s.Running);
            var counts = await Task.WhenAll(apis.Where(a => a.Running).Select(ConnectedGatewaysAsync));
            if (counts.All(c => c >= expected))
            {
                fault.GatewaySpread = Math.Max(fault.GatewaySpread ?? 0, clock.Elapsed.TotalSeconds - from);
                return;
            }
        }
        while (clock.Elapsed.TotalSeconds < from + SpreadPatience && await poll.WaitForNextTickAsync());

        var last = await Task.WhenAll(apis.Where(a => a.Running).Select(ConnectedGatewaysAsync));
        fault.SpreadMissed = true;
        fault.Note += $"; {SpreadPatience} s after it returned the API nodes were connected to {string.Join(" and ", last)} of the {silos.Count(s => s.Running)} gateways";
    }

    /// <summary>An API node's gateway connections as its <c>/metrics</c> says; -1 when it cannot be read.</summary>
    private async Task<int> ConnectedGatewaysAsync(ChaosProcess api)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri(api.BaseAddress, "metrics"));
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith(GatewayGauge, StringComparison.Ordinal) && line.Length > GatewayGauge.Length && line[GatewayGauge.Length] is ' ' or '{')
                {
                    // name{labels} value [timestamp]
                    var rest = line[(line[GatewayGauge.Length] == '{' ? line.IndexOf('}', StringComparison.Ordinal) + 1 : GatewayGauge.Length)..];
                    var value = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                    return double.TryParse(value, CultureInfo.InvariantCulture, out var count) ? (int)count : -1;
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // the node is not answering: not spread
        }

        return -1;
    }

    /// <summary>
    /// Fills each fault's figures from the clients' writes in its window (up to 60 s, and not into the next fault's).
    /// Recovery, as an operator counts it: for each kind of write (pledges, ballots), the time from the fault until the
    /// first write sent after it was acknowledged (retries included), the slowest kind. Longest wait, as a client lives
    /// it: a client stranded on a dead process counts with its whole wait, even while other clients are served.
    /// </summary>
    public static void MeasureRecoveries(IEnumerable<ChaosFault> faults, IReadOnlyCollection<ChaosWrite> writes)
    {
        var ordered = faults.OrderBy(f => f.At).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var fault = ordered[i];
            var from = fault.RecoveryFrom;
            var until = Math.Min(from + 60, i + 1 < ordered.Count ? ordered[i + 1].At : double.MaxValue);
            var inWindow = writes.Where(w => w.Acked >= from && w.Sent <= until).ToList();
            var firstAcks = inWindow.Where(w => w.Sent >= from).GroupBy(w => w.Kind).Select(g => g.Min(w => w.Acked) - from).ToList();
            fault.Recovery = firstAcks.Count > 0 ? firstAcks.Max() : null;
            var waits = inWindow.Select(w => w.Acked - Math.Max(w.Sent, from)).ToList();
            fault.LongestWait = waits.Count > 0 ? waits.Max() : null;
            fault.SlowWrites = waits.Count(w => w > 5);
        }
    }
}
