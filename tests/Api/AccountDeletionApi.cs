using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// A member deletes their account (issue 10, GDPR): profile blanked, sign-in gone, contributions kept under an id
/// that names nobody, ballots still counted, and the census claim kept so that re-registering cannot vote twice.
/// </summary>
[Collection("api")]
public sealed class AccountDeletionApi(ApiFixture api)
{
    private const string Delete = "mutation($p: String!) { deleteMyAccount(password: $p) }";
    private const string Verify = "mutation($n: String!, $b: DateOnly!) { verifyResidency(documentNumber: $n, birthDate: $b) { verified } }";

    [Fact]
    public async Task Deleting_blanks_the_profile_and_sign_in_but_keeps_contributions_ballots_and_the_census_claim_so_a_new_account_cannot_vote_again()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        await admin.OkAsync("mutation($csv: String!) { uploadCensus(csv: $csv) { rows } }", new { csv = "document_number,birth_date\nD4410027,1979-06-21\n" });
        var campaign = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        var vote = (await admin.OkAsync("mutation($input: CreateVoteInput!) { createVote(input: $input) { id requireVerified } }", new
        {
            input = new
            {
                title = "Budget participatif",
                ballotType = "APPROVAL",
                options = new[] { new { title = "Parc", cost = 100_000L }, new { title = "Piste", cost = 100_000L } },
                requireVerified = true,
                closesAt = api.Now.AddDays(7).ToString("O"),
            },
        }))["createVote"]!;
        Assert.True(vote["requireVerified"]!.GetValue<bool>());
        var voteId = vote["id"]!.GetValue<string>();

