namespace Civic.Grains.Ledger;

public sealed class LedgerOptions
{
    /// <summary>Most rows written in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 2048;

    /// <summary>
    /// Transactions in flight at once. One is enough for group commit to work; a second lets the
    /// next batch be built and sent while the previous one waits for its fsync.
    /// </summary>
    public int Writers { get; set; } = 2;
}
