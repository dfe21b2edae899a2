using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using Civic.Tests.Security;

namespace Civic.Tests.Api;

/// <summary>
/// A campaign owner's updates to backers (issue 13): the owner posts once the campaign is published, and after its end;
/// every backer is told once by a notification; everyone who sees the campaign reads them newest first, a page at a
/// time; the author edits (earlier versions kept), the author or a moderator deletes. Every refusal has its code and
/// writes nothing; a day's updates per campaign are bounded.
/// </summary>
[Collection("api-clock")]
public sealed class CampaignUpdatesApi(ClockedApiFixture api)
{
    private GraphQLClient Moderator(string tenant) => api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));

    /// <summary>A live donation campaign of bob's, published by the tenant's admin, ending at <paramref name="endsAt"/>.</summary>
    private async Task<string> LiveCampaignAsync(string tenant, DateTimeOffset? endsAt = null, long goal = 100_000)
    {
        using var bob = api.Member(tenant, "bob");
        var id = (await bob.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: goal, endsAt: endsAt ?? api.Now.AddDays(10))))["createCampaign"]!["id"]!.GetValue<string>();
        using var admin = api.Admin(tenant);
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return id;
    }

    private static async Task PledgeAsync(GraphQLClient member, string campaign, long amount, string key) =>
        await member.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount, idempotencyKey = key } });

    private static async Task<JsonNode> PostAsync(GraphQLClient client, string campaign, string title, string body = "Des nouvelles du chantier.") =>
        (await client.OkAsync(CampaignUpdateDocuments.Post, CampaignUpdateDocuments.New(campaign, title, body)))["postCampaignUpdate"]!;

    private static async Task<List<JsonNode>> CampaignUpdateNotesAsync(GraphQLClient member) =>
        [.. (await member.OkAsync(NotificationDocuments.Mine))["myNotifications"]!["edges"]!.AsArray()
            .Select(e => e!["node"]!).Where(n => n["kind"]!.GetValue<string>() == "campaign_update")];

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    [Fact]
    public async Task The_owner_posts_an_update_and_each_backer_is_told_once()
    {
        var tenant = await api.NewTenantAsync();
        var campaign = await LiveCampaignAsync(tenant);
        using var bob = api.Member(tenant, "bob");
        using var alice = api.Member(tenant, "alice");
        using var carol = api.Member(tenant, "carol");
        using var dave = api.Member(tenant, "dave");
        await PledgeAsync(alice, campaign, 2_000, "a1");
        await PledgeAsync(alice, campaign, 3_000, "a2");
        await PledgeAsync(carol, campaign, 1_500, "c1");
        await PledgeAsync(bob, campaign, 1_000, "b1");

        var posted = await PostAsync(bob, campaign, "Les bacs sont arrivés", "Merci à **tous** !\n\n- 12 bacs\n- 3 pelles");
        Assert.Equal((campaign, "bob", 1, false), (posted["campaignId"]!.GetValue<string>(), posted["authorId"]!.GetValue<string>(),
            posted["version"]!.GetValue<int>(), posted["deleted"]!.GetValue<bool>()));
        var html = posted["bodyHtml"]!.GetValue<string>();
        Assert.StartsWith("<p>Merci à <strong>tous</strong> !</p>", html);
        Assert.Contains("<li>12 bacs</li>", html);
        Assert.Null(posted["editedAt"]);
        Assert.Null(posted["authorName"]); // bob signs in with a development token: no account, no display name
        Assert.InRange(posted["postedAt"]!.GetValue<DateTimeOffset>(), api.Now.AddSeconds(-1), api.Now.AddSeconds(1));

        // Alice backed twice, carol once: one notification each; the owner (a backer of his own campaign too) and dave none.
        foreach (var backer in new[] { alice, carol })
        {
            var note = Assert.Single(await CampaignUpdateNotesAsync(backer));
            Assert.Equal(("CAMPAIGN", campaign, "Les bacs sont arrivés", false),
                (note["itemKind"]!.GetValue<string>(), note["itemId"]!.GetValue<string>(), note["text"]!.GetValue<string>(), note["read"]!.GetValue<bool>()));
        }

        Assert.Empty(await CampaignUpdateNotesAsync(bob));
        Assert.Empty(await CampaignUpdateNotesAsync(dave));
        Assert.Equal(2L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_notifications where tenant = @t and kind = 'campaign_update'", ("t", tenant)));

        // Everyone who sees the campaign reads it, anonymous visitors too.
        using var anonymous = api.Client(tenant, null);
        var shown = Assert.Single((await anonymous.OkAsync(CampaignUpdateDocuments.Page, new { id = campaign, first = 5 }))["campaign"]!["updates"]!["edges"]!.AsArray())!["node"]!;
        Assert.Equal((Id(posted), "Les bacs sont arrivés"), (Id(shown), shown["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Updates_are_paged_newest_first_and_the_author_edits_while_a_moderator_deletes_with_its_notifications()
    {
        var tenant = await api.NewTenantAsync();
        var campaign = await LiveCampaignAsync(tenant);
        using var bob = api.Member(tenant, "bob");
        using var reader = api.Member(tenant, "reader");
        await PledgeAsync(reader, campaign, 1_000, "r1");
        var titles = new[] { "Premier jour", "Deuxième semaine", "Troisième mois" };
        var ids = new List<string>();
        foreach (var title in titles)
        {
            ids.Add(Id(await PostAsync(bob, campaign, title)));
            api.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(3, (await CampaignUpdateNotesAsync(reader)).Count);

        var first = (await reader.OkAsync(CampaignUpdateDocuments.Page, new { id = campaign, first = 2 }))["campaign"]!["updates"]!;
        Assert.Equal(["Troisième mois", "Deuxième semaine"], first["edges"]!.AsArray().Select(e => e!["node"]!["title"]!.GetValue<string>()));
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var rest = (await reader.OkAsync(CampaignUpdateDocuments.Page,
            new { id = campaign, first = 2, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }))["campaign"]!["updates"]!;
        Assert.Equal(["Premier jour"], rest["edges"]!.AsArray().Select(e => e!["node"]!["title"]!.GetValue<string>()));
        Assert.False(rest["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal("VALIDATION", (await reader.SendAsync(CampaignUpdateDocuments.Page, new { id = campaign, first = 2, after = "bm90LWEtY3Vyc29y" })).FirstCode);
        Assert.Equal("VALIDATION", (await reader.SendAsync(CampaignUpdateDocuments.Page, new { id = campaign, first = 101 })).FirstCode);

        // The author rewrites the first: the earlier title and text stay as version 1; nobody else may.
        var edited = (await bob.OkAsync(CampaignUpdateDocuments.Edit, new { input = new { id = ids[0], title = "Premier jour (corrigé)", body = "Le *vrai* bilan." } }))["editCampaignUpdate"]!;
        Assert.Equal((2, "Premier jour (corrigé)", "<p>Le <em>vrai</em> bilan.</p>"),
            (edited["version"]!.GetValue<int>(), edited["title"]!.GetValue<string>(), edited["bodyHtml"]!.GetValue<string>()));
        Assert.InRange(edited["editedAt"]!.GetValue<DateTimeOffset>(), api.Now.AddSeconds(-1), api.Now.AddSeconds(1));
        var version = Assert.Single(edited["versions"]!.AsArray())!;
        Assert.Equal((1, "Premier jour", "Des nouvelles du chantier."), (version["version"]!.GetValue<int>(), version["title"]!.GetValue<string>(), version["body"]!.GetValue<string>()));
        using var moderator = Moderator(tenant);
        var other = new { input = new { id = ids[1], title = "Piraté", body = "Piraté" } };
        Assert.Equal("FORBIDDEN", (await reader.SendAsync(CampaignUpdateDocuments.Edit, other)).FirstCode);
        Assert.Equal("FORBIDDEN", (await moderator.SendAsync(CampaignUpdateDocuments.Edit, other)).FirstCode);
        Assert.Equal("CAMPAIGN_UPDATE_TITLE_INVALID", (await bob.SendAsync(CampaignUpdateDocuments.Edit, new { input = new { id = ids[1], title = "", body = "x" } })).FirstCode);
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(CampaignUpdateDocuments.Edit, new { input = new { id = "cu_00000000000000000", title = "x", body = "x" } })).FirstCode);

        // A member may not delete the owner's update; a moderator may: it leaves the page, and is not edited any more.
        Assert.Equal("FORBIDDEN", (await reader.SendAsync(CampaignUpdateDocuments.Delete, new { id = ids[1] })).FirstCode);
        Assert.True((await moderator.OkAsync(CampaignUpdateDocuments.Delete, new { id = ids[1] }))["deleteCampaignUpdate"]!["deleted"]!.GetValue<bool>());
        Assert.True((await moderator.OkAsync(CampaignUpdateDocuments.Delete, new { id = ids[1] }))["deleteCampaignUpdate"]!["deleted"]!.GetValue<bool>());
        Assert.Equal("INVALID_TRANSITION", (await bob.SendAsync(CampaignUpdateDocuments.Edit, new { input = new { id = ids[1], title = "Retour", body = "Retour" } })).FirstCode);
        Assert.Equal(["Troisième mois", "Premier jour"], (await CampaignUpdateNotesAsync(reader)).Select(n => n["text"]!.GetValue<string>()));
        var page = (await reader.OkAsync(CampaignUpdateDocuments.Page, new { id = campaign, first = 10 }))["campaign"]!["updates"]!["edges"]!.AsArray();
        Assert.Equal(["Troisième mois", "Premier jour (corrigé)"], page.Select(e => e!["node"]!["title"]!.GetValue<string>()));
        Assert.Equal("bob", await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select author_id from civic_campaign_updates where update_id = @id and deleted_by = 'mod'", ("id", ids[1])));
    }

    [Fact]
    public async Task Refusals_have_their_codes_and_write_nothing()
    {
        var tenant = await api.NewTenantAsync();
        var campaign = await LiveCampaignAsync(tenant);
        using var bob = api.Member(tenant, "bob");
        using var alice = api.Member(tenant, "alice");
        await PledgeAsync(alice, campaign, 2_000, "a1");
        var draft = (await bob.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: api.Now.AddDays(10))))["createCampaign"]!["id"]!.GetValue<string>();
        var submitted = (await bob.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: api.Now.AddDays(10))))["createCampaign"]!["id"]!.GetValue<string>();
        await bob.OkAsync(Documents.SubmitCampaign, new { id = submitted });
        var other = await api.NewTenantAsync();
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        async Task Refused(string code, GraphQLClient client, string campaignId, string title = "Des nouvelles", string body = "Tout va bien.")
        {
            var result = await client.SendAsync(CampaignUpdateDocuments.Post, CampaignUpdateDocuments.New(campaignId, title, body));
            Assert.True(code == result.FirstCode, $"expected {code}: {result.Body}");
            Assert.Null(result.Data?["postCampaignUpdate"]);
        }

        using var anonymous = api.Client(tenant, null);
        using var moderator = Moderator(tenant);
        using var admin = api.Admin(tenant);
        using var operatorClient = api.Client(tenant, api.Tokens.Issue(tenant, "root", Role.Operator));
        await Refused("UNAUTHENTICATED", anonymous, campaign);
        await Refused("FORBIDDEN", alice, campaign);                  // a backer, not the owner
        await Refused("FORBIDDEN", moderator, campaign);              // moderators delete abusive updates; they do not post
        await Refused("FORBIDDEN", admin, campaign);
        await Refused("FORBIDDEN", operatorClient, campaign);
        await Refused("CAMPAIGN_NOT_PUBLIC", bob, draft);
        await Refused("CAMPAIGN_NOT_PUBLIC", bob, submitted);
        await Refused("NOT_FOUND", alice, draft);                     // someone else's draft is no campaign to her
        await Refused("NOT_FOUND", bob, "cp_00000000000000000");
        await Refused("NOT_FOUND", bob, "not-a-campaign");
        await Refused("CAMPAIGN_UPDATE_TITLE_INVALID", bob, campaign, title: "");
        await Refused("CAMPAIGN_UPDATE_TITLE_INVALID", bob, campaign, title: "   ");
        await Refused("CAMPAIGN_UPDATE_TITLE_INVALID", bob, campaign, title: new string('t', 151));
        await Refused("CAMPAIGN_UPDATE_TITLE_INVALID", bob, campaign, title: "Deux\nlignes");
        await Refused("CAMPAIGN_UPDATE_BODY_INVALID", bob, campaign, body: "");
        await Refused("CAMPAIGN_UPDATE_BODY_INVALID", bob, campaign, body: new string('b', 10_001));
        await Refused("CAMPAIGN_UPDATE_BODY_INVALID", bob, campaign, body: "NUL \0 ici");

        // Another tenant: its own bob has no such campaign, and a token of this tenant is refused on the other's site.
        using var stranger = api.Member(other, "bob");
        await Refused("NOT_FOUND", stranger, campaign);
        using var foreignToken = api.Client(tenant, api.Tokens.Issue(other, "bob", Role.Member));
        await Refused("FORBIDDEN", foreignToken, campaign);
        Assert.Null((await stranger.OkAsync(CampaignUpdateDocuments.Page, new { id = campaign, first = 5 }))["campaign"]);

        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "every post was refused");
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_campaign_updates where tenant = @t or tenant = @o", ("t", tenant), ("o", other)));

        // Exactly at the limits it is taken.
        var longest = await PostAsync(bob, campaign, new string('t', 150), new string('b', 10_000));
        Assert.Equal(150, longest["title"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task A_campaign_takes_ten_updates_a_day_and_more_the_next_day()
    {
        var tenant = await api.NewTenantAsync();
        var campaign = await LiveCampaignAsync(tenant, endsAt: api.Now.AddDays(10));
        using var bob = api.Member(tenant, "bob");
        var first = "";
        for (var i = 1; i <= 10; i++)
        {
            var id = Id(await PostAsync(bob, campaign, $"Nouvelle {i}"));
            first = i == 1 ? id : first;
        }

        // Edits and deletes are not posts: they neither count nor free a slot.
        await bob.OkAsync(CampaignUpdateDocuments.Edit, new { input = new { id = first, title = "Nouvelle 1 bis", body = "Corrigée." } });
        await bob.OkAsync(CampaignUpdateDocuments.Delete, new { id = first });
        var refused = await bob.SendAsync(CampaignUpdateDocuments.Post, CampaignUpdateDocuments.New(campaign, "Onzième", "Trop."));
        Assert.Equal("QUOTA_EXCEEDED", refused.FirstCode);
        Assert.Contains("CampaignUpdatesPerCampaignPerDay", refused.Body);
        Assert.Equal(10L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_campaign_updates where tenant = @t", ("t", tenant)));

        // The quota is the campaign's: another campaign of the owner takes updates the same day.
        var second = await LiveCampaignAsync(tenant, endsAt: api.Now.AddDays(10));
        await PostAsync(bob, second, "Autre campagne");

        var tomorrow = new DateTimeOffset(api.Now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        api.AdvancePast(tomorrow);
        Assert.Equal("Onzième", (await PostAsync(bob, campaign, "Onzième"))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_owner_tells_backers_what_became_of_the_money_after_the_end()
    {
        var tenant = await api.NewTenantAsync();
        var endsAt = api.Now.AddHours(1);
        var campaign = await LiveCampaignAsync(tenant, endsAt: endsAt, goal: 1_000);
        using var alice = api.Member(tenant, "alice");
        await PledgeAsync(alice, campaign, 1_000, "a1");
        using var bob = api.Member(tenant, "bob");
        await api.EventuallyAfterAsync(endsAt,
            async () => (await bob.OkAsync("query($id: ID!) { campaign(id: $id) { status } }", new { id = campaign }))["campaign"]!["status"]!.GetValue<string>(),
            status => status is "SUCCEEDED" or "PAID_OUT", "the campaign to succeed (and be paid out)");

        await PostAsync(bob, campaign, "Les bacs sont achetés", "Voici la facture.");
        Assert.Equal("Les bacs sont achetés", Assert.Single(await CampaignUpdateNotesAsync(alice))["text"]!.GetValue<string>());
    }
}

/// <summary>The GraphQL documents of campaign updates the tests send.</summary>
public static class CampaignUpdateDocuments
{
    private const string Fields = "id campaignId authorId authorName title body bodyHtml version postedAt editedAt deleted versions { version title body replacedAt }";

    public const string Post = $$"""
        mutation($input: PostCampaignUpdateInput!) { postCampaignUpdate(input: $input) { {{Fields}} } }
        """;

    public const string Edit = $$"""
        mutation($input: EditCampaignUpdateInput!) { editCampaignUpdate(input: $input) { {{Fields}} } }
        """;

    public const string Delete = "mutation($id: ID!) { deleteCampaignUpdate(id: $id) { id deleted } }";

    public const string Page = $$"""
        query($id: ID!, $first: Int, $after: String) {
          campaign(id: $id) { updates(first: $first, after: $after) { edges { cursor node { {{Fields}} } } pageInfo { hasNextPage endCursor } } }
        }
        """;

    public static object New(string campaignId, string title, string body) => new { input = new { campaignId, title, body } };
}
