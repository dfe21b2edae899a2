using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Live;

/// <summary>
/// One tenant's feed: the recent items (newest first, at most <see cref="TenantFeedLive.Size"/>), in memory only
/// (a reactivated feed starts empty: it tells what happens from then on, the lists tell what exists), pushed to
/// the watching API nodes by a <see cref="LivePublisher{T}"/>. Items come one-way from the grains that make the
/// moves, a few a day: no hot path goes through it.
/// </summary>
public sealed class TenantFeedGrain(DomainClock time) : Grain, ITenantFeedGrain
{
    private ImmutableArray<FeedItem> _recent = [];
    private LivePublisher<TenantFeedLive>? _live;

    private LivePublisher<TenantFeedLive> Live => _live ??= new(
        () => new TenantFeedLive(_recent),
        (a, b) => a.Recent.SequenceEqual(b.Recent),
        (observer, feed) => observer.TenantFeedUpdatedAsync(this.GetPrimaryKeyString(), feed),
        (flush, due) => this.RegisterGrainTimer(flush, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)),
        time.GetUtcNow);

    public Task<TenantFeedLive?> WatchAsync(ILiveObserver observer) => Task.FromResult(Live.Watch(observer));

    public Task UnwatchAsync(ILiveObserver observer)
    {
        Live.Unwatch(observer);
        return Task.CompletedTask;
    }

    public Task PublishAsync(FeedItem item)
    {
        _recent = TenantFeed.Add(_recent, item);
        _live?.Changed();
        return Task.CompletedTask;
    }
}

/// <summary>The feed's rules: which moves are told, to whom, and how the recent items are kept.</summary>
public static class TenantFeed
{
    /// <summary>The item first; one already there (same kind and id: an interleaved call saw the same move) is not told twice.</summary>
    public static ImmutableArray<FeedItem> Add(ImmutableArray<FeedItem> recent, FeedItem item) =>
        recent.Any(r => r.Kind == item.Kind && r.Id == item.Id)
            ? recent
            : [item, .. recent.Take(TenantFeedLive.Size - 1)];

    /// <summary>A campaign's status moved from <paramref name="before"/> (null: it did not exist) to <paramref name="after"/>.</summary>
    public static FeedItem? OfCampaign(CampaignStatus? before, CampaignStatus after, string id, string title, DateTimeOffset at)
    {
        var wasPublic = before is { } b && Campaigns.CampaignViews.IsPublic(b);
        if (Campaigns.CampaignViews.IsPublic(after) && !wasPublic)
        {
            return new FeedItem(FeedKind.CampaignPublished, id, title, at, ModeratorsOnly: false);
        }

        return after == CampaignStatus.Submitted ? new FeedItem(FeedKind.CampaignSubmitted, id, title, at, ModeratorsOnly: true) : null;
    }

    /// <summary>A vote's status moved: its opening and its close are told (a draft is not).</summary>
    public static FeedItem? OfVote(VoteStatus after, string id, string title, DateTimeOffset at) => after switch
    {
        VoteStatus.Open => new FeedItem(FeedKind.VoteOpened, id, title, at, ModeratorsOnly: false),
        VoteStatus.Closed => new FeedItem(FeedKind.VoteClosed, id, title, at, ModeratorsOnly: false),
        _ => null,
    };

    /// <summary>Tells the tenant's feed one-way; a feed that cannot be reached loses the item, never the move.</summary>
    public static void Publish(IGrainFactory grains, string tenant, FeedItem? item)
    {
        if (item is not null)
        {
            _ = grains.GetGrain<ITenantFeedGrain>(tenant).PublishAsync(item);
        }
    }
}