        var accounts = new AccountMails(api);
        var email = AccountMails.NewEmail("delphine");
        var accountId = await accounts.ConfirmedAsync(tenant, email, name: "Delphine Durand");
        using (var member = accounts.SignedIn(tenant, accountId))
        {
            await member.OkAsync(Verify, new { n = "D4410027", b = "1979-06-21" });
            await member.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 1_500, idempotencyKey = "d-1" } });
            await member.OkAsync(Documents.CastBallot, new { input = new { voteId, choices = new[] { "p1" } } });

            // The password confirms it: a wrong one deletes nothing.
            Assert.Equal("INVALID_CREDENTIALS", (await member.SendAsync(Delete, new { p = "not my password" })).FirstCode);
            Assert.NotNull((await member.OkAsync(AccountDocuments.MyAccount))["myAccount"]);

            Assert.True((await member.OkAsync(Delete, new { p = AccountDocuments.GoodPassword }))["deleteMyAccount"]!.GetValue<bool>());
            Assert.Null((await member.OkAsync(AccountDocuments.MyAccount))["myAccount"]);
            Assert.Equal("NOT_FOUND", (await member.SendAsync(Delete, new { p = AccountDocuments.GoodPassword })).FirstCode);
        }

        // Sign-in is gone, and so is the identity tokens are issued and refreshed from.
        var accountsGrain = api.Grains.GetGrain<IAccountsGrain>(tenant);
        Assert.Equal(SignInStatus.InvalidCredentials, (await accountsGrain.SignInAsync(email, AccountDocuments.GoodPassword)).Status);
        Assert.Null(await accountsGrain.IdentityAsync(accountId));

        // The row names nobody: no address, no name, no password hash; only its id and when it was deleted.
        Assert.Equal(1L, await Scalar<long>(
            "select count(*) from civic_accounts where tenant = @t and id = @id and email = '' and display_name = '' and password_hash is null and deleted_at is not null",
            ("t", tenant), ("id", accountId)));
        Assert.Equal(0L, await Scalar<long>(
            "select count(*) from civic_accounts where tenant = @t and (email_normalized = @e or display_name = 'Delphine Durand')", ("t", tenant), ("e", email)));
        Assert.Equal(1L, await Scalar<long>(
            "select count(*) from civic_audit_log where tenant = @t and action = 'account.deleted' and target = @id", ("t", tenant), ("id", accountId)));

        // What accounting and the vote need stays: the contribution (under the id), the ballot, the census claim.
        Assert.Equal(1_500L, await Scalar<long>("select amount from civic_contributions where tenant = @t and member_id = @id", ("t", tenant), ("id", accountId)));
        Assert.Equal(1L, await Scalar<long>("select count(*) from civic_census_claims where tenant = @t and member_id = @id", ("t", tenant), ("id", accountId)));
        Assert.Equal(1, (await admin.OkAsync(Documents.Vote, new { id = voteId }))["vote"]!["ballots"]!.GetValue<int>());

        // The address is free again, but a new account cannot claim the same census entry, so it cannot vote twice.
        var again = await accounts.ConfirmedAsync(tenant, email, name: "Delphine Durand");
        Assert.NotEqual(accountId, again);
        using var newcomer = accounts.SignedIn(tenant, again);
        Assert.Equal("CENSUS_ENTRY_TAKEN", (await newcomer.SendAsync(Verify, new { n = "D4410027", b = "1979-06-21" })).FirstCode);
        Assert.Equal("VERIFICATION_REQUIRED", (await newcomer.SendAsync(Documents.CastBallot, new { input = new { voteId, choices = new[] { "p2" } } })).FirstCode);
        Assert.Equal(1, (await admin.OkAsync(Documents.Vote, new { id = voteId }))["vote"]!["ballots"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_tenant_last_admin_cannot_delete_their_account_and_another_member_cannot_delete_it()
    {
        var tenant = await api.NewTenantAsync();
        var accounts = new AccountMails(api);
        var adminId = await accounts.InvitedAsync(tenant, AccountMails.NewEmail("admin"));
        using var admin = accounts.SignedIn(tenant, adminId, Role.Admin);
        Assert.Equal("LAST_ADMIN", (await admin.SendAsync(Delete, new { p = AccountDocuments.GoodPassword })).FirstCode);
        Assert.NotNull(await api.Grains.GetGrain<IAccountsGrain>(tenant).IdentityAsync(adminId));

        // The grain of an account takes its deletion from its owner only.
        var otherId = await accounts.ConfirmedAsync(tenant, AccountMails.NewEmail("other"));
        var refused = await Assert.ThrowsAsync<CivicException>(() => api.Grains.GetGrain<IAccountGrain>(GrainKeys.Compound(tenant, adminId))
            .DeleteAsync(AccountDocuments.GoodPassword, new Actor(tenant, otherId, Role.Member)));
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
    }

    [Fact]
    public async Task A_deleted_accounts_address_leaves_the_audit_log_its_accepted_invitations_and_the_outbox_but_nobody_elses()
    {
        var tenant = await api.NewTenantAsync();
        var accounts = new AccountMails(api);
        var adminId = await accounts.InvitedAsync(tenant, AccountMails.NewEmail("chief"));
        var email = AccountMails.NewEmail("moderator");
        var moderatorId = await accounts.InvitedAsync(tenant, email, Role.Moderator, new Actor(tenant, adminId, Role.Admin));
        var bystander = AccountMails.NewEmail("bystander");
        await api.Grains.GetGrain<ITenantRolesGrain>(tenant).InviteAsync(new InviteToRole(bystander, Role.Moderator), new Actor(tenant, adminId, Role.Admin));
        Assert.True(await NamingAsync(tenant, email) >= 4); // invitation sent and accepted, the account made by it, the invitation, its mail

        using (var moderator = accounts.SignedIn(tenant, moderatorId, Role.Moderator))
        {
            Assert.True((await moderator.OkAsync(Delete, new { p = AccountDocuments.GoodPassword }))["deleteMyAccount"]!.GetValue<bool>());
        }

        Assert.Equal(0L, await NamingAsync(tenant, email));
        // What happened stays told, under the account id; the other address, invited by the same admin, is untouched.
        Assert.Equal(2L, await Scalar<long>("select count(*) from civic_audit_log where tenant = @t and action like 'invitation.%' and target = @id",
            ("t", tenant), ("id", moderatorId)));
        Assert.Equal(1L, await Scalar<long>("select count(*) from civic_invitations where tenant = @t and account_id = @id", ("t", tenant), ("id", moderatorId)));
        Assert.True(await NamingAsync(tenant, bystander) >= 3);
    }

    /// <summary>Rows of the audit log (target or details), invitations and outbox that name the address.</summary>
    private Task<long> NamingAsync(string tenant, string email) => Scalar<long>("""
        select (select count(*) from civic_audit_log where tenant = @t and (target = @e or strpos(details::text, @e) > 0))
             + (select count(*) from civic_invitations where tenant = @t and email = @e)
             + (select count(*) from civic_mail_outbox where tenant = @t and recipient = @e)
        """, ("t", tenant), ("e", email));

    private Task<T> Scalar<T>(string sql, params (string Name, object Value)[] parameters) =>
        PostgresServerFixture.ScalarAsync<T>(api.ConnectionString, sql, parameters);
}
