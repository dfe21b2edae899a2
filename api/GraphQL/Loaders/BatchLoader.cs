using GraphQL.DataLoader;

namespace Civic.Api.GraphQL.Loaders;

/// <summary>
/// Collects the keys the fields of one request ask for and fetches them together. A resolver returns
/// <see cref="Load"/>'s result; GraphQL.NET's execution strategy resolves every other field of the level first
/// and only then asks for the values, so the first value asked fetches all the keys collected by then, once.
/// A key asked again in the same request is not fetched again. One instance per request (scoped).
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    TValue missing,
    IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _fetch = fetch;
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Batch> _batchOf = new(comparer);
    private Batch? _open;

    /// <summary>How many fetches this loader ran (each one is one batch of keys).</summary>
    public int Fetches { get; private set; }

    public Pending<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_batchOf.TryGetValue(key, out var batch))
            {
                batch = _open ??= new Batch(this);
                batch.Keys.Add(key);
                _batchOf[key] = batch;
            }

            return new Pending<TValue>(async ct => (await batch.ResultAsync(ct)).TryGetValue(key, out var value) ? value : missing);
        }
    }

    private sealed class Batch(BatchLoader<TKey, TValue> owner)
    {
        private Task<IReadOnlyDictionary<TKey, TValue>>? _fetching;

        public List<TKey> Keys { get; } = [];

        public Task<IReadOnlyDictionary<TKey, TValue>> ResultAsync(CancellationToken ct)
        {
            lock (owner._gate)
            {
                if (_fetching is null)
                {
                    // Keys asked from now on go to the next batch.
                    if (ReferenceEquals(owner._open, this))
                    {
                        owner._open = null;
                    }

                    owner.Fetches++;
                    _fetching = owner._fetch(Keys.ToArray(), ct);
                }

                return _fetching;
            }
        }
    }
}

/// <summary>A value GraphQL.NET asks for once the level's other fields are resolved.</summary>
public sealed class Pending<T>(Func<CancellationToken, Task<T>> get) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => get(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await get(cancellationToken);

    /// <summary>A value known at once (no fetch).</summary>
    public static Pending<T> Known(T value) => new Pending<T>(_ => Task.FromResult(value));

    /// <summary>This value turned into another once it is known.</summary>
    public Pending<TOut> Then<TOut>(Func<T, TOut> map) => new Pending<TOut>(async ct => map(await get(ct)));
}
