using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// A member marks their notifications read (issue 11's notices to authors): one, or all at once, their own only, and
/// again without changing anything; the unread count follows.
/// </summary>
[Collection("api-clock")]
public sealed class NotificationReadsApi(ClockedApiFixture api)
{
    /// <summary>Bob's comment hidden by a moderator and shown again, and alice's idea hidden: two notifications of bob's, one of alice's.</summary>
    private async Task<string> TenantWithNotificationsAsync()
    {
        var tenant = await api.NewTenantAsync();
        var (idea, comment) = await CommentDocuments.IdeaWithCommentAsync(api, tenant, "Achetez mes montres !");
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "HIDE", reason = "Publicité." });
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "RESTORE", reason = "Second degré." });
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "IDEA", id = idea, act = "HIDE", reason = "Hors sujet." });
        return tenant;
    }

    [Fact]
    public async Task A_member_marks_one_notification_read_once_and_the_unread_count_follows()
    {
        var tenant = await TenantWithNotificationsAsync();
        using var bob = api.Member(tenant, "bob");
        var mine = await bob.OkAsync(NotificationDocuments.Mine);
        Assert.Equal(2, mine["myUnreadNotificationCount"]!.GetValue<int>());
        var notes = mine["myNotifications"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.All(notes, n => Assert.False(n["read"]!.GetValue<bool>()));
        Assert.All(notes, n => Assert.Null(n["readAt"]));

        var id = notes[1]["id"]!.GetValue<string>();
        var marked = (await bob.OkAsync(NotificationDocuments.MarkRead, new { id }))["markNotificationRead"]!;
        Assert.True(marked["read"]!.GetValue<bool>());
        var readAt = marked["readAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(readAt, api.Now.AddSeconds(-1), api.Now.AddSeconds(1));

        // Again, later: nothing changes, readAt stays the first time.
        api.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(readAt, (await bob.OkAsync(NotificationDocuments.MarkRead, new { id }))["markNotificationRead"]!["readAt"]!.GetValue<DateTimeOffset>());

        mine = await bob.OkAsync(NotificationDocuments.Mine);
        Assert.Equal(1, mine["myUnreadNotificationCount"]!.GetValue<int>());
        Assert.Equal([false, true], mine["myNotifications"]!["edges"]!.AsArray().Select(e => e!["node"]!["read"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Nobody_marks_another_members_notification_and_marking_all_touches_only_ones_own()
    {
        var tenant = await TenantWithNotificationsAsync();
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        using var admin = api.Admin(tenant);
        var bobs = (await bob.OkAsync(NotificationDocuments.Mine))["myNotifications"]!["edges"]![0]!["node"]!["id"]!.GetValue<string>();

        // Another member, an admin of the tenant, another tenant's member: NOT_FOUND or FORBIDDEN, bob's still unread.
        Assert.Equal("NOT_FOUND", (await alice.SendAsync(NotificationDocuments.MarkRead, new { id = bobs })).FirstCode);
        Assert.Equal("NOT_FOUND", (await admin.SendAsync(NotificationDocuments.MarkRead, new { id = bobs })).FirstCode);
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(NotificationDocuments.MarkRead, new { id = "not-a-number" })).FirstCode);
        var other = await api.NewTenantAsync();
        using var stranger = api.Member(other, "bob");
        Assert.Equal("NOT_FOUND", (await stranger.SendAsync(NotificationDocuments.MarkRead, new { id = bobs })).FirstCode);
        Assert.Equal(0, (await stranger.OkAsync(NotificationDocuments.MarkAllRead))["markAllNotificationsRead"]!.GetValue<int>());
        using var anonymous = api.Client(tenant, null);
        Assert.Equal("UNAUTHENTICATED", (await anonymous.SendAsync(NotificationDocuments.MarkAllRead)).FirstCode);
        Assert.Equal("UNAUTHENTICATED", (await anonymous.SendAsync("{ myUnreadNotificationCount }")).FirstCode);
        Assert.Equal(2, (await bob.OkAsync(NotificationDocuments.Mine))["myUnreadNotificationCount"]!.GetValue<int>());

        // Alice marks all of hers: one; bob's stay unread; the second time, none.
        Assert.Equal(1, (await alice.OkAsync(NotificationDocuments.MarkAllRead))["markAllNotificationsRead"]!.GetValue<int>());
        Assert.Equal(0, (await alice.OkAsync(NotificationDocuments.MarkAllRead))["markAllNotificationsRead"]!.GetValue<int>());
        Assert.Equal(0, (await alice.OkAsync(NotificationDocuments.Mine))["myUnreadNotificationCount"]!.GetValue<int>());
        Assert.Equal(2, (await bob.OkAsync(NotificationDocuments.Mine))["myUnreadNotificationCount"]!.GetValue<int>());
        Assert.Equal(2L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_notifications where tenant = @t and member_id = 'bob' and read_at is null", ("t", tenant)));
        Assert.Equal(2, (await bob.OkAsync(NotificationDocuments.MarkAllRead))["markAllNotificationsRead"]!.GetValue<int>());
        Assert.Equal(0, (await bob.OkAsync(NotificationDocuments.Mine))["myUnreadNotificationCount"]!.GetValue<int>());
    }
}
