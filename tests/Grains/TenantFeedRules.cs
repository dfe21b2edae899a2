using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Live;

namespace Civic.Tests.Grains;

/// <summary>How the tenant's feed keeps its recent items: by date, each move once, whether told live or read back.</summary>
public sealed class TenantFeedRules
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static FeedItem Item(string id, int minutes, FeedKind kind = FeedKind.VoteOpened) =>
        new(kind, id, "title " + id, T0.AddMinutes(minutes), ModeratorsOnly: false);

    [Fact]
    public void An_item_takes_its_place_by_date_and_one_told_again_changes_nothing()
    {
        var feed = TenantFeed.Add(TenantFeed.Add([], Item("a", 1)), Item("c", 3));
        feed = TenantFeed.Add(feed, Item("b", 2)); // told late (a one-way call overtaken)
        Assert.Equal(["c", "b", "a"], feed.Select(i => i.Id));
        Assert.Equal(feed, TenantFeed.Add(feed, Item("b", 2)));
        Assert.Equal(["c", "b", "a", "b"], TenantFeed.Add(feed, Item("b", 0, FeedKind.VoteClosed)).Select(i => i.Id));
    }

    [Fact]
    public void Items_of_one_instant_keep_the_order_they_were_told_in_newest_first()
    {
        var feed = new[] { "first", "second", "third" }.Aggregate(ImmutableArray<FeedItem>.Empty, (f, id) => TenantFeed.Add(f, Item(id, 0)));
        Assert.Equal(["third", "second", "first"], feed.Select(i => i.Id));
    }

    [Fact]
    public void A_full_feed_keeps_the_newest_and_does_not_take_back_an_older_move()
    {
        var feed = TenantFeed.Rebuild(Enumerable.Range(0, TenantFeedLive.Size + 5).Select(n => Item("v" + n, n)));
        Assert.Equal(TenantFeedLive.Size, feed.Length);
        Assert.Equal("v" + (TenantFeedLive.Size + 4), feed[0].Id);
        Assert.Equal("v5", feed[^1].Id);
        Assert.Equal(feed, TenantFeed.Add(feed, Item("v2", 2)));
        Assert.Equal("late", TenantFeed.Add(feed, Item("late", 6))[^2].Id);
    }

    [Fact]
    public void The_catalog_tells_publications_submissions_openings_and_closes_once_each()
    {
        var history = ImmutableArray.Create(
            new CampaignStatusChange(CampaignStatus.Draft, CampaignStatus.Draft, "owner", T0, "created"),
            new CampaignStatusChange(CampaignStatus.Draft, CampaignStatus.Submitted, "owner", T0.AddMinutes(1), null),
            new CampaignStatusChange(CampaignStatus.Submitted, CampaignStatus.ChangesRequested, "mod", T0.AddMinutes(2), "photos"),
            new CampaignStatusChange(CampaignStatus.ChangesRequested, CampaignStatus.Submitted, "owner", T0.AddMinutes(3), null),
            new CampaignStatusChange(CampaignStatus.Submitted, CampaignStatus.Approved, "mod", T0.AddMinutes(4), null));
        var campaign = Listing("c1", campaign: true) with { History = history };
        var open = Listing("v1", vote: VoteStatus.Open, opens: 5, closes: 60);
        var closed = Listing("v2", vote: VoteStatus.Closed, opens: 6, closes: 90);
        closed = closed with { Vote = closed.Vote! with { Results = new VoteResults([], 0, 0, T0.AddMinutes(7)) } }; // closed early
        var draft = Listing("v3", vote: VoteStatus.Draft, opens: 90, closes: 120);

        var moves = TenantFeed.FromCatalog([campaign, open, closed, draft], T0.AddMinutes(30), 10).ToList();

        Assert.Equal(
            [(FeedKind.VoteClosed, "v2"), (FeedKind.VoteOpened, "v2"), (FeedKind.VoteOpened, "v1"), (FeedKind.CampaignPublished, "c1"), (FeedKind.CampaignSubmitted, "c1")],
            moves.Select(m => (m.Kind, m.Id)));
        Assert.Equal(T0.AddMinutes(1), moves.Single(m => m.Kind == FeedKind.CampaignSubmitted).At); // the first submission
        Assert.Equal(T0.AddMinutes(7), moves.Single(m => m.Kind == FeedKind.VoteClosed).At);
        Assert.True(moves.Single(m => m.Kind == FeedKind.CampaignSubmitted).ModeratorsOnly);
        Assert.Equal(2, TenantFeed.FromCatalog([campaign, open, closed, draft], T0.AddMinutes(30), 2).Count());
    }

    private static CatalogListing Listing(string id, bool campaign = false, VoteStatus? vote = null, int opens = 0, int closes = 0) =>
        new(campaign ? CatalogKind.Campaign : CatalogKind.Vote, id, T0, Public: true,
            campaign
                ? new CampaignSummary(id, "title " + id, "", CampaignStatus.Live, FinancingMode.Donation, FundingRule.KeepItAll,
                    new Money(100, "EUR"), new Money(0, "EUR"), 0, 0, T0, T0.AddDays(30), 1, 100, "owner", T0)
                : null,
            vote is { } status
                ? new VoteSummary(id, "title " + id, status, BallotType.ChooseOne, 1, 1, [], null, 0, T0.AddMinutes(opens), T0.AddMinutes(closes), null, false)
                : null);
}
