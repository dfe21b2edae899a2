namespace Civic.Api.Tenancy;

/// <summary>
/// A small cache with a hard cap on entries and a lifetime per entry: when full, the least recently
/// used entry makes room. Whatever callers put in it (a header, a host name), memory stays bounded.
/// One lock per cache: a lookup is a dictionary probe and a list move, cheap next to a request.
/// </summary>
public sealed class BoundedCache<TValue>
{
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries;
    private readonly LinkedList<Entry> _recency = new(); // most recently used first
    private readonly Lock _lock = new();

    public BoundedCache(int capacity, IEqualityComparer<string> comparer, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
        _time = time;
        _entries = new Dictionary<string, LinkedListNode<Entry>>(comparer);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string key, out TValue value)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.Until > now)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }

                Unlink(node);
            }
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value, TimeSpan lifetime)
    {
        if (_capacity == 0 || lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new Entry(key, value, _time.GetUtcNow() + lifetime);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                Unlink(existing);
            }

            while (_entries.Count >= _capacity && _recency.Last is { } oldest)
            {
                Unlink(oldest);
            }

            _entries[key] = _recency.AddFirst(entry);
        }
    }

    public void Remove(string key)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                Unlink(node);
            }
        }
    }

    private void Unlink(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
    }

    private sealed record Entry(string Key, TValue Value, DateTimeOffset Until);
}
