using Civic.Grains.Interfaces;

namespace Civic.Grains.Live;

/// <summary>
/// A grain's live figure and the API nodes watching it (grain observers, one per API node and
/// topic). After each call that may have changed the figure the grain says <see cref="Changed"/>;
/// the publisher sends the new value one-way to every watcher unless it equals the last one sent,
/// at most once per <see cref="MinInterval"/> (a burst is coalesced into one send at the end of the
/// interval, with the value current then). Watches expire unless refreshed (<see cref="LiveWatch.Expiry"/>),
/// so an API node that died costs nothing for long. Nothing is sent while nobody watches.
/// </summary>
internal sealed class LivePublisher<T>(
    Func<T?> current,
    Func<T, T, bool> same,
    Action<ILiveObserver, T> send,
    Func<Func<Task>, TimeSpan, IDisposable> scheduleOnce,
    Func<DateTimeOffset> now)
    where T : class
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<ILiveObserver, DateTimeOffset> _watchers = [];
    private T? _sent;
    private DateTimeOffset _sentAt = DateTimeOffset.MinValue;
    private IDisposable? _pending;

    public int Watchers => _watchers.Count;

    public T? Watch(ILiveObserver observer)
    {
        _watchers[observer] = now() + LiveWatch.Expiry;
        return current();
    }

    public void Unwatch(ILiveObserver observer) => _watchers.Remove(observer);

    /// <summary>
    /// The body of a publishing grain's call filter: runs the call, then, if anyone watches, lets the publisher send
    /// the value should a watched figure have moved. <paramref name="publisher"/> is read after the call (a watch may
    /// have created it).
    /// </summary>
    public static async Task AfterEachCallAsync(IIncomingGrainCallContext context, Func<LivePublisher<T>?> publisher)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (publisher() is { Watchers: > 0 } live)
            {
                live.Changed();
            }
        }
    }

    /// <summary>
    /// <see cref="AfterEachCallAsync(IIncomingGrainCallContext, Func{LivePublisher{T}?})"/>, and also a mark of the grain
    /// (its status) read before and after the call: when it moved, <paramref name="moved"/> is told the mark before (the
    /// grain tells its tenant's feed). Calls that interleave may both see one move: the feed tells an item once.
    /// </summary>
    public static async Task AfterEachCallAsync<TMark>(IIncomingGrainCallContext context, Func<LivePublisher<T>?> publisher,
        Func<TMark?> mark, Action<TMark?> moved)
        where TMark : struct
    {
        var before = mark();
        try
        {
            await AfterEachCallAsync(context, publisher);
        }
        finally
        {
            if (!Nullable.Equals(before, mark()))
            {
                moved(before);
            }
        }
    }

    public void Changed()
    {
        if (_watchers.Count == 0 || _pending is not null)
        {
            return;
        }

        var wait = _sentAt + MinInterval - now();
        if (wait > TimeSpan.Zero)
        {
            _pending = scheduleOnce(() =>
            {
                _pending?.Dispose();
                _pending = null;
                Flush();
                return Task.CompletedTask;
            }, wait);
            return;
        }

        Flush();
    }

    private void Flush()
    {
        var at = now();
        foreach (var expired in _watchers.Where(w => w.Value < at).Select(w => w.Key).ToList())
        {
            _watchers.Remove(expired);
        }

        if (_watchers.Count == 0 || current() is not { } value || (_sent is not null && same(_sent, value)))
        {
            return;
        }

        _sent = value;
        _sentAt = at;
        foreach (var watcher in _watchers.Keys)
        {
            send(watcher, value);
        }
    }
}
