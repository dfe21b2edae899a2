using Orleans.Core;

namespace Civic.Grains;

/// <summary>
/// Serialises writes of one grain's persistent state. Grains that interleave on their ledger
/// await may otherwise start a second write before the first returns, and the storage's
/// optimistic concurrency (etag) would reject it.
/// </summary>
public sealed class StateWriter(IStorage storage)
{
    private Task _last = Task.CompletedTask;

    public Task WriteAsync()
    {
        var previous = _last;
        var next = WriteAfterAsync(previous);
        _last = next;
        return next;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // The earlier write's caller saw its failure; this write stands on its own.
        }

        await storage.WriteStateAsync();
    }
}
