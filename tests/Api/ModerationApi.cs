using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// Reports and moderation over GraphQL (issue 11): one report per member, auto-hide at the box's threshold with the
/// author told, hidden content shown to its author and moderators only, the moderators' queue, and every act recorded.
/// </summary>
[Collection("api-clock")]
public sealed class ModerationApi(ClockedApiFixture api)
{
    [Fact]
    public async Task Three_reports_hide_a_comment_once_its_author_still_sees_it_and_moderators_restore_or_dismiss()
    {
        var tenant = await api.NewTenantAsync();
        var (idea, comment) = await CommentDocuments.IdeaWithCommentAsync(api, tenant, "Hors sujet total.");
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");

        Assert.Equal("FORBIDDEN", (await bob.SendAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" })).FirstCode);
        Assert.Equal("VALIDATION", (await alice.SendAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "OTHER" })).FirstCode);
        Assert.Equal("NOT_FOUND", (await alice.SendAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = "cm_0000000000000000", reason = "SPAM" })).FirstCode);
        Assert.False((await alice.OkAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "OFF_TOPIC", text = "Rien à voir." }))["reportContent"]!["hidden"]!.GetValue<bool>());
        Assert.Equal("ALREADY_EXISTS", (await alice.SendAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" })).FirstCode);
        using (var m1 = api.Member(tenant, "m1"))
        {
            Assert.False((await m1.OkAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" }))["reportContent"]!["hidden"]!.GetValue<bool>());
        }

        using (var m2 = api.Member(tenant, "m2"))
        {
            Assert.True((await m2.OkAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "OFFENSIVE" }))["reportContent"]!["hidden"]!.GetValue<bool>());
        }

        // Hidden: others see it in place without its text; its author and moderators see the text and the reason.
        var seen = (await alice.OkAsync(CommentDocuments.Comments, new { idea }))["idea"]!["comments"]!["edges"]![0]!["node"]!;
        Assert.True(seen["hidden"]!.GetValue<bool>());
        Assert.Null(seen["body"]);
        Assert.Null(seen["hiddenReason"]);
        var own = (await bob.OkAsync(CommentDocuments.Comments, new { idea }))["idea"]!["comments"]!["edges"]![0]!["node"]!;
        Assert.Equal("Hors sujet total.", own["body"]!.GetValue<string>());
        Assert.NotNull(own["hiddenReason"]);
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_notifications where tenant = @t and member_id = 'bob'", ("t", tenant)));

        // The queue, for moderators only, with the reports.
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(ModerationDocuments.Queue)).FirstCode);
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        var queued = (await moderator.OkAsync(ModerationDocuments.Queue))["moderationQueue"]!["edges"]![0]!["node"]!;
        Assert.Equal(comment, queued["itemId"]!.GetValue<string>());
        Assert.Equal(3, queued["reportCount"]!.GetValue<int>());
        Assert.Equal(3, queued["reports"]!.AsArray().Count);
        var modSees = (await moderator.OkAsync(CommentDocuments.Comments, new { idea }))["idea"]!["comments"]!["edges"]![0]!["node"]!;
        Assert.Equal("Hors sujet total.", modSees["body"]!.GetValue<string>());

        // Restore, then dismiss: visible again, out of the queue; every act recorded; no second hide by itself.
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "RESTORE", reason = "Non" })).FirstCode);
        Assert.False((await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "RESTORE", reason = "Acceptable." }))["moderateContent"]!["hidden"]!.GetValue<bool>());
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "DISMISS", reason = "Reports set aside." });
        Assert.Empty((await moderator.OkAsync(ModerationDocuments.Queue))["moderationQueue"]!["edges"]!.AsArray());
        for (var i = 3; i < 7; i++)
        {
            using var member = api.Member(tenant, $"m{i}");
            Assert.False((await member.OkAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" }))["reportContent"]!["hidden"]!.GetValue<bool>());
        }

        Assert.Equal("auto_hide,restore,dismiss", await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select string_agg(act, ',' order by at, act <> 'auto_hide') from civic_moderation_acts where tenant = @t and item_id = @c", ("t", tenant), ("c", comment)));

        // A moderator hides an idea by hand: others see it as hidden, without the reason.
        Assert.True((await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "IDEA", id = idea, act = "HIDE", reason = "Doublon." }))["moderateContent"]!["hidden"]!.GetValue<bool>());
        const string ideaHidden = "query($id: ID!) { idea(id: $id) { hidden hiddenReason } }";
        var other = (await bob.OkAsync(ideaHidden, new { id = idea }))["idea"]!;
        Assert.True(other["hidden"]!.GetValue<bool>());
        Assert.Null(other["hiddenReason"]);
        Assert.Equal("Doublon.", (await alice.OkAsync(ideaHidden, new { id = idea }))["idea"]!["hiddenReason"]!.GetValue<string>());
    }

    private const string Discussion = "query($id: ID!) { idea(id: $id) { hidden commentCount comments { edges { node { id body } } } } }";

    [Fact]
    public async Task A_hidden_ideas_discussion_is_for_its_author_and_moderators_only_until_it_is_restored()
    {
        var tenant = await api.NewTenantAsync();
        var (idea, comment) = await CommentDocuments.IdeaWithCommentAsync(api, tenant, "Très bonne idée.");
        using var alice = api.Member(tenant, "alice"); // the idea's author
        using var bob = api.Member(tenant, "bob"); // the comment's author
        using var anonymous = api.Client(tenant, null);
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "IDEA", id = idea, act = "HIDE", reason = "Doublon." });

        foreach (var other in new[] { bob, anonymous })
        {
            var seen = (await other.OkAsync(Discussion, new { id = idea }))["idea"]!;
            Assert.True(seen["hidden"]!.GetValue<bool>());
            Assert.Equal(0, seen["commentCount"]!.GetValue<int>());
            Assert.Empty(seen["comments"]!["edges"]!.AsArray());
        }

        foreach (var allowed in new[] { alice, moderator })
        {
            var seen = (await allowed.OkAsync(Discussion, new { id = idea }))["idea"]!;
            Assert.Equal(1, seen["commentCount"]!.GetValue<int>());
            Assert.Equal(comment, seen["comments"]!["edges"]![0]!["node"]!["id"]!.GetValue<string>());
        }

        // Others cannot add to it, neither a comment nor a vote on one; its author and moderators can.
        Assert.Equal("FORBIDDEN", (await bob.SendAsync(CommentDocuments.Comment, CommentDocuments.New(idea, "Encore moi."))).FirstCode);
        using var carol = api.Member(tenant, "carol");
        Assert.Equal("FORBIDDEN", (await carol.SendAsync(CommentDocuments.Vote, new { id = comment, vote = "UP" })).FirstCode);
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_comment_votes where tenant = @t and comment_id = @c", ("t", tenant), ("c", comment)));
        // Nor a report on one of its comments (none recorded, nothing counted); its author still may.
        Assert.Equal("FORBIDDEN", (await carol.SendAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" })).FirstCode);
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_reports where tenant = @t and item_id = @c", ("t", tenant), ("c", comment)));
        await alice.OkAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "OFF_TOPIC" });
        await alice.OkAsync(CommentDocuments.Vote, new { id = comment, vote = "UP" });
        await alice.OkAsync(CommentDocuments.Comment, CommentDocuments.New(idea, "Je précise."));
        Assert.Equal(2L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_comments where tenant = @t and item_id = @i", ("t", tenant), ("i", idea)));

        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "IDEA", id = idea, act = "RESTORE", reason = "Pas un doublon." });
        Assert.Equal(2, (await bob.OkAsync(Discussion, new { id = idea }))["idea"]!["comments"]!["edges"]!.AsArray().Count);
        await bob.OkAsync(CommentDocuments.Comment, CommentDocuments.New(idea, "Merci."));
        await carol.OkAsync(CommentDocuments.Vote, new { id = comment, vote = "UP" });
        await carol.OkAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" });
        Assert.Equal(2L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_reports where tenant = @t and item_id = @c", ("t", tenant), ("c", comment)));
    }

    private const string Notifications = """
        query($first: Int, $after: String) { myNotifications(first: $first, after: $after) { edges { node { kind itemKind itemId text } } pageInfo { hasNextPage endCursor } } }
        """;

    [Fact]
    public async Task Authors_are_told_by_a_notification_and_a_mail_when_their_content_is_hidden_or_shown_again()
    {
        var tenant = await api.NewTenantAsync();
        var (idea, comment) = await CommentDocuments.IdeaWithCommentAsync(api, tenant, "Achetez mes montres !");
        await using (var data = Npgsql.NpgsqlDataSource.Create(api.ConnectionString))
        {
            // bob has an account with a confirmed address (in English); alice, the idea's author, has none.
            await using var account = data.CreateCommand("""
                insert into civic_accounts (tenant, id, email, email_normalized, display_name, locale, created_at, email_confirmed_at)
                values ($1, 'bob', 'Bob@example.org', 'bob@example.org', 'Bob Martin', 'en', now(), now())
                """);
            account.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
            await account.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < 3; i++)
        {
            using var reporter = api.Member(tenant, $"r{i}");
            await reporter.OkAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" });
        }

        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "RESTORE", reason = "Second degré." });
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "DISMISS", reason = "Reports set aside." });
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "RESTORE", reason = "Visible already." });
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "IDEA", id = idea, act = "HIDE", reason = "Hors sujet." });

        // The mails, in bob's locale, pointing at the idea; none for a dismissal, a restore of what was visible, or alice without an account.
        Assert.Equal("content-hidden|Bob@example.org|en|comment|Bob Martin;content-restored|Bob@example.org|en|comment|Bob Martin",
            await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString, """
                select string_agg(kind || '|' || recipient || '|' || locale || '|' || (values->>'what') || '|' || (values->>'name'), ';' order by id)
                from civic_mail_outbox where tenant = @t
                """, ("t", tenant)));
        Assert.Contains("/ideas/" + idea, await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select values->>'link' from civic_mail_outbox where tenant = @t and kind = 'content-hidden'", ("t", tenant)));
        Assert.Equal("Second degré.", await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select values->>'reason' from civic_mail_outbox where tenant = @t and kind = 'content-restored'", ("t", tenant)));

        // The notifications, newest first, each author their own.
        using var bob = api.Member(tenant, "bob");
        var told = (await bob.OkAsync(Notifications))["myNotifications"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.Equal(["content_restored", "content_hidden"], told.Select(n => n["kind"]!.GetValue<string>()));
        Assert.All(told, n => Assert.Equal(comment, n["itemId"]!.GetValue<string>()));
        Assert.Equal("Second degré.", told[0]["text"]!.GetValue<string>());
        var page = (await bob.OkAsync(Notifications, new { first = 1 }))["myNotifications"]!;
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var next = (await bob.OkAsync(Notifications, new { first = 1, after = page["pageInfo"]!["endCursor"]!.GetValue<string>() }))["myNotifications"]!;
        Assert.Equal("content_hidden", next["edges"]![0]!["node"]!["kind"]!.GetValue<string>());

        using var alice = api.Member(tenant, "alice");
        var hers = Assert.Single((await alice.OkAsync(Notifications))["myNotifications"]!["edges"]!.AsArray())!["node"]!;
        Assert.Equal(("IDEA", "Hors sujet."), (hers["itemKind"]!.GetValue<string>(), hers["text"]!.GetValue<string>()));
        using var anonymous = api.Client(tenant, null);
        Assert.Equal("UNAUTHENTICATED", (await anonymous.SendAsync(Notifications)).FirstCode);
        Assert.Equal("VALIDATION", (await alice.SendAsync(Notifications, new { after = "garbage" })).FirstCode);
    }
}
