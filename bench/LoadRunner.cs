using System.Diagnostics;

namespace Civic.Bench;

/// <summary>One pledge by caller <c>worker</c> (its <c>sequence</c>-th); returns the acknowledged amount in cents.</summary>
public delegate Task<long> PledgeOperation(int worker, long sequence);

/// <summary>What one scenario measured, plus what every caller had acknowledged (for the correctness check).</summary>
public sealed record LoadResult(
    string Scenario,
    int Concurrency,
    long Count,
    double Seconds,
    double[] SortedLatenciesMs,
    long Errors,
    string? FirstError,
    long AckedCount,
    long AckedSum,
    long AllocatedBytes,
    TimeSpan ProcessCpu,
    long PeakWorkingSet)
{
    public double Throughput => Count / Seconds;

    /// <summary>Percentiles (50, 99, 100) reported by a load generator in another process (wrk), which keeps the latencies itself.</summary>
    public IReadOnlyDictionary<double, double>? MeasuredPercentiles { get; init; }

    /// <summary>Exact percentile by nearest rank over every recorded latency (or as the load generator reported it).</summary>
    public double Percentile(double p)
    {
        if (MeasuredPercentiles is not null)
        {
            return MeasuredPercentiles.TryGetValue(p, out var reported) ? reported : double.NaN;
        }

        if (SortedLatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * SortedLatenciesMs.Length);
        return SortedLatenciesMs[Math.Clamp(rank, 1, SortedLatenciesMs.Length) - 1];
    }

    /// <summary>Bytes allocated per counted pledge; NaN when not measured (AllocatedBytes &lt; 0: the server ran in another process).</summary>
    public double AllocatedPerPledge => Count == 0 || AllocatedBytes < 0 ? double.NaN : (double)AllocatedBytes / Count;

    /// <summary>CPU time per counted pledge, in microseconds: of this process (client and, in process, server), or of the server process alone for wrk.</summary>
    public double CpuMicrosPerPledge => Count == 0 ? double.NaN : ProcessCpu.TotalMicroseconds / Count;

    /// <summary>The bench's PostgreSQL server's CPU time over the measured window (<see cref="PostgresCpu"/>); null when not measured.</summary>
    public TimeSpan? PostgresCpu { get; init; }

    /// <summary>PostgreSQL CPU time per counted pledge, in microseconds; NaN when not measured.</summary>
    public double PostgresMicrosPerPledge => Count == 0 || PostgresCpu is not { } cpu ? double.NaN : cpu.TotalMicroseconds / Count;
}

/// <summary>
/// Closed-loop load: N callers, each issuing its next pledge as soon as the previous one is answered.
/// A warm-up runs first (same callers, not measured); then every pledge answered inside the measured
/// window is counted and its latency recorded. Pledges still in flight at the end are awaited so their
/// acknowledgements count in the correctness check.
/// </summary>
public static class LoadRunner
{
    private const int Warmup = 0;
    private const int Measuring = 1;
    private const int Stopping = 2;

    public static async Task<LoadResult> RunAsync(
        string scenario, int concurrency, TimeSpan warmup, TimeSpan duration, PledgeOperation operation, PostgresCpu? postgres = null)
    {
        var phase = Warmup;
        var workers = new Worker[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = new Worker(i);
        }

        using var peak = new PeakWorkingSet();
        var tasks = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            var worker = workers[i];
            tasks[i] = Task.Run(async () =>
            {
                long sequence = 0;
                while (Volatile.Read(ref phase) != Stopping)
                {
                    var started = Stopwatch.GetTimestamp();
                    long amount;
                    try
                    {
                        amount = await operation(worker.Index, sequence++);
                    }
                    catch (Exception e)
                    {
                        worker.Errors++;
                        worker.FirstError ??= e.GetType().Name + ": " + e.Message;
                        continue;
                    }

                    var ended = Stopwatch.GetTimestamp();
                    worker.AckedCount++;
                    worker.AckedSum += amount;
                    if (Volatile.Read(ref phase) == Measuring)
                    {
                        worker.Latencies.Add(ended - started);
                    }
                }
            });
        }

        // Warm-up, then the measured window; the main loop only waits on timers.
        var warmupEnd = Task.Delay(warmup);
        await Task.WhenAny(warmupEnd, Task.WhenAll(tasks));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var postgresBefore = postgres?.ProcessorTime();
        var windowStart = Stopwatch.GetTimestamp();
        Volatile.Write(ref phase, Measuring);
        await Task.WhenAny(Task.Delay(duration), Task.WhenAll(tasks));
        Volatile.Write(ref phase, Stopping);
        var windowEnd = Stopwatch.GetTimestamp();
        var allocatedAfter = GC.GetTotalAllocatedBytes(precise: true);
        var cpuAfter = Process.GetCurrentProcess().TotalProcessorTime;
        var postgresAfter = postgres?.ProcessorTime();
        await Task.WhenAll(tasks);
        var peakBytes = await peak.StopAsync();

        var count = workers.Sum(w => (long)w.Latencies.Count);
        var latencies = new double[count];
        var k = 0;
        var toMs = 1000.0 / Stopwatch.Frequency;
        foreach (var worker in workers)
        {
            foreach (var ticks in worker.Latencies)
            {
                latencies[k++] = ticks * toMs;
            }
        }

        Array.Sort(latencies);
        return new LoadResult(
            scenario,
            concurrency,
            count,
            Stopwatch.GetElapsedTime(windowStart, windowEnd).TotalSeconds,
            latencies,
            workers.Sum(w => w.Errors),
            workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            workers.Sum(w => w.AckedCount),
            workers.Sum(w => w.AckedSum),
            allocatedAfter - allocatedBefore,
            cpuAfter - cpuBefore,
            peakBytes)
        {
            PostgresCpu = postgresAfter - postgresBefore,
        };
    }

    private sealed class Worker(int index)
    {
        public int Index { get; } = index;
        public List<long> Latencies { get; } = new(16_384);
        public long Errors { get; set; }
        public string? FirstError { get; set; }
        public long AckedCount { get; set; }
        public long AckedSum { get; set; }
    }
}
