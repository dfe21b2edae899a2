namespace Civic.Grains.Interfaces;

/// <summary>
/// An API node's receiver of live figures (a grain observer, one per API node). The grain that
/// changes a figure calls it one-way; the API node coalesces and fans the figure out to its sockets.
/// </summary>
public interface ILiveObserver : IGrainObserver
{
    /// <summary>The campaign's summary after a change of its live figures (raised, backers, contributions, status, rewards left).</summary>
    [Orleans.Concurrency.OneWay]
    Task CampaignUpdatedAsync(string tenant, CampaignSummary campaign);

    /// <summary>The vote's live figures after a change (status, ballots, ballots per district, results once closed).</summary>
    [Orleans.Concurrency.OneWay]
    Task VoteUpdatedAsync(string tenant, VoteLive vote);

    /// <summary>The idea's live figures after a change (supports, state, comments, hidden).</summary>
    [Orleans.Concurrency.OneWay]
    Task IdeaUpdatedAsync(string tenant, IdeaLive idea);

    /// <summary>The idea box's live figures after a change (open, ideas, the newest idea).</summary>
    [Orleans.Concurrency.OneWay]
    Task IdeaBoxUpdatedAsync(string tenant, IdeaBoxLive box);

    /// <summary>The tenant's recent feed items after a new one.</summary>
    [Orleans.Concurrency.OneWay]
    Task TenantFeedUpdatedAsync(string tenant, TenantFeedLive feed);

    /// <summary>The tenant's settings after a change (branding, locale, area): API nodes drop what they cached of it.</summary>
    [Orleans.Concurrency.OneWay]
    Task TenantUpdatedAsync(string tenant, TenantInfo info);
}

/// <summary>A grain whose live figures API nodes can watch.</summary>
public interface ILiveCampaign
{
    /// <summary>
    /// Registers (or refreshes) an API node's observer for <see cref="LiveWatch.Expiry"/> and answers the current
    /// summary (null if the campaign was never created). The caller checks visibility per subscriber.
    /// </summary>
    Task<CampaignSummary?> WatchAsync(ILiveObserver observer);

    /// <summary>Forgets an API node's observer (its last subscriber left).</summary>
    Task UnwatchAsync(ILiveObserver observer);
}

/// <summary>A vote whose live figures API nodes can watch (see <see cref="ILiveCampaign"/> for the contract).</summary>
public interface ILiveVote
{
    /// <summary>Registers (or refreshes) an API node's observer and answers the current figures (null if the vote was never created).</summary>
    Task<VoteLive?> WatchAsync(ILiveObserver observer);

    /// <summary>Forgets an API node's observer (its last subscriber left).</summary>
    Task UnwatchAsync(ILiveObserver observer);
}

/// <summary>
/// An idea whose live figures API nodes can watch (see <see cref="ILiveCampaign"/> for the contract); the idea's
/// grain implements it beside <see cref="IIdeaGrain"/>, keyed the same way ("tenant/ideaId").
/// </summary>
public interface ILiveIdea : IGrainWithStringKey
{
    Task<IdeaLive?> WatchAsync(ILiveObserver observer);

    Task UnwatchAsync(ILiveObserver observer);

    /// <summary>From the idea's comment thread and its moderation: the comment count or the hidden flag moved (read again if watched).</summary>
    [Orleans.Concurrency.OneWay]
    Task ListingChangedAsync();
}

/// <summary>An idea box whose live figures API nodes can watch; implemented by the box's grain, keyed "tenant/boxId".</summary>
public interface ILiveIdeaBox : IGrainWithStringKey
{
    Task<IdeaBoxLive?> WatchAsync(ILiveObserver observer);

    Task UnwatchAsync(ILiveObserver observer);
}

/// <summary>
/// One tenant's feed (keyed by the tenant's slug): campaigns published, votes opened and closed, idea boxes opened.
/// The grains that make those moves publish them here one-way; it keeps the recent ones in memory only.
/// </summary>
public interface ITenantFeedGrain : IGrainWithStringKey
{
    Task<TenantFeedLive?> WatchAsync(ILiveObserver observer);

    Task UnwatchAsync(ILiveObserver observer);

    /// <summary>An item already among the recent ones (same kind and id) is not told twice.</summary>
    [Orleans.Concurrency.OneWay]
    Task PublishAsync(FeedItem item);
}

/// <summary>How long a watch lasts without being refreshed: API nodes refresh well within it.</summary>
public static class LiveWatch
{
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);
}
