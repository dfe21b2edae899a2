using System.Text.Json.Nodes;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// Comments on ideas over GraphQL (issue 11): threads three levels deep with a stance, sanitised text of at most
/// 1,000 characters, edits with their history, soft delete in place, one up or down vote per member (ledger rows
/// with a unique key), pages NEWEST and BEST first, the daily quota, and the idea's count and MOST_COMMENTED order.
/// </summary>
[Collection("api-clock")]
public sealed class IdeaCommentsApi(ClockedApiFixture api)
{
    private async Task<(string Tenant, string Box, string Idea)> IdeaAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var alice = api.Member(tenant, "alice");
        var idea = (await alice.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea() }))["submitIdea"]!["id"]!.GetValue<string>();
        return (tenant, box, idea);
    }

    private static async Task<JsonNode> CommentAsync(GraphQLClient member, string idea, string body = "Bonne idée.", string stance = "FOR", string? parentId = null) =>
        (await member.OkAsync(CommentDocuments.Comment, CommentDocuments.New(idea, body, stance, parentId)))["commentIdea"]!;

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    [Fact]
    public async Task Threads_go_three_levels_deep_with_a_stance_edits_keep_history_and_deleted_comments_stay_in_place()
    {
        var (tenant, _, idea) = await IdeaAsync();
        using var bob = api.Member(tenant, "bob");
        using var carol = api.Member(tenant, "carol");
        var top = await CommentAsync(bob, idea, "D'accord, **vraiment** <script>alert(1)</script>", "FOR");
        Assert.Equal(1, top["depth"]!.GetValue<int>());
        Assert.Equal("FOR", top["stance"]!.GetValue<string>());
        Assert.Equal("<p>D'accord, <strong>vraiment</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>", top["bodyHtml"]!.GetValue<string>());

        var reply = await CommentAsync(carol, idea, "Pas sûr.", "AGAINST", Id(top));
        Assert.Equal(2, reply["depth"]!.GetValue<int>());
        Assert.Equal(Id(top), reply["parentId"]!.GetValue<string>());
        var third = await CommentAsync(bob, idea, "Pourtant si.", "NEUTRAL", Id(reply));
        Assert.Equal(3, third["depth"]!.GetValue<int>());
        Assert.Equal("VALIDATION", (await carol.SendAsync(CommentDocuments.Comment, CommentDocuments.New(idea, "Trop profond.", parentId: Id(third)))).FirstCode);

        // Edits: the author only; the earlier text is kept.
        Assert.Equal("FORBIDDEN", (await carol.SendAsync(CommentDocuments.Edit, new { id = Id(top), body = "Piraté" })).FirstCode);
        var edited = (await bob.OkAsync(CommentDocuments.Edit, new { id = Id(top), body = "D'accord." }))["editComment"]!;
        Assert.Equal(2, edited["version"]!.GetValue<int>());
        Assert.NotNull(edited["editedAt"]);
        Assert.Equal("D'accord, **vraiment** <script>alert(1)</script>", edited["versions"]![0]!["body"]!.GetValue<string>());

        // Soft delete: shown in place without text or author; its replies stay; no edits, replies or votes after.
        Assert.Equal("FORBIDDEN", (await carol.SendAsync(CommentDocuments.Delete, new { id = Id(top) })).FirstCode);
        var deleted = (await bob.OkAsync(CommentDocuments.Delete, new { id = Id(top) }))["deleteComment"]!;
        Assert.True(deleted["deleted"]!.GetValue<bool>());
        Assert.Null(deleted["body"]);
        Assert.Null(deleted["authorId"]);
        Assert.Equal("INVALID_TRANSITION", (await bob.SendAsync(CommentDocuments.Edit, new { id = Id(top), body = "Encore" })).FirstCode);
        Assert.Equal("INVALID_TRANSITION", (await carol.SendAsync(CommentDocuments.Comment, CommentDocuments.New(idea, "Réponse", parentId: Id(top)))).FirstCode);

        var page = (await carol.OkAsync(CommentDocuments.Comments, new { idea }))["idea"]!;
        Assert.Equal(2, page["commentCount"]!.GetValue<int>()); // the deleted one no longer counts
        var shown = Assert.Single(page["comments"]!["edges"]!.AsArray())!["node"]!;
        Assert.True(shown["deleted"]!.GetValue<bool>());
        Assert.Equal(1, shown["replyCount"]!.GetValue<int>());
        var shownReply = Assert.Single(shown["replies"]!["edges"]!.AsArray())!["node"]!;
        Assert.Equal("Pas sûr.", shownReply["body"]!.GetValue<string>());
        Assert.Equal(Id(third), Assert.Single(shownReply["replies"]!["edges"]!.AsArray())!["node"]!["id"]!.GetValue<string>());

        // A moderator may delete anyone's comment.
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Civic.Grains.Interfaces.Role.Moderator));
        Assert.True((await moderator.OkAsync(CommentDocuments.Delete, new { id = Id(third) }))["deleteComment"]!["deleted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task One_vote_per_member_orders_best_first_and_pages_follow_their_cursors()
    {
        var (tenant, _, idea) = await IdeaAsync();
        using var bob = api.Member(tenant, "bob");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Id(await CommentAsync(bob, idea, $"Commentaire {i}")));
            api.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Votes: comment 1 gets two ups, comment 3 one up, comment 4 one down.
        foreach (var (who, target, vote) in new[] { ("m1", 1, "UP"), ("m2", 1, "UP"), ("m1", 3, "UP"), ("m1", 4, "DOWN") })
        {
            using var member = api.Member(tenant, who);
            await member.OkAsync(CommentDocuments.Vote, new { id = ids[target], vote });
        }

        using var again = api.Member(tenant, "m1");
        Assert.Equal("ALREADY_VOTED", (await again.SendAsync(CommentDocuments.Vote, new { id = ids[1], vote = "UP" })).FirstCode);
        Assert.Equal("FORBIDDEN", (await bob.SendAsync(CommentDocuments.Vote, new { id = ids[0], vote = "UP" })).FirstCode);
        Assert.Equal(3L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_comment_votes where tenant = @t and value = 1", ("t", tenant)));
        Assert.Equal(2, await PostgresServerFixture.ScalarAsync<int>(api.ConnectionString,
            "select ups from civic_comments where tenant = @t and comment_id = @c", ("t", tenant), ("c", ids[1])));

        Assert.Equal([ids[4], ids[3], ids[2], ids[1], ids[0]], await AllAsync(bob, idea, "NEWEST"));
        Assert.Equal([ids[1], ids[3], ids[2], ids[0], ids[4]], await AllAsync(bob, idea, "BEST"));
        Assert.Equal("VALIDATION", (await bob.SendAsync(CommentDocuments.Comments, new { idea, after = "garbage" })).FirstCode);
    }

    [Fact]
    public async Task A_member_changes_or_withdraws_their_vote_and_the_counts_follow_exactly()
    {
        var (tenant, _, idea) = await IdeaAsync();
        using var bob = api.Member(tenant, "bob");
        var comment = Id(await CommentAsync(bob, idea, "À voter."));
        using var m1 = api.Member(tenant, "m1");
        using var m2 = api.Member(tenant, "m2");
        const string mine = "query($idea: ID!) { idea(id: $idea) { comments { edges { node { id ups downs score myVote } } } } }";

        var up = (await m1.OkAsync(CommentDocuments.Vote, new { id = comment, vote = "UP" }))["voteComment"]!;
        Assert.Equal((1, 0), (up["ups"]!.GetValue<int>(), up["downs"]!.GetValue<int>()));
        await m2.OkAsync(CommentDocuments.Vote, new { id = comment, vote = "UP" });

        // The other way: the member's up becomes a down (one vote each, never two).
        var down = (await m1.OkAsync(CommentDocuments.Vote, new { id = comment, vote = "DOWN" }))["voteComment"]!;
        Assert.Equal((1, 1, 0), (down["ups"]!.GetValue<int>(), down["downs"]!.GetValue<int>(), down["score"]!.GetValue<int>()));
        Assert.Equal("ALREADY_VOTED", (await m1.SendAsync(CommentDocuments.Vote, new { id = comment, vote = "DOWN" })).FirstCode);
        var seen = (await m1.OkAsync(mine, new { idea }))["idea"]!["comments"]!["edges"]![0]!["node"]!;
        Assert.Equal("DOWN", seen["myVote"]!.GetValue<string>());
        Assert.Equal("UP", (await m2.OkAsync(mine, new { idea }))["idea"]!["comments"]!["edges"]![0]!["node"]!["myVote"]!.GetValue<string>());
        using var anonymous = api.Client(tenant, null);
        Assert.Null((await anonymous.OkAsync(mine, new { idea }))["idea"]!["comments"]!["edges"]![0]!["node"]!["myVote"]);

        // Withdrawn: the count drops, the row goes; withdrawing again changes nothing; voting again counts again.
        var withdrawn = (await m1.OkAsync(CommentDocuments.WithdrawVote, new { id = comment }))["withdrawCommentVote"]!;
        Assert.Equal((1, 0), (withdrawn["ups"]!.GetValue<int>(), withdrawn["downs"]!.GetValue<int>()));
        Assert.Equal(0, (await m1.OkAsync(CommentDocuments.WithdrawVote, new { id = comment }))["withdrawCommentVote"]!["downs"]!.GetValue<int>());
        Assert.Null((await m1.OkAsync(mine, new { idea }))["idea"]!["comments"]!["edges"]![0]!["node"]!["myVote"]);
        Assert.Equal("FORBIDDEN", (await bob.SendAsync(CommentDocuments.WithdrawVote, new { id = comment })).FirstCode);
        Assert.Equal("NOT_FOUND", (await m1.SendAsync(CommentDocuments.WithdrawVote, new { id = "cm_0000000000000000" })).FirstCode);
        await m1.OkAsync(CommentDocuments.Vote, new { id = comment, vote = "UP" });

        Assert.Equal(2L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_comment_votes where tenant = @t and comment_id = @c and value = 1", ("t", tenant), ("c", comment)));
        Assert.Equal("2:0", await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select ups || ':' || downs from civic_comments where tenant = @t and comment_id = @c", ("t", tenant), ("c", comment)));
    }

    [Fact]
    public async Task Bad_input_and_the_daily_quota_get_clear_codes_and_write_nothing()
    {
        var (tenant, box, idea) = await IdeaAsync();
        using var bob = api.Member(tenant, "bob");
        Assert.Equal("VALIDATION", (await bob.SendAsync(CommentDocuments.Comment, CommentDocuments.New(idea, new string('c', 1_001)))).FirstCode);
        Assert.Equal("VALIDATION", (await bob.SendAsync(CommentDocuments.Comment, CommentDocuments.New(idea, "nul\u0000"))).FirstCode);
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(CommentDocuments.Comment, CommentDocuments.New("ie_nope"))).FirstCode);
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(CommentDocuments.Comment, CommentDocuments.New(idea, parentId: "cm_0000000000000000"))).FirstCode);
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(CommentDocuments.Vote, new { id = "cm_0000000000000000", vote = "UP" })).FirstCode);
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString, "select count(*) from civic_comments where tenant = @t", ("t", tenant)));

        // Another tenant's member cannot reach the idea's comments.
        var other = await api.NewTenantAsync();
        using var stranger = api.Member(other, "bob");
        Assert.Equal("NOT_FOUND", (await stranger.SendAsync(CommentDocuments.Comment, CommentDocuments.New(idea))).FirstCode);

        // 50 comments a day per member on one idea (Quotas:CommentsPerMemberPerItemPerDay); the next day, again.
        for (var i = 0; i < 50; i++)
        {
            await CommentAsync(bob, idea, $"Commentaire {i}");
        }

        Assert.Equal("QUOTA_EXCEEDED", (await bob.SendAsync(CommentDocuments.Comment, CommentDocuments.New(idea))).FirstCode);
        using var carol = api.Member(tenant, "carol");
        await CommentAsync(carol, idea, "Moi aussi.");
        api.Clock.Advance(TimeSpan.FromDays(1));
        await CommentAsync(bob, idea, "Le lendemain.");

        // The box's list by comments: the commented idea first.
        using var alice = api.Member(tenant, "alice");
        var quiet = (await alice.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea("Une autre idée") }))["submitIdea"]!["id"]!.GetValue<string>();
        var listed = (await alice.OkAsync(IdeaDocuments.Ideas, new { box, order = "MOST_COMMENTED" }))["ideas"]!["edges"]!.AsArray()
            .Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([idea, quiet], listed);
    }

    private static async Task<List<string>> AllAsync(GraphQLClient client, string idea, string order)
    {
        var all = new List<string>();
        string? after = null;
        while (true)
        {
            var page = (await client.OkAsync(CommentDocuments.Comments, new { idea, order, first = 2, after }))["idea"]!["comments"]!;
            all.AddRange(page["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                return all;
            }

            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
    }
}
