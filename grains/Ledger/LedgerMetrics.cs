using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Civic.Grains.Ledger;

/// <summary>
/// The ledger's instruments (meter <c>Civic.Ledger</c>): how big each group commit is, how long it takes, and every
/// entry's outcome by kind and tenant (so pledges, ballots and supports per second per tenant are a rate of it).
/// Free when nothing listens; the telemetry setup listens when an exporter is configured.
/// </summary>
public static class LedgerMetrics
{
    public const string MeterName = "Civic.Ledger";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "civic.ledger.batch.size", "{entry}", "Entries written by one group commit (one transaction).");

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "civic.ledger.commit.duration", "s", "Time of one group commit, from its first statement to its commit.");

    private static readonly Counter<long> Entries = Meter.CreateCounter<long>(
        "civic.ledger.entries", "{entry}", "Ledger entries by kind, tenant and outcome (committed, duplicate, rejected, unavailable: not written, unknown: the commit may have landed).");

    public static long Start() => Stopwatch.GetTimestamp();

    public static void Committed(int entries, long startedAt)
    {
        BatchSize.Record(entries);
        CommitDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
    }

    public static void Outcome(LedgerEntry entry, string outcome)
    {
        if (Entries.Enabled)
        {
            Entries.Add(1, new KeyValuePair<string, object?>("kind", KindOf(entry)), new KeyValuePair<string, object?>("tenant", entry.Tenant),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>"contribution" for a ContributionEntry: the record's name without "Entry", in lower case.</summary>
    private static string KindOf(LedgerEntry entry) => Kinds.GetOrAdd(entry.GetType(), static type =>
        (type.Name.EndsWith("Entry", StringComparison.Ordinal) ? type.Name[..^5] : type.Name).ToLowerInvariant());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> Kinds = new();
}
