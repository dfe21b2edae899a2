using Civic.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Civic.Api.Live;

/// <summary>
/// An API node's side of the fan-out: one grain observer for the whole node, one upstream watch per
/// topic (a campaign) whatever the number of local subscribers, and per subscriber a one-value slot
/// drained at most once per <see cref="LiveOptions.MinInterval"/> (last value wins). A new subscriber
/// gets the topic's current value first. The watch is refreshed every
/// <see cref="LiveOptions.RefreshInterval"/>: a reactivated grain (a silo failed) learns of the node again,
/// and the refresh's answer is pushed, so subscribers resume with the current value. When the node loses a
/// gateway (<see cref="GatewayLost"/>: a silo stopped or died, perhaps with watched grains) every watch is
/// refreshed at once a few times over the next seconds, so subscribers resume within the cluster's failure
/// detection rather than a refresh interval later.
/// </summary>
public sealed class LiveHub : ILiveObserver, IDisposable
{
    private readonly IClusterClient _cluster;
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveHub> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LiveTopic> _topics = new(StringComparer.Ordinal);
    private ILiveObserver? _reference;

    public LiveHub(IClusterClient cluster, IOptions<LiveOptions> options, TimeProvider time, ILogger<LiveHub> logger)
    {
        _cluster = cluster;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Topics this node watches upstream (for tests and diagnostics).</summary>
    public int Topics
    {
        get
        {
            lock (_lock)
            {
                return _topics.Count;
            }
        }
    }

    /// <summary>This node's observer, as grains know it (created on first use).</summary>
    public ILiveObserver Reference
    {
        get
        {
            lock (_lock)
            {
                return _reference ??= _cluster.CreateObjectReference<ILiveObserver>(this);
            }
        }
    }

    /// <summary>The live summaries of one campaign, current value first.</summary>
    public IObservable<CampaignSummary> Campaign(string tenant, string id)
    {
        ILiveCampaign Grain() => _cluster.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, id));
        return new LiveFeed<CampaignSummary>(this, CampaignTopic(tenant, id),
            new LiveSource(async o => await Grain().WatchAsync(o), o => Grain().UnwatchAsync(o)));
    }

    /// <summary>The live figures of one vote (never a per-option count while it is open), current value first.</summary>
    public IObservable<VoteLive> Vote(string tenant, string id)
    {
        ILiveVote Grain() => _cluster.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, id));
        return new LiveFeed<VoteLive>(this, VoteTopic(tenant, id),
            new LiveSource(async o => await Grain().WatchAsync(o), o => Grain().UnwatchAsync(o)));
    }

    /// <summary>The live figures of one idea (supports, state, comments, hidden), current value first.</summary>
    public IObservable<IdeaLive> Idea(string tenant, string id)
    {
        ILiveIdea Grain() => _cluster.GetGrain<ILiveIdea>(GrainKeys.Compound(tenant, id));
        return new LiveFeed<IdeaLive>(this, IdeaTopic(tenant, id),
            new LiveSource(async o => await Grain().WatchAsync(o), o => Grain().UnwatchAsync(o)));
    }

    /// <summary>The live figures of one idea box (open, ideas, the newest idea), current value first.</summary>
    public IObservable<IdeaBoxLive> IdeaBox(string tenant, string id)
    {
        ILiveIdeaBox Grain() => _cluster.GetGrain<ILiveIdeaBox>(GrainKeys.Compound(tenant, id));
        return new LiveFeed<IdeaBoxLive>(this, IdeaBoxTopic(tenant, id),
            new LiveSource(async o => await Grain().WatchAsync(o), o => Grain().UnwatchAsync(o)));
    }

    /// <summary>The tenant's recent feed items, the current ones first.</summary>
    public IObservable<TenantFeedLive> TenantFeed(string tenant)
    {
        ITenantFeedGrain Grain() => _cluster.GetGrain<ITenantFeedGrain>(tenant);
        return new LiveFeed<TenantFeedLive>(this, FeedTopic(tenant),
            new LiveSource(async o => await Grain().WatchAsync(o), o => Grain().UnwatchAsync(o)));
    }

    public Task IdeaUpdatedAsync(string tenant, IdeaLive idea)
    {
        Push(IdeaTopic(tenant, idea.Id), idea);
        return Task.CompletedTask;
    }

    public Task IdeaBoxUpdatedAsync(string tenant, IdeaBoxLive box)
    {
        Push(IdeaBoxTopic(tenant, box.Id), box);
        return Task.CompletedTask;
    }

    public Task TenantFeedUpdatedAsync(string tenant, TenantFeedLive feed)
    {
        Push(FeedTopic(tenant), feed);
        return Task.CompletedTask;
    }

    /// <summary>A tenant's settings changed (through any node): raised with its slug.</summary>
    public event Action<string>? TenantUpdated;

    public Task TenantUpdatedAsync(string tenant, TenantInfo info)
    {
        TenantUpdated?.Invoke(tenant);
        return Task.CompletedTask;
    }

    private static string IdeaTopic(string tenant, string id) => "idea:" + tenant + "/" + id;

    private static string IdeaBoxTopic(string tenant, string id) => "idea-box:" + tenant + "/" + id;

    private static string FeedTopic(string tenant) => "feed:" + tenant;

    public Task CampaignUpdatedAsync(string tenant, CampaignSummary campaign)
    {
        Push(CampaignTopic(tenant, campaign.Id), campaign);
        return Task.CompletedTask;
    }

    public Task VoteUpdatedAsync(string tenant, VoteLive vote)
    {
        Push(VoteTopic(tenant, vote.Id), vote);
        return Task.CompletedTask;
    }

    private static string CampaignTopic(string tenant, string id) => "campaign:" + tenant + "/" + id;

    private static string VoteTopic(string tenant, string id) => "vote:" + tenant + "/" + id;

    internal LiveTopic Join(string key, LiveSource source, LiveSubscriber subscriber)
    {
        LiveTopic topic;
        bool created;
        lock (_lock)
        {
            created = !_topics.TryGetValue(key, out topic!);
            if (created)
            {
                topic = new LiveTopic(key, source);
                _topics[key] = topic;
            }

            topic.Subscribers.Add(subscriber);
            if (topic.Current is { } current)
            {
                subscriber.Offer(current);
            }
        }

        if (created)
        {
            topic.Refresh = _time.CreateTimer(_ => _ = WatchAsync(topic), null, _options.RefreshInterval, _options.RefreshInterval);
            _ = WatchAsync(topic);
        }

        return topic;
    }

    internal void Leave(LiveTopic topic, LiveSubscriber subscriber)
    {
        lock (_lock)
        {
            if (!topic.Subscribers.Remove(subscriber) || topic.Subscribers.Count > 0)
            {
                return;
            }

            _topics.Remove(topic.Key);
            topic.Refresh?.Dispose();
        }

        _ = UnwatchAsync(topic);
    }

    private async Task WatchAsync(LiveTopic topic)
    {
        try
        {
            if (await topic.Source.Watch(Reference) is { } current)
            {
                Push(topic.Key, current);
            }
        }
        catch (Exception ex)
        {
            // The next refresh tries again; subscribers keep their last value meanwhile.
            _logger.LogWarning(ex, "Watching live topic {Topic} failed", topic.Key);
        }
    }

    /// <summary>
    /// After a gateway is lost: the first refreshes may still reach the dead silo (until the cluster declares it
    /// dead, a few seconds with <c>ClusterTimings</c>) and fail; the later ones activate the grains on a survivor.
    /// </summary>
    private static readonly TimeSpan[] ResumeSteps =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(12)];

    /// <summary>The node lost a connection to a silo's gateway: re-watches every topic over the next seconds.</summary>
    public void GatewayLost() => _ = ResumeAsync();

    private async Task ResumeAsync()
    {
        var waited = TimeSpan.Zero;
        foreach (var step in ResumeSteps)
        {
            await Task.Delay(step - waited, _time);
            waited = step;
            LiveTopic[] topics;
            lock (_lock)
            {
                topics = [.. _topics.Values];
            }

            _logger.LogInformation("A gateway was lost: refreshing {Topics} live topics", topics.Length);
            await Task.WhenAll(topics.Select(WatchAsync));
        }
    }

    private async Task UnwatchAsync(LiveTopic topic)
    {
        try
        {
            await topic.Source.Unwatch(Reference);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Unwatching live topic {Topic} failed; the watch expires", topic.Key);
        }
    }

    private void Push(string key, object value)
    {
        lock (_lock)
        {
            if (!_topics.TryGetValue(key, out var topic))
            {
                return;
            }

            topic.Current = value;
            foreach (var subscriber in topic.Subscribers)
            {
                subscriber.Offer(value);
            }
        }
    }

    internal TimeProvider Time => _time;

    internal TimeSpan MinInterval => _options.MinInterval;

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var topic in _topics.Values)
            {
                topic.Refresh?.Dispose();
            }

            _topics.Clear();
            if (_reference is not null)
            {
                _cluster.DeleteObjectReference<ILiveObserver>(_reference);
            }
        }
    }
}

/// <summary>One watched topic on this node: its latest value and its local subscribers.</summary>
internal sealed class LiveTopic(string key, LiveSource source)
{
    public string Key { get; } = key;

    public LiveSource Source { get; } = source;

    public HashSet<LiveSubscriber> Subscribers { get; } = [];

    public object? Current { get; set; }

    public ITimer? Refresh { get; set; }
}

/// <summary>The grain behind a topic: watching answers its current value (null if it does not exist).</summary>
internal sealed record LiveSource(Func<ILiveObserver, Task<object?>> Watch, Func<ILiveObserver, Task> Unwatch);
