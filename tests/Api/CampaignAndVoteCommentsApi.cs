using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// Comments on campaigns and on vote projects (issue 11: "reusable for campaigns and vote projects"): the threads of
/// ideas (three levels, stance, votes, edits, soft delete, pages, quota, reports), on items that take them only once
/// they are public to the member, and never across tenants.
/// </summary>
[Collection("api-clock")]
public sealed class CampaignAndVoteCommentsApi(ClockedApiFixture api)
{
    private GraphQLClient Moderator(string tenant) => api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));

    /// <summary>A live donation campaign of bob's, published by the tenant's admin.</summary>
    private async Task<string> LiveCampaignAsync(string tenant)
    {
        using var bob = api.Member(tenant, "bob");
        var id = (await bob.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: api.Now.AddDays(10))))["createCampaign"]!["id"]!.GetValue<string>();
        using var admin = api.Admin(tenant);
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return id;
    }

    private async Task<(string Vote, string Option, string Other)> OpenVoteAsync(string tenant)
    {
        using var admin = api.Admin(tenant);
        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote(closesAt: api.Now.AddDays(7))))["createVote"]!;
        Assert.Equal("OPEN", vote["status"]!.GetValue<string>());
        return (vote["id"]!.GetValue<string>(), vote["options"]![0]!["id"]!.GetValue<string>(), vote["options"]![1]!["id"]!.GetValue<string>());
    }

    private const string OneOption = """
        query($vote: ID!, $option: ID!) { voteOption(voteId: $vote, optionId: $option) { id voteId comments { edges { node { id } } } } }
        """;

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private Task<long> CommentRowsAsync(string tenant) =>
        PostgresServerFixture.ScalarAsync<long>(api.ConnectionString, "select count(*) from civic_comments where tenant = @t", ("t", tenant));

    [Fact]
    public async Task A_published_campaign_takes_threads_three_levels_deep_with_votes_edits_and_deletes()
    {
        var tenant = await api.NewTenantAsync();
        var campaign = await LiveCampaignAsync(tenant);
        using var alice = api.Member(tenant, "alice");
        using var carol = api.Member(tenant, "carol");

        var top = (await alice.OkAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign, "J'y crois **fort**.")))["commentCampaign"]!;
        Assert.Equal(("campaign", campaign, 1, "FOR"), (top["itemKind"]!.GetValue<string>(), top["itemId"]!.GetValue<string>(),
            top["depth"]!.GetValue<int>(), top["stance"]!.GetValue<string>()));
        Assert.Equal("<p>J'y crois <strong>fort</strong>.</p>", top["bodyHtml"]!.GetValue<string>());
        var reply = (await carol.OkAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign, "Pas moi.", "AGAINST", Id(top))))["commentCampaign"]!;
        var third = (await alice.OkAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign, "Pourquoi ?", "NEUTRAL", Id(reply))))["commentCampaign"]!;
        Assert.Equal(3, third["depth"]!.GetValue<int>());
        Assert.Equal("VALIDATION", (await carol.SendAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign, "Trop profond.", parentId: Id(third)))).FirstCode);
        Assert.Equal("VALIDATION", (await carol.SendAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign, new string('a', 1_001)))).FirstCode);

        // Votes: one per member, not on one's own.
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(CommentDocuments.Vote, new { id = Id(top), vote = "UP" })).FirstCode);
        Assert.Equal(1, (await carol.OkAsync(CommentDocuments.Vote, new { id = Id(top), vote = "UP" }))["voteComment"]!["ups"]!.GetValue<int>());
        Assert.Equal("ALREADY_VOTED", (await carol.SendAsync(CommentDocuments.Vote, new { id = Id(top), vote = "UP" })).FirstCode);

        // Edits keep the earlier text; a delete keeps the place and the replies.
        var edited = (await carol.OkAsync(CommentDocuments.Edit, new { id = Id(reply), body = "Pas sûr." }))["editComment"]!;
        Assert.Equal("Pas moi.", edited["versions"]![0]!["body"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(CommentDocuments.Edit, new { id = Id(reply), body = "Piraté" })).FirstCode);
        Assert.True((await alice.OkAsync(CommentDocuments.Delete, new { id = Id(top) }))["deleteComment"]!["deleted"]!.GetValue<bool>());

        using var anonymous = api.Client(tenant, null);
        var thread = (await anonymous.OkAsync(CommentDocuments.CampaignComments, new { id = campaign }))["campaign"]!["comments"]!;
        var shown = Assert.Single(thread["edges"]!.AsArray())!["node"]!;
        Assert.True(shown["deleted"]!.GetValue<bool>());
        Assert.Null(shown["body"]);
        var shownReply = Assert.Single(shown["replies"]!["edges"]!.AsArray())!["node"]!;
        Assert.Equal(("Pas sûr.", 2), (shownReply["body"]!.GetValue<string>(), shownReply["version"]!.GetValue<int>()));
        Assert.Equal(Id(third), Assert.Single(shownReply["replies"]!["edges"]!.AsArray())!["node"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Drafts_and_campaigns_in_review_take_no_comments_until_they_are_published()
    {
        var tenant = await api.NewTenantAsync();
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        using var moderator = Moderator(tenant);
        var draft = (await alice.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: api.Now.AddDays(10))))["createCampaign"]!["id"]!.GetValue<string>();

        // Neither others, nor its owner, nor a moderator comment on a draft; nor on one submitted to review.
        foreach (var member in new[] { bob, alice, moderator })
        {
            Assert.Equal("NOT_FOUND", (await member.SendAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", draft))).FirstCode);
        }

        await alice.OkAsync(Documents.SubmitCampaign, new { id = draft });
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", draft))).FirstCode);
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", "cp_0000000000000000"))).FirstCode);
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", "not-an-id"))).FirstCode);
        Assert.Equal(0L, await CommentRowsAsync(tenant));
        Assert.Null((await bob.OkAsync(CommentDocuments.CampaignComments, new { id = draft }))["campaign"]);

        // Once approved (live), it takes them: the refusals left nothing behind that would stop it.
        await moderator.OkAsync(Documents.ApproveCampaign, new { id = draft });
        await bob.OkAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", draft));
        Assert.Single((await bob.OkAsync(CommentDocuments.CampaignComments, new { id = draft }))["campaign"]!["comments"]!["edges"]!.AsArray());
    }

    [Fact]
    public async Task A_votes_projects_take_comments_once_it_is_open_each_project_its_own_thread()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");

        // A vote that opens tomorrow is a draft: its projects take no comments yet.
        var draft = (await admin.OkAsync("mutation($input: CreateVoteInput!) { createVote(input: $input) { id status options { id } } }", new
        {
            input = new
            {
                title = "Brouillon", ballotType = "APPROVAL", opensAt = api.Now.AddDays(1).ToString("O"), closesAt = api.Now.AddDays(7).ToString("O"),
                options = new[] { new { title = "A", cost = 100L }, new { title = "B", cost = 100L } },
                budget = new { amount = 1_000L, currency = "EUR" },
            },
        }))["createVote"]!;
        Assert.Equal("DRAFT", draft["status"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", (await alice.SendAsync(CommentDocuments.CommentVoteOption,
            CommentDocuments.OnOption(Id(draft), Id(draft["options"]![0]!)))).FirstCode);

        var (vote, option, other) = await OpenVoteAsync(tenant);
        Assert.Equal("NOT_FOUND", (await alice.SendAsync(CommentDocuments.CommentVoteOption, CommentDocuments.OnOption(vote, "no-such-option"))).FirstCode);
        Assert.Equal(0L, await CommentRowsAsync(tenant));

        var first = (await alice.OkAsync(CommentDocuments.CommentVoteOption, CommentDocuments.OnOption(vote, option, "Indispensable.")))["commentVoteOption"]!;
        Assert.Equal(("vote-option", $"{vote}:{option}"), (first["itemKind"]!.GetValue<string>(), first["itemId"]!.GetValue<string>()));
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await bob.OkAsync(CommentDocuments.CommentVoteOption, CommentDocuments.OnOption(vote, option, "Trop cher.", "AGAINST")))["commentVoteOption"]!;
        await bob.OkAsync(CommentDocuments.CommentVoteOption, CommentDocuments.OnOption(vote, option, "Je réponds.", parentId: Id(first)));
        await bob.OkAsync(CommentDocuments.Vote, new { id = Id(first), vote = "UP" });

        // A reply names its own project's comments only.
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(CommentDocuments.CommentVoteOption, CommentDocuments.OnOption(vote, other, "Ailleurs.", parentId: Id(first)))).FirstCode);

        // NEWEST and BEST pages of the project, none on the other.
        var options = (await alice.OkAsync(CommentDocuments.VoteOptionComments, new { id = vote }))["vote"]!["options"]!.AsArray().ToDictionary(o => Id(o!), o => o!["comments"]!);
        Assert.Equal([Id(second), Id(first)], options[option]["edges"]!.AsArray().Select(e => Id(e!["node"]!)));
        Assert.Equal(1, options[option]["edges"]![1]!["node"]!["replyCount"]!.GetValue<int>());
        Assert.Empty(options[other]["edges"]!.AsArray());
        var best = (await alice.OkAsync(CommentDocuments.VoteOptionComments, new { id = vote, order = "BEST" }))["vote"]!["options"]![0]!["comments"]!;
        Assert.Equal([Id(first), Id(second)], best["edges"]!.AsArray().Select(e => Id(e!["node"]!)));
        var page = (await alice.OkAsync(CommentDocuments.VoteOptionComments, new { id = vote, first = 1 }))["vote"]!["options"]![0]!["comments"]!;
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var next = (await alice.OkAsync(CommentDocuments.VoteOptionComments, new { id = vote, first = 1, after = page["pageInfo"]!["endCursor"]!.GetValue<string>() }))["vote"]!["options"]![0]!["comments"]!;
        Assert.Equal(Id(first), Id(Assert.Single(next["edges"]!.AsArray())!["node"]!));
    }

    [Fact]
    public async Task Another_tenants_members_neither_comment_nor_read_nor_touch_the_threads()
    {
        var tenant = await api.NewTenantAsync();
        var campaign = await LiveCampaignAsync(tenant);
        var (vote, option, _) = await OpenVoteAsync(tenant);
        using var alice = api.Member(tenant, "alice");
        var onCampaign = Id((await alice.OkAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign)))["commentCampaign"]!);
        var onOption = Id((await alice.OkAsync(CommentDocuments.CommentVoteOption, CommentDocuments.OnOption(vote, option)))["commentVoteOption"]!);

        var other = await api.NewTenantAsync();
        using var stranger = api.Member(other, "bob");
        Assert.Equal("NOT_FOUND", (await stranger.SendAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign))).FirstCode);
        Assert.Equal("NOT_FOUND", (await stranger.SendAsync(CommentDocuments.CommentVoteOption, CommentDocuments.OnOption(vote, option))).FirstCode);
        foreach (var comment in new[] { onCampaign, onOption })
        {
            Assert.Equal("NOT_FOUND", (await stranger.SendAsync(CommentDocuments.Vote, new { id = comment, vote = "DOWN" })).FirstCode);
            Assert.Equal("NOT_FOUND", (await stranger.SendAsync(CommentDocuments.Edit, new { id = comment, body = "Piraté" })).FirstCode);
            Assert.Equal("NOT_FOUND", (await stranger.SendAsync(CommentDocuments.Delete, new { id = comment })).FirstCode);
            Assert.Equal("NOT_FOUND", (await stranger.SendAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" })).FirstCode);
        }

        Assert.Null((await stranger.OkAsync(CommentDocuments.CampaignComments, new { id = campaign }))["campaign"]);
        Assert.Null((await stranger.OkAsync(CommentDocuments.VoteOptionComments, new { id = vote }))["vote"]);
        Assert.Null((await stranger.OkAsync(OneOption, new { vote, option }))["voteOption"]);
        var mine = (await alice.OkAsync(OneOption, new { vote, option }))["voteOption"]!;
        Assert.Equal((vote, onOption), (mine["voteId"]!.GetValue<string>(), Id(mine["comments"]!["edges"]![0]!["node"]!)));
        Assert.Null((await alice.OkAsync(OneOption, new { vote, option = "no-such-option" }))["voteOption"]);

        // A token of this tenant sent to the other tenant's host is refused before any thread is asked.
        using var crossed = api.Client(other, api.Tokens.Issue(tenant, "alice", Role.Member));
        Assert.Equal("FORBIDDEN", (await crossed.SendAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign))).FirstCode);

        Assert.Equal(2L, await CommentRowsAsync(tenant));
        Assert.Equal(0L, await CommentRowsAsync(other));
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_comment_votes where tenant = @t", ("t", tenant)));
    }

    [Fact]
    public async Task The_daily_quota_counts_each_campaign_apart_as_for_ideas()
    {
        var tenant = await api.NewTenantAsync();
        var campaign = await LiveCampaignAsync(tenant);
        var (vote, option, _) = await OpenVoteAsync(tenant);
        using var alice = api.Member(tenant, "alice");
        for (var i = 0; i < 50; i++)
        {
            await alice.OkAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign, $"Commentaire {i}"));
        }

        Assert.Equal("QUOTA_EXCEEDED", (await alice.SendAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign))).FirstCode);
        await alice.OkAsync(CommentDocuments.CommentVoteOption, CommentDocuments.OnOption(vote, option));
        using var bob = api.Member(tenant, "bob");
        await bob.OkAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign));
    }

    [Fact]
    public async Task Three_reports_hide_a_campaign_comment_queue_it_for_moderators_and_tell_its_author()
    {
        var tenant = await api.NewTenantAsync();
        var campaign = await LiveCampaignAsync(tenant);
        using var alice = api.Member(tenant, "alice");
        var comment = Id((await alice.OkAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign, "Achetez mes montres !")))["commentCampaign"]!);

        Assert.Equal("FORBIDDEN", (await alice.SendAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" })).FirstCode);
        for (var i = 0; i < 3; i++)
        {
            using var reporter = api.Member(tenant, $"r{i}");
            var hidden = (await reporter.OkAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" }))["reportContent"]!["hidden"]!.GetValue<bool>();
            Assert.Equal(i == 2, hidden);
        }

        using var bob = api.Member(tenant, "bob");
        var seen = (await bob.OkAsync(CommentDocuments.CampaignComments, new { id = campaign }))["campaign"]!["comments"]!["edges"]![0]!["node"]!;
        Assert.True(seen["hidden"]!.GetValue<bool>());
        Assert.Null(seen["body"]);
        var own = (await alice.OkAsync(CommentDocuments.CampaignComments, new { id = campaign }))["campaign"]!["comments"]!["edges"]![0]!["node"]!;
        Assert.Equal("Achetez mes montres !", own["body"]!.GetValue<string>());

        using var moderator = Moderator(tenant);
        var queued = Assert.Single((await moderator.OkAsync(ModerationDocuments.Queue))["moderationQueue"]!["edges"]!.AsArray())!["node"]!;
        Assert.Equal(("comment", comment, 3), (queued["itemKind"]!.GetValue<string>(), queued["itemId"]!.GetValue<string>(), queued["reportCount"]!.GetValue<int>()));

        var told = Assert.Single((await alice.OkAsync(NotificationDocuments.Mine))["myNotifications"]!["edges"]!.AsArray())!["node"]!;
        Assert.Equal(("content_hidden", comment), (told["kind"]!.GetValue<string>(), told["itemId"]!.GetValue<string>()));
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "RESTORE", reason = "Second degré." });
        Assert.Equal("Achetez mes montres !", (await bob.OkAsync(CommentDocuments.CampaignComments, new { id = campaign }))["campaign"]!["comments"]!["edges"]![0]!["node"]!["body"]!.GetValue<string>());
    }
}
