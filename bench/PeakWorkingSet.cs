using System.Diagnostics;

namespace Civic.Bench;

/// <summary>Samples this process's working set every 100 ms until stopped; reports the largest sample.</summary>
public sealed class PeakWorkingSet : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    public PeakWorkingSet()
    {
        _sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            do
            {
                self.Refresh();
                _peak = Math.Max(_peak, self.WorkingSet64);
            }
            while (await WaitTickAsync(timer, _stop.Token));
        });
    }

    /// <summary>Stops sampling and returns the peak working set in bytes.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        return _peak;
    }

    public void Dispose() => _stop.Dispose();

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
