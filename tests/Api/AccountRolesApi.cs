using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api;

/// <summary>Roles by invitation, their removal, the last-admin guard and the audit log (issue 10).</summary>
[Collection("api-clock")]
public sealed class AccountRolesApi(ClockedApiFixture api)
{
    private readonly AccountMails _mails = new(api);

    private GraphQLClient Operator(string tenant) => api.Client(tenant, api.Tokens.Issue(tenant, "root", Role.Operator));

    private static JsonArray Audit(JsonNode data) => data["auditLog"]!["edges"]!.AsArray();

    [Fact]
    public async Task The_operator_invites_the_first_admin_who_creates_a_confirmed_account_with_the_link()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail("maire");
        using var root = Operator(tenant);

        Assert.True((await root.OkAsync(AccountDocuments.InviteTenantAdmin, new { t = tenant, e = email }))["inviteTenantAdmin"]!.GetValue<bool>());

        var link = Assert.Single(await _mails.ToAsync(tenant, email, "invitation")).Link;
        Assert.StartsWith("http://127.0.0.1:5080/account/invitation?token=", link);
        using var anonymous = api.Client(tenant, null);
        var token = AccountMails.TokenOf(link);
        Assert.Equal(ErrorCodes.WeakPassword,
            (await anonymous.SendAsync(AccountDocuments.AcceptInvitation, new { token, p = "password123", n = "Dominique", l = "fr" })).FirstCode);
        var accepted = (await anonymous.OkAsync(AccountDocuments.AcceptInvitation,
            new { token, p = AccountDocuments.GoodPassword, n = "Dominique", l = "fr" }))["acceptInvitation"]!;

        Assert.Equal("ADMIN", accepted["role"]!.GetValue<string>());
        Assert.True(accepted["emailConfirmed"]!.GetValue<bool>());
        var signedIn = await api.Grains.GetGrain<IAccountsGrain>(tenant).SignInAsync(email, AccountDocuments.GoodPassword);
        Assert.Equal((SignInStatus.SignedIn, Role.Admin), (signedIn.Status, signedIn.Account!.Role));
        Assert.Equal(ErrorCodes.TokenUsed,
            (await anonymous.SendAsync(AccountDocuments.AcceptInvitation, new { token, p = AccountDocuments.GoodPassword, n = "Autre", l = "en" })).FirstCode);

