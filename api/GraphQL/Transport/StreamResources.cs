namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// The scope and cancellation a WebSocket operation's execution runs with; a subscription's stream keeps running with them,
/// so they pass to its share (<see cref="SharedSubscriptions"/>) when it starts one.
/// </summary>
internal sealed class StreamResources(IServiceScope scope) : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private int _disposed;

    public CancellationToken Token => _cancel.Token;

    public void Cancel()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _cancel.Cancel();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _cancel.Cancel();
            scope.Dispose();
            _cancel.Dispose();
        }
    }
}
