using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api.Live;

/// <summary>ideaUpdated and ideaBoxUpdated over a real WebSocket: supports, state, comments and new ideas move live; hidden ideas as idea(id) shows them.</summary>
[Collection("live")]
public sealed class LiveIdeas(LiveApiFixture api)
{
    private const string IdeaUpdated =
        "subscription Live($id: ID!) { ideaUpdated(id: $id) { id boxId title state supportCount commentCount hidden } }";

    private const string BoxUpdated = "subscription Live($id: ID!) { ideaBoxUpdated(id: $id) { id isOpen ideaCount newestIdeaId } }";

    private async Task<(string Tenant, string Box)> BoxAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!;
        return (tenant, box["id"]!.GetValue<string>());
    }

    private async Task<string> SubmitAsync(string tenant, string box, string author, string title = "Des arbres rue Pasteur")
    {
        using var member = api.Member(tenant, author);
        return (await member.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea(title) }))["submitIdea"]!["id"]!.GetValue<string>();
    }

    private static JsonNode Next(JsonNode? message)
    {
        Assert.True(message?["type"]?.GetValue<string>() == "next", $"expected next, got {message?.ToJsonString() ?? "a close"}");
        return message!;
    }

    private static JsonNode Figures(JsonNode? message, string field) => Next(message)["payload"]!["data"]![field]!;

    /// <summary>Reads pushes until one satisfies <paramref name="until"/> (each read waits at most the socket's patience).</summary>
    private static async Task<JsonNode> UntilAsync(LiveSocket live, string field, Func<JsonNode, bool> until)
    {
        while (true)
        {
            var figures = Figures(await live.ReceiveAsync(), field);
            if (until(figures))
            {
                return figures;
            }
        }
    }

    [Fact]
    public async Task An_idea_s_supports_comments_and_state_move_live_current_value_first()
    {
        var (tenant, box) = await BoxAsync();
        var idea = await SubmitAsync(tenant, box, "author");
        using (var early = api.Member(tenant, "early"))
        {
            await early.OkAsync(IdeaDocuments.Support, new { id = idea });
        }

        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "watcher", Role.Member));
        await live.SubscribeAsync("i", IdeaUpdated, new { id = idea });
        var first = Figures(await live.ReceiveAsync(), "ideaUpdated");
        Assert.Equal(idea, first["id"]!.GetValue<string>());
        Assert.Equal(box, first["boxId"]!.GetValue<string>());
        Assert.Equal("Des arbres rue Pasteur", first["title"]!.GetValue<string>());
        Assert.Equal(("SUBMITTED", 1, 0, false),
            (first["state"]!.GetValue<string>(), first["supportCount"]!.GetValue<int>(), first["commentCount"]!.GetValue<int>(), first["hidden"]!.GetValue<bool>()));

        await Parallel.ForEachAsync(Enumerable.Range(0, 12), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
        {
            using var member = api.Member(tenant, "supporter-" + i);
            await member.OkAsync(IdeaDocuments.Support, new { id = idea });
        });
        await UntilAsync(live, "ideaUpdated", f => f["supportCount"]!.GetValue<int>() == 13);

        using (var commenter = api.Member(tenant, "commenter"))
        {
            await commenter.OkAsync(CommentDocuments.Comment, CommentDocuments.New(idea));
        }

        var commented = await UntilAsync(live, "ideaUpdated", f => f["commentCount"]!.GetValue<int>() == 1);
        Assert.Equal(13, commented["supportCount"]!.GetValue<int>());

        using (var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator)))
        {
            await moderator.OkAsync(IdeaDocuments.Answer, new { id = idea, state = "UNDER_REVIEW", text = "Nous regardons." });
        }

        var reviewed = await UntilAsync(live, "ideaUpdated", f => f["state"]!.GetValue<string>() == "UNDER_REVIEW");
        Assert.Equal((13, 1), (reviewed["supportCount"]!.GetValue<int>(), reviewed["commentCount"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_hidden_idea_s_title_is_pushed_to_its_author_and_moderators_only()
    {
        var (tenant, box) = await BoxAsync();
        var idea = await SubmitAsync(tenant, box, "author", "Un titre à cacher");
        await using var stranger = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "stranger", Role.Member));
        await using var author = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "author", Role.Member));
        await using var moderator = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        foreach (var live in new[] { stranger, author, moderator })
        {
            await live.SubscribeAsync("i", IdeaUpdated, new { id = idea });
            Assert.Equal("Un titre à cacher", Figures(await live.ReceiveAsync(), "ideaUpdated")["title"]!.GetValue<string>());
        }

        using (var mod = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator)))
        {
            var hidden = (await mod.OkAsync(ModerationDocuments.Moderate, new { kind = "IDEA", id = idea, act = "HIDE", reason = "Hors sujet" }))["moderateContent"]!;
            Assert.True(hidden["hidden"]!.GetValue<bool>());
        }

        var seen = await UntilAsync(stranger, "ideaUpdated", f => f["hidden"]!.GetValue<bool>());
        Assert.Equal("", seen["title"]!.GetValue<string>());
        Assert.Equal("Un titre à cacher", (await UntilAsync(author, "ideaUpdated", f => f["hidden"]!.GetValue<bool>()))["title"]!.GetValue<string>());
        Assert.Equal("Un titre à cacher", (await UntilAsync(moderator, "ideaUpdated", f => f["hidden"]!.GetValue<bool>()))["title"]!.GetValue<string>());

        // A subscriber who joins after the hiding gets the blanked title first, as idea(id) would show it.
        await using var late = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "late", Role.Member));
        await late.SubscribeAsync("i", IdeaUpdated, new { id = idea });
        var current = Figures(await late.ReceiveAsync(), "ideaUpdated");
        Assert.Equal((true, ""), (current["hidden"]!.GetValue<bool>(), current["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_box_pushes_its_new_ideas_and_count()
    {
        var (tenant, box) = await BoxAsync();
        await SubmitAsync(tenant, box, "alice", "Une fontaine au parc");
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, token: null);
        await live.SubscribeAsync("b", BoxUpdated, new { id = box });
        var first = Figures(await live.ReceiveAsync(), "ideaBoxUpdated");
        Assert.Equal((box, true, 1), (first["id"]!.GetValue<string>(), first["isOpen"]!.GetValue<bool>(), first["ideaCount"]!.GetValue<int>()));

        var newest = await SubmitAsync(tenant, box, "bob", "Des bancs à l'ombre");
        var moved = await UntilAsync(live, "ideaBoxUpdated", f => f["ideaCount"]!.GetValue<int>() == 2);
        Assert.Equal(newest, moved["newestIdeaId"]!.GetValue<string>());

        using (var bob = api.Member(tenant, "bob"))
        {
            await bob.OkAsync(IdeaDocuments.Withdraw, new { id = newest });
        }

        Assert.Equal(1, (await UntilAsync(live, "ideaBoxUpdated", f => f["ideaCount"]!.GetValue<int>() == 1))["ideaCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ideas_and_boxes_are_subscribed_to_on_their_own_tenant_only()
    {
        var (tenant, box) = await BoxAsync();
        var idea = await SubmitAsync(tenant, box, "alice");
        var other = await api.NewTenantAsync();
        await using var stranger = await LiveSocket.InitAsync(api.BaseAddress, other, api.Tokens.Issue(other, "alice", Role.Member));
        await stranger.SubscribeAsync("i", IdeaUpdated, new { id = idea });
        await stranger.SubscribeAsync("b", BoxUpdated, new { id = box });
        foreach (var _ in new[] { "i", "b" })
        {
            var refused = await stranger.ReceiveAsync();
            Assert.Equal("error", refused!["type"]!.GetValue<string>());
            Assert.Equal("NOT_FOUND", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        }

        await stranger.SubscribeAsync("n", IdeaUpdated, new { id = GrainKeys.NewId(IdPrefixes.Idea) });
        Assert.Equal("error", (await stranger.ReceiveAsync())!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_box_opening_later_flips_open_for_its_watchers_and_reaches_the_feed_at_its_date()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var opensAt = api.Now.AddSeconds(2);
        var input = new
        {
            title = "Budget des écoles",
            brief = "Vos idées pour les écoles",
            opensAt = opensAt.ToString("O"),
            closesAt = opensAt.AddDays(30).ToString("O"),
            categories = new[] { "Écoles" },
        };
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, new { input }))["createIdeaBox"]!["id"]!.GetValue<string>();

        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "watcher", Role.Member));
        await live.SubscribeAsync("b", BoxUpdated, new { id = box });
        await live.SubscribeAsync("f", "subscription { tenantFeed { items { kind id at } } }");
        JsonNode next;
        var before = (Box: (JsonNode?)null, Feed: (JsonNode?)null);
        while (before.Box is null || before.Feed is null)
        {
            next = Next(await live.ReceiveAsync());
            if (next["id"]!.GetValue<string>() == "b")
            {
                before.Box ??= next["payload"]!["data"]!["ideaBoxUpdated"];
            }
            else
            {
                before.Feed ??= next["payload"]!["data"]!["tenantFeed"]!["items"];
            }
        }

        // Before its date: shut, and not in the feed.
        Assert.False(before.Box["isOpen"]!.GetValue<bool>());
        Assert.DoesNotContain(before.Feed.AsArray(), i => i!["id"]!.GetValue<string>() == box);

        // At its date, with no call to the box: both move.
        var opened = (Box: false, Feed: (JsonNode?)null);
        while (!opened.Box || opened.Feed is null)
        {
            next = Next(await live.ReceiveAsync());
            if (next["id"]!.GetValue<string>() == "b")
            {
                opened.Box |= next["payload"]!["data"]!["ideaBoxUpdated"]!["isOpen"]!.GetValue<bool>();
            }
            else
            {
                opened.Feed ??= next["payload"]!["data"]!["tenantFeed"]!["items"]!.AsArray()
                    .FirstOrDefault(i => i!["id"]!.GetValue<string>() == box);
            }
        }

        Assert.True(api.Now >= opensAt);
        Assert.Equal("IDEA_BOX_OPENED", opened.Feed["kind"]!.GetValue<string>());
        Assert.Equal(opensAt, DateTimeOffset.Parse(opened.Feed["at"]!.GetValue<string>()), TimeSpan.FromMilliseconds(1));
    }
}
