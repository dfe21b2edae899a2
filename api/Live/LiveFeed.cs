using System.Threading.Channels;

namespace Civic.Api.Live;

/// <summary>A topic as an observable for GraphQL.NET's subscription execution: each subscription joins the topic.</summary>
internal sealed class LiveFeed<T>(LiveHub hub, string key, LiveSource source) : IObservable<T>
    where T : class
{
    public IDisposable Subscribe(IObserver<T> observer)
    {
        var subscriber = new LiveSubscriber(hub.Time, hub.MinInterval, value => observer.OnNext((T)value));
        var topic = hub.Join(key, source, subscriber);
        return new Leaving(() =>
        {
            subscriber.Dispose();
            hub.Leave(topic, subscriber);
        });
    }

    private sealed class Leaving(Action leave) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                leave();
            }
        }
    }
}

/// <summary>
/// One subscriber's slot: it holds one value (a newer one replaces it: last value wins) and is
/// drained by one loop that hands a value on, then waits the minimum interval before the next.
/// </summary>
internal sealed class LiveSubscriber : IDisposable
{
    private readonly Channel<object> _slot = Channel.CreateBounded<object>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private readonly CancellationTokenSource _stop = new();

    public LiveSubscriber(TimeProvider time, TimeSpan minInterval, Action<object> deliver) =>
        _ = PumpAsync(time, minInterval, deliver);

    public void Offer(object value) => _slot.Writer.TryWrite(value);

    private async Task PumpAsync(TimeProvider time, TimeSpan minInterval, Action<object> deliver)
    {
        try
        {
            while (await _slot.Reader.WaitToReadAsync(_stop.Token))
            {
                if (_slot.Reader.TryRead(out var value))
                {
                    try
                    {
                        deliver(value);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The subscriber's connection failed; it is disposed by its connection, not retried here.
                        return;
                    }

                    await Task.Delay(minInterval, time, _stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _slot.Writer.TryComplete();
        _stop.Cancel();
    }
}
