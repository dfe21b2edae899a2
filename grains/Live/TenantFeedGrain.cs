using System.Collections.Immutable;
using Civic.Grains.Faults;
using Civic.Grains.Ideas;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Live;

/// <summary>
/// One tenant's feed: the recent items (newest first, at most <see cref="TenantFeedLive.Size"/>), pushed to the
/// watching API nodes by a <see cref="LivePublisher{T}"/>. Items come one-way from the grains that make the moves,
/// a few a day: no hot path goes through it. The items are not stored apart: an activation rebuilds them from what
/// is durable (the tenant's catalog keeps each campaign's status changes and each vote's dates, the idea boxes
/// table their openings), so a feed reactivated after a silo failure or an idle spell still shows what happened.
/// </summary>
public sealed class TenantFeedGrain(IdeaStore ideas, DomainClock time) : CivicGrain, ITenantFeedGrain
{
    private ImmutableArray<FeedItem> _recent = [];
    private LivePublisher<TenantFeedLive>? _live;

    protected override async Task ActivateAsync(CancellationToken cancellationToken)
    {
        var tenant = this.GetPrimaryKeyString();
        var now = time.GetUtcNow();
        var moves = await GrainFactory.GetGrain<ITenantGrain>(tenant).RecentMovesAsync(TenantFeedLive.Size);
        var boxes = await ideas.OpenedBoxesAsync(tenant, now, TenantFeedLive.Size);
        _recent = TenantFeed.Rebuild([.. moves, .. boxes]);
    }

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
    /// <summary>
    /// The item in its place by date, newest first (before those of the same instant: it came after them). One already
    /// there (same kind and id: an interleaved call saw the same move, or the rebuilt feed holds it) is not told twice,
    /// and one older than every item of a full feed is not told at all, so telling a move again changes nothing.
    /// </summary>
    public static ImmutableArray<FeedItem> Add(ImmutableArray<FeedItem> recent, FeedItem item)
    {
        if (recent.Any(r => r.Kind == item.Kind && r.Id == item.Id))
        {
            return recent;
        }

        var at = 0;
        while (at < recent.Length && recent[at].At > item.At)
        {
            at++;
        }

        return at >= TenantFeedLive.Size ? recent : [.. recent.Insert(at, item).Take(TenantFeedLive.Size)];
    }

    /// <summary>The feed from moves read back from durable state, in any order: the newest ones, each told once.</summary>
    public static ImmutableArray<FeedItem> Rebuild(IEnumerable<FeedItem> moves) =>
        moves.OrderBy(m => m.At).Aggregate(ImmutableArray<FeedItem>.Empty, Add);

    /// <summary>
    /// The moves a tenant's catalog still tells: each campaign's status changes (as <see cref="OfCampaign"/> told them)
    /// and each vote's opening and close, each once, at most <paramref name="count"/> of them, newest first.
    /// </summary>
    public static IEnumerable<FeedItem> FromCatalog(IEnumerable<CatalogListing> listings, DateTimeOffset now, int count) =>
        listings.SelectMany(listing => listing switch
            {
                { Campaign: { } campaign, History.IsDefault: false } => listing.History
                    .Select(change => OfCampaign(change.From, change.To, campaign.Id, campaign.Title, change.At)),
                { Vote: { Status: VoteStatus.Open or VoteStatus.Closed } vote } =>
                [
                    OfVote(VoteStatus.Open, vote.Id, vote.Title, vote.OpensAt),
                    vote.Status == VoteStatus.Closed ? OfVote(VoteStatus.Closed, vote.Id, vote.Title, ClosedAt(vote, now)) : null,
                ],
                _ => [],
            })
            .OfType<FeedItem>()
            .GroupBy(m => (m.Kind, m.Id))
            .Select(told => told.MinBy(m => m.At)!) // a campaign submitted again was told once, the first time
            .OrderByDescending(m => m.At)
            .Take(count);

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

    /// <summary>When a closed vote closed: its results are counted at the close (an admin may close it before its date).</summary>
    private static DateTimeOffset ClosedAt(VoteSummary vote, DateTimeOffset now) =>
        vote.Results?.ComputedAt ?? (vote.ClosesAt < now ? vote.ClosesAt : now);

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
