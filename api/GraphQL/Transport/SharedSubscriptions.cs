using System.Text;
using Civic.Api.Live;
using GraphQL;

namespace Civic.Api.GraphQL.Transport;

/// <summary>A subscriber of a <see cref="SharedSubscription"/>: one operation of one connection.</summary>
internal interface ISharedSubscriber
{
    /// <summary>A new value: the serialised <c>payload</c> of a <c>next</c> message, shared by every subscriber (never written to).</summary>
    void Next(byte[] payload);

    void Failed();

    void Completed();
}

/// <summary>
/// The API node's shared subscriptions, one per <see cref="SharedSubscriptionKey"/>. The first subscriber's GraphQL
/// stream becomes the share's (with the service scope and cancellation it runs in); the topic's coalescing (one value
/// at most every Live:MinInterval, the last one winning) is then per share, and each value is executed and serialised
/// once for all its subscribers, which only frame the shared bytes with their own id. The share ends with its last subscriber.
/// </summary>
internal sealed class SharedSubscriptions(IGraphQLTextSerializer serializer, ILogger<SharedSubscriptions> logger)
{
    private readonly Dictionary<SharedSubscriptionKey, SharedSubscription> _shares = [];
    private readonly Lock _lock = new();

    /// <summary>Shares running on this node (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _shares.Count;
            }
        }
    }

    /// <summary>
    /// Joins the share of <paramref name="key"/>, or starts it with <paramref name="stream"/> and takes <paramref name="owned"/>
    /// (disposed when the share ends). <paramref name="started"/> tells whether the caller's stream was used; if not, the
    /// caller disposes its own. Dispose the answer to leave.
    /// </summary>
    public IDisposable Join(SharedSubscriptionKey key, string field, ISharedSubscriber subscriber, IObservable<ExecutionResult> stream,
        IDisposable owned, out bool started)
    {
        LiveMetrics.Subscribed(key.Tenant, field); // before the first value can reach the client
        SharedSubscription share;
        lock (_lock)
        {
            started = !_shares.TryGetValue(key, out share!) || !share.TryAdd(subscriber);
            if (started)
            {
                // None yet, or the one there ended (its stream completed) while this subscriber ran its own execution.
                share = new SharedSubscription(this, key, field, owned);
                _shares[key] = share;
                share.TryAdd(subscriber);
            }
        }

        if (started)
        {
            share.Start(stream);
        }

        return new Membership(this, share, subscriber, field);
    }

    private void Leave(SharedSubscription share, ISharedSubscriber subscriber)
    {
        lock (_lock)
        {
            if (!share.Remove(subscriber))
            {
                return;
            }

            if (_shares.TryGetValue(share.Key, out var current) && current == share)
            {
                _shares.Remove(share.Key);
            }
        }

        share.Stop();
    }

    /// <summary>A share whose stream ended: a later subscriber starts a new one.</summary>
    private void Forget(SharedSubscription share)
    {
        lock (_lock)
        {
            if (_shares.TryGetValue(share.Key, out var current) && current == share)
            {
                _shares.Remove(share.Key);
            }
        }
    }

    private sealed class Membership(SharedSubscriptions shares, SharedSubscription share, ISharedSubscriber subscriber, string field) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                LiveMetrics.Unsubscribed(share.Key.Tenant, field);
                shares.Leave(share, subscriber);
            }
        }
    }

    /// <summary>One shared subscription: its subscribers and the last payload, which a new subscriber gets first.</summary>
    private sealed class SharedSubscription(SharedSubscriptions shares, SharedSubscriptionKey key, string field, IDisposable owned)
        : IObserver<ExecutionResult>
    {
        private readonly HashSet<ISharedSubscriber> _subscribers = [];
        private readonly Lock _lock = new();
        private byte[]? _last;
        private bool _ended;
        private bool _stopped;
        private IDisposable? _subscription;

        public SharedSubscriptionKey Key { get; } = key;

        /// <summary>Adds a subscriber and gives it the last payload; false when the share has ended.</summary>
        public bool TryAdd(ISharedSubscriber subscriber)
        {
            lock (_lock)
            {
                if (_ended || _stopped)
                {
                    return false;
                }

                _subscribers.Add(subscriber);
                if (_last is { } last)
                {
                    subscriber.Next(last);
                    LiveMetrics.Queued(Key.Tenant, field, 1);
                }

                return true;
            }
        }

        /// <summary>Removes a subscriber; true when it was the last one (the share then stops).</summary>
        public bool Remove(ISharedSubscriber subscriber)
        {
            lock (_lock)
            {
                return _subscribers.Remove(subscriber) && _subscribers.Count == 0;
            }
        }

        public void Start(IObservable<ExecutionResult> stream)
        {
            var subscription = stream.Subscribe(this);
            lock (_lock)
            {
                if (!_stopped)
                {
                    _subscription = subscription;
                    return;
                }
            }

            subscription.Dispose();
        }

        public void Stop()
        {
            IDisposable? subscription;
            lock (_lock)
            {
                if (_stopped)
                {
                    return;
                }

                _stopped = true;
                subscription = _subscription;
            }

            subscription?.Dispose();
            owned.Dispose();
        }

        public void OnNext(ExecutionResult value)
        {
            // The one execution of this value for every subscriber (GraphQL.NET ran the selection before calling here); one serialisation.
            var payload = Encoding.UTF8.GetBytes(shares.Serializer.Serialize(value));
            LiveMetrics.Executed(Key.Tenant, field);
            lock (_lock)
            {
                if (_ended)
                {
                    return;
                }

                _last = payload;
                foreach (var subscriber in _subscribers)
                {
                    subscriber.Next(payload);
                }

                LiveMetrics.Queued(Key.Tenant, field, _subscribers.Count);
            }
        }

        public void OnError(Exception error)
        {
            shares.Logger.LogWarning(error, "Shared subscription {Field} of {Tenant} failed", field, Key.Tenant);
            foreach (var subscriber in End())
            {
                subscriber.Failed();
            }
        }

        public void OnCompleted()
        {
            foreach (var subscriber in End())
            {
                subscriber.Completed();
            }
        }

        private ISharedSubscriber[] End()
        {
            shares.Forget(this);
            lock (_lock)
            {
                _ended = true;
                return [.. _subscribers];
            }
        }
    }

    private IGraphQLTextSerializer Serializer => serializer;

    private ILogger Logger => logger;
}
