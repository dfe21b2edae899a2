using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api.Live;

/// <summary>tenantFeed over a real WebSocket: campaigns published, votes opened and closed, idea boxes opened; submissions for moderators only.</summary>
[Collection("live")]
public sealed class LiveTenantFeed(LiveApiFixture api)
{
    private const string TenantFeed = "subscription { tenantFeed { items { kind id title at } } }";

    private static List<(string Kind, string Id)> Items(JsonNode? message)
    {
        Assert.True(message?["type"]?.GetValue<string>() == "next", $"expected next, got {message?.ToJsonString() ?? "a close"}");
        return [.. message!["payload"]!["data"]!["tenantFeed"]!["items"]!.AsArray()
            .Select(i => (i!["kind"]!.GetValue<string>(), i["id"]!.GetValue<string>()))];
    }

    private static async Task<List<(string Kind, string Id)>> UntilAsync(LiveSocket live, string kind, string id)
    {
        while (true)
        {
            var items = Items(await live.ReceiveAsync());
            if (items.Contains((kind, id)))
            {
                return items;
            }
        }
    }

    [Fact]
    public async Task Members_see_what_was_published_opened_and_closed_moderators_also_what_was_submitted()
    {
        var tenant = await api.NewTenantAsync();
        var other = await api.NewTenantAsync();
        await using var member = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "alice", Role.Member));
        await using var moderator = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        await using var elsewhere = await LiveSocket.InitAsync(api.BaseAddress, other, api.Tokens.Issue(other, "alice", Role.Member));
        foreach (var live in new[] { member, moderator, elsewhere })
        {
            await live.SubscribeAsync("f", TenantFeed);
            Assert.Empty(Items(await live.ReceiveAsync()));
        }

        using var admin = api.Admin(tenant);
        var published = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = published });
        await UntilAsync(member, "CAMPAIGN_PUBLISHED", published);
        await UntilAsync(moderator, "CAMPAIGN_PUBLISHED", published);

        using var owner = api.Member(tenant, "owner");
        var submitted = (await owner.OkAsync(Documents.CreateCampaignId, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await owner.OkAsync(Documents.SubmitCampaign, new { id = submitted });
        await UntilAsync(moderator, "CAMPAIGN_SUBMITTED", submitted);

        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();
        var seen = await UntilAsync(member, "VOTE_OPENED", vote);
        Assert.DoesNotContain(("CAMPAIGN_SUBMITTED", submitted), seen); // the feed's push came, without what campaign(id) hides from a member

        await admin.OkAsync(Documents.CloseVote, new { id = vote });
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        var last = await UntilAsync(member, "IDEA_BOX_OPENED", box);
        Assert.Equal(
            [("IDEA_BOX_OPENED", box), ("VOTE_CLOSED", vote), ("VOTE_OPENED", vote), ("CAMPAIGN_PUBLISHED", published)],
            last.Take(4).ToList());
        var all = await UntilAsync(moderator, "IDEA_BOX_OPENED", box);
        Assert.Contains(("CAMPAIGN_SUBMITTED", submitted), all);

        // The other tenant's feed heard none of it: its next push is what happens there.
        using var otherAdmin = api.Admin(other);
        var theirs = (await otherAdmin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();
        Assert.Equal([("VOTE_OPENED", theirs)], await UntilAsync(elsewhere, "VOTE_OPENED", theirs));
    }

    [Fact]
    public async Task A_feed_its_silo_let_go_of_rebuilds_what_happened_from_durable_state()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var published = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = published });
        using var owner = api.Member(tenant, "owner");
        var submitted = (await owner.OkAsync(Documents.CreateCampaignId, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await owner.OkAsync(Documents.SubmitCampaign, new { id = submitted });
        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.CloseVote, new { id = vote });
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();

        await using var watcher = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "alice", Role.Member));
        await watcher.SubscribeAsync("f", TenantFeed);
        var told = await UntilAsync(watcher, "IDEA_BOX_OPENED", box);
        await watcher.SendAsync(new { id = "f", type = "complete" });

        // Every idle activation goes, the feed's too (as after a silo failure): what a new watcher gets is read back.
        await api.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await using var member = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "bob", Role.Member));
        await using var moderator = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        await member.SubscribeAsync("f", TenantFeed);
        await moderator.SubscribeAsync("f", TenantFeed);
        var rebuilt = Items(await member.ReceiveAsync());
        Assert.Equal([("IDEA_BOX_OPENED", box), ("VOTE_CLOSED", vote), ("VOTE_OPENED", vote), ("CAMPAIGN_PUBLISHED", published)], rebuilt);
        Assert.Equal(told, rebuilt);
        Assert.Equal(
            [("IDEA_BOX_OPENED", box), ("VOTE_CLOSED", vote), ("VOTE_OPENED", vote), ("CAMPAIGN_SUBMITTED", submitted), ("CAMPAIGN_PUBLISHED", published)],
            Items(await moderator.ReceiveAsync()));
    }
}
