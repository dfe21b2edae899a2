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
}