        using var admin = _mails.SignedIn(tenant, accepted["id"]!.GetValue<string>(), Role.Admin);
        var actions = Audit(await admin.OkAsync(AccountDocuments.AuditLog)).Select(e => e!["node"]!["action"]!.GetValue<string>()).ToArray();
        Assert.Equal(["role.granted", "invitation.accepted", "account.created-by-invitation", "invitation.sent"], actions);
        var sent = Audit(await admin.OkAsync(AccountDocuments.AuditLog))[^1]!["node"]!;
        Assert.Equal(("root", email), (sent["actorId"]!.GetValue<string>(), sent["target"]!.GetValue<string>()));
        Assert.Equal("admin", JsonNode.Parse(sent["details"]!.GetValue<string>())!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_admin_gives_a_role_to_an_existing_account_lists_holders_and_removes_it()
    {
        var tenant = await api.NewTenantAsync();
        var adminId = await _mails.InvitedAsync(tenant, AccountMails.NewEmail("admin"));
        var memberEmail = AccountMails.NewEmail("member");
        var memberId = await _mails.ConfirmedAsync(tenant, memberEmail, name: "Sam Durand");
        using var admin = _mails.SignedIn(tenant, adminId, Role.Admin);

        await admin.OkAsync(AccountDocuments.InviteToRole, new { e = memberEmail, r = "MODERATOR" });
        using var anonymous = api.Client(tenant, null);
        var accepted = (await anonymous.OkAsync(AccountDocuments.AcceptInvitation,
            new { token = await _mails.LastTokenAsync(tenant, memberEmail, "invitation") }))["acceptInvitation"]!;

        Assert.Equal((memberId, "MODERATOR"), (accepted["id"]!.GetValue<string>(), accepted["role"]!.GetValue<string>()));
        Assert.Equal(Role.Moderator, (await api.Grains.GetGrain<IAccountsGrain>(tenant).IdentityAsync(memberId))!.Role);
        var holders = (await admin.OkAsync(AccountDocuments.RoleHolders))["roleHolders"]!.AsArray();
        Assert.Equal([(adminId, "ADMIN"), (memberId, "MODERATOR")],
            holders.Select(h => (h!["id"]!.GetValue<string>(), h["role"]!.GetValue<string>())).ToArray());

        var removed = (await admin.OkAsync(AccountDocuments.RemoveRole, new { id = memberId }))["removeRole"]!;

        Assert.Equal("MEMBER", removed["role"]!.GetValue<string>());
        Assert.Equal(Role.Member, (await api.Grains.GetGrain<IAccountsGrain>(tenant).IdentityAsync(memberId))!.Role);
        var latest = Audit(await admin.OkAsync(AccountDocuments.AuditLog, new { first = 1 }))[0]!["node"]!;
        Assert.Equal(("role.removed", adminId, memberId), (latest["action"]!.GetValue<string>(), latest["actorId"]!.GetValue<string>(), latest["target"]!.GetValue<string>()));
        Assert.Single((await admin.OkAsync(AccountDocuments.RoleHolders))["roleHolders"]!.AsArray());
    }

    [Fact]
    public async Task The_last_admin_cannot_lose_the_role_but_one_of_two_can()
    {
        var tenant = await api.NewTenantAsync();
        var first = await _mails.InvitedAsync(tenant, AccountMails.NewEmail("first"));
        using var firstAdmin = _mails.SignedIn(tenant, first, Role.Admin);

        Assert.Equal(ErrorCodes.LastAdmin, (await firstAdmin.SendAsync(AccountDocuments.RemoveRole, new { id = first })).FirstCode);

        var secondEmail = AccountMails.NewEmail("second");
        var second = await _mails.InvitedAsync(tenant, secondEmail, inviter: new Actor(tenant, first, Role.Admin));
        await firstAdmin.OkAsync(AccountDocuments.RemoveRole, new { id = second });
        Assert.Equal(ErrorCodes.LastAdmin, (await firstAdmin.SendAsync(AccountDocuments.RemoveRole, new { id = first })).FirstCode);
        Assert.Equal(Role.Admin, (await api.Grains.GetGrain<IAccountsGrain>(tenant).IdentityAsync(first))!.Role);

        // An invitation to a lower role cannot demote the only admin either, and stays usable.
        var firstEmail = (await api.Grains.GetGrain<IAccountsGrain>(tenant).IdentityAsync(first))!.Email;
        await firstAdmin.OkAsync(AccountDocuments.InviteToRole, new { e = firstEmail, r = "POLLING_OFFICER" });
        var token = await _mails.LastTokenAsync(tenant, firstEmail, "invitation");
        using var anonymous = api.Client(tenant, null);
        Assert.Equal(ErrorCodes.LastAdmin, (await anonymous.SendAsync(AccountDocuments.AcceptInvitation, new { token })).FirstCode);
        Assert.Equal(Role.Admin, (await api.Grains.GetGrain<IAccountsGrain>(tenant).IdentityAsync(first))!.Role);
    }

    [Fact]
    public async Task An_invitation_expires_after_14_days()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        using var root = Operator(tenant);
        await root.OkAsync(AccountDocuments.InviteTenantAdmin, new { t = tenant, e = email });
        var token = await _mails.LastTokenAsync(tenant, email, "invitation");

        api.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));

        using var anonymous = api.Client(tenant, null);
        Assert.Equal(ErrorCodes.TokenExpired,
            (await anonymous.SendAsync(AccountDocuments.AcceptInvitation, new { token, p = AccountDocuments.GoodPassword, n = "Dominique", l = "fr" })).FirstCode);
        Assert.Equal(ErrorCodes.TokenInvalid,
            (await anonymous.SendAsync(AccountDocuments.AcceptInvitation, new { token = token[..^2] + "xx", p = AccountDocuments.GoodPassword, n = "D", l = "fr" })).FirstCode);
        Assert.Equal(SignInStatus.InvalidCredentials, (await api.Grains.GetGrain<IAccountsGrain>(tenant).SignInAsync(email, AccountDocuments.GoodPassword)).Status);
    }

    [Fact]
    public async Task An_invitation_of_another_tenant_is_refused()
    {
        var tenant = await api.NewTenantAsync();
        var other = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        using var root = Operator(tenant);
        await root.OkAsync(AccountDocuments.InviteTenantAdmin, new { t = tenant, e = email });

        using var elsewhere = api.Client(other, null);
        var refused = await elsewhere.SendAsync(AccountDocuments.AcceptInvitation,
            new { token = await _mails.LastTokenAsync(tenant, email, "invitation"), p = AccountDocuments.GoodPassword, n = "Dominique", l = "fr" });

        Assert.Equal(ErrorCodes.TokenInvalid, refused.FirstCode);
    }

    [Fact]
    public async Task Members_moderators_and_the_operator_cannot_manage_roles()
    {
        var tenant = await api.NewTenantAsync();
        var adminId = await _mails.InvitedAsync(tenant, AccountMails.NewEmail("admin"));
        var memberId = await _mails.ConfirmedAsync(tenant, AccountMails.NewEmail("member"));
        using var member = _mails.SignedIn(tenant, memberId);
        using var moderator = _mails.SignedIn(tenant, memberId, Role.Moderator);
        using var admin = _mails.SignedIn(tenant, adminId, Role.Admin);
        using var root = Operator(tenant);

        Assert.Equal(ErrorCodes.Forbidden, (await member.SendAsync(AccountDocuments.InviteToRole, new { e = AccountMails.NewEmail(), r = "ADMIN" })).FirstCode);
        Assert.Equal(ErrorCodes.Forbidden, (await moderator.SendAsync(AccountDocuments.RemoveRole, new { id = adminId })).FirstCode);
        Assert.Equal(ErrorCodes.Forbidden, (await moderator.SendAsync(AccountDocuments.AuditLog)).FirstCode);
        Assert.Equal(ErrorCodes.Forbidden, (await member.SendAsync(AccountDocuments.RoleHolders)).FirstCode);
        Assert.Equal(ErrorCodes.Forbidden, (await root.SendAsync(AccountDocuments.InviteToRole, new { e = AccountMails.NewEmail(), r = "MODERATOR" })).FirstCode);
        Assert.Equal(ErrorCodes.Forbidden, (await admin.SendAsync(AccountDocuments.InviteTenantAdmin, new { t = tenant, e = AccountMails.NewEmail() })).FirstCode);
        Assert.Equal(ErrorCodes.Validation, (await admin.SendAsync(AccountDocuments.InviteToRole, new { e = AccountMails.NewEmail(), r = "OPERATOR" })).FirstCode);
        Assert.Equal(ErrorCodes.Validation, (await admin.SendAsync(AccountDocuments.InviteToRole, new { e = AccountMails.NewEmail(), r = "MEMBER" })).FirstCode);
        Assert.Equal(4, (await admin.OkAsync(AccountDocuments.AuditLog))["auditLog"]!["totalCount"]!.GetValue<int>()); // the admin's own invitation only
    }

    [Fact]
    public async Task The_audit_log_pages_newest_first()
    {
        var tenant = await api.NewTenantAsync();
        var adminId = await _mails.InvitedAsync(tenant, AccountMails.NewEmail("admin"));
        using var admin = _mails.SignedIn(tenant, adminId, Role.Admin);
        for (var i = 0; i < 3; i++)
        {
            await admin.OkAsync(AccountDocuments.InviteToRole, new { e = AccountMails.NewEmail("mod" + i), r = "MODERATOR" });
        }

        var first = (await admin.OkAsync(AccountDocuments.AuditLog, new { first = 5 }))["auditLog"]!;
        var next = (await admin.OkAsync(AccountDocuments.AuditLog, new { first = 5, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }))["auditLog"]!;

        Assert.Equal(7, first["totalCount"]!.GetValue<int>());
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(5, first["edges"]!.AsArray().Count);
        Assert.Equal(["account.created-by-invitation", "invitation.sent"], next["edges"]!.AsArray().Select(e => e!["node"]!["action"]!.GetValue<string>()));
        Assert.False(next["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal("invitation.sent", first["edges"]![0]!["node"]!["action"]!.GetValue<string>());
        Assert.Equal(ErrorCodes.Validation, (await admin.SendAsync(AccountDocuments.AuditLog, new { after = "bm90LWEtY3Vyc29y" })).FirstCode);
    }
}
