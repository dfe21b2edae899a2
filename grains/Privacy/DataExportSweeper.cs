using Civic.Grains.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Privacy;

/// <summary>
/// Deletes the files of personal data exports once their link has expired, every <see cref="Every"/> on each silo
/// (one statement, idempotent: silos sweeping at once delete each file once). A copy of someone's data is kept
/// only as long as the link that opens it.
/// </summary>
public sealed class DataExportSweeper(DataExportStore store, DomainClock clock, ILogger<DataExportSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                var purged = await store.PurgeExpiredAsync(clock.GetUtcNow());
                if (purged > 0)
                {
                    logger.LogInformation("Deleted the files of {Count} expired personal data exports", purged);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not delete expired personal data exports; trying again in {Every}", Every);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
