using Civic.Grains.Interfaces;

namespace Civic.Tests.Api;

/// <summary>Sign-in outcomes through the grain the OpenID Connect login page calls, lockout, reset and change of address (issue 10).</summary>
[Collection("api-clock")]
public sealed class AccountSignInApi(ClockedApiFixture api)
{
    private const string NewPassword = "Un autre mot de passe, bien long";
    private readonly AccountMails _mails = new(api);

    private IAccountsGrain Accounts(string tenant) => api.Grains.GetGrain<IAccountsGrain>(tenant);

    [Fact]
    public async Task Twenty_failures_lock_the_account_for_an_hour_even_for_the_right_password()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(tenant, email);

        for (var i = 1; i < 20; i++)
        {
            Assert.Equal(SignInStatus.InvalidCredentials, (await Accounts(tenant).SignInAsync(email, "wrong password " + i)).Status);
        }

        var locked = await Accounts(tenant).SignInAsync(email, "wrong password 20");
        Assert.Equal(SignInStatus.Locked, locked.Status);
        Assert.Equal(api.Now + TimeSpan.FromHours(1), locked.LockedUntil!.Value, TimeSpan.FromSeconds(5));
        Assert.Equal(SignInStatus.Locked, (await Accounts(tenant).SignInAsync(email, AccountDocuments.GoodPassword)).Status);
        Assert.Single(await _mails.ToAsync(tenant, email, "unlock-account"));

        api.AdvancePast(locked.LockedUntil.Value);

        Assert.Equal(SignInStatus.SignedIn, (await Accounts(tenant).SignInAsync(email, AccountDocuments.GoodPassword)).Status);
    }

    [Fact]
    public async Task The_unlock_link_unlocks_at_once_and_only_once()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(tenant, email);
        for (var i = 0; i < 20; i++)
        {
            await Accounts(tenant).SignInAsync(email, "wrong password");
        }

        Assert.Equal(SignInStatus.Locked, (await Accounts(tenant).SignInAsync(email, AccountDocuments.GoodPassword)).Status);
        var token = await _mails.LastTokenAsync(tenant, email, "unlock-account");
        using var anonymous = api.Client(tenant, null);

        await anonymous.OkAsync(AccountDocuments.UnlockAccount, new { token });

        Assert.Equal(SignInStatus.SignedIn, (await Accounts(tenant).SignInAsync(email, AccountDocuments.GoodPassword)).Status);
        Assert.Equal(ErrorCodes.TokenUsed, (await anonymous.SendAsync(AccountDocuments.UnlockAccount, new { token })).FirstCode);
        // A token of one purpose never serves another.
        Assert.Equal(ErrorCodes.TokenInvalid, (await anonymous.SendAsync(AccountDocuments.ConfirmEmail, new { token })).FirstCode);
    }

    [Fact]
    public async Task A_right_password_resets_the_failure_count()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(tenant, email);

        for (var i = 0; i < 19; i++)
        {
            await Accounts(tenant).SignInAsync(email, "wrong password");
        }

        Assert.Equal(SignInStatus.SignedIn, (await Accounts(tenant).SignInAsync(email, AccountDocuments.GoodPassword)).Status);
        Assert.Equal(SignInStatus.InvalidCredentials, (await Accounts(tenant).SignInAsync(email, "wrong password")).Status);
        Assert.Empty(await _mails.ToAsync(tenant, email, "unlock-account"));
    }

    [Fact]
    public async Task An_unconfirmed_account_says_so_only_after_the_right_password()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        using var anonymous = api.Client(tenant, null);
        await anonymous.OkAsync(AccountDocuments.Register, new { email, password = AccountDocuments.GoodPassword, displayName = "Camille", locale = "en" });

        Assert.Equal(SignInStatus.InvalidCredentials, (await Accounts(tenant).SignInAsync(email, "wrong password")).Status);
        var right = await Accounts(tenant).SignInAsync(email, AccountDocuments.GoodPassword);
        Assert.Equal(SignInStatus.EmailNotConfirmed, right.Status);
        Assert.False(right.Account!.EmailConfirmed);
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_voids_the_other_reset_links()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(tenant, email);
        using var anonymous = api.Client(tenant, null);
        await anonymous.OkAsync(AccountDocuments.RequestPasswordReset, new { email });
        var first = await _mails.LastTokenAsync(tenant, email, "reset-password");
        await anonymous.OkAsync(AccountDocuments.RequestPasswordReset, new { email });
        var second = await _mails.LastTokenAsync(tenant, email, "reset-password");

        var weak = await anonymous.SendAsync(AccountDocuments.ResetPassword, new { token = second, p = "password123" });
        Assert.Equal(ErrorCodes.WeakPassword, weak.FirstCode);
        await anonymous.OkAsync(AccountDocuments.ResetPassword, new { token = second, p = NewPassword });

        Assert.Equal(SignInStatus.InvalidCredentials, (await Accounts(tenant).SignInAsync(email, AccountDocuments.GoodPassword)).Status);
        Assert.Equal(SignInStatus.SignedIn, (await Accounts(tenant).SignInAsync(email, NewPassword)).Status);
        Assert.Equal(ErrorCodes.TokenUsed, (await anonymous.SendAsync(AccountDocuments.ResetPassword, new { token = second, p = NewPassword + "!" })).FirstCode);
        Assert.Equal(ErrorCodes.TokenUsed, (await anonymous.SendAsync(AccountDocuments.ResetPassword, new { token = first, p = NewPassword + "!" })).FirstCode);
        Assert.Equal(SignInStatus.SignedIn, (await Accounts(tenant).SignInAsync(email, NewPassword)).Status);
    }

    [Fact]
    public async Task A_reset_link_expires_after_six_hours()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(tenant, email);
        using var anonymous = api.Client(tenant, null);
        await anonymous.OkAsync(AccountDocuments.RequestPasswordReset, new { email });
        var token = await _mails.LastTokenAsync(tenant, email, "reset-password");

        api.Clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromSeconds(1));

        Assert.Equal(ErrorCodes.TokenExpired, (await anonymous.SendAsync(AccountDocuments.ResetPassword, new { token, p = NewPassword })).FirstCode);
        Assert.Equal(SignInStatus.SignedIn, (await Accounts(tenant).SignInAsync(email, AccountDocuments.GoodPassword)).Status);
    }

    [Fact]
    public async Task A_reset_also_unlocks_a_locked_account()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(tenant, email);
        for (var i = 0; i < 20; i++)
        {
            await Accounts(tenant).SignInAsync(email, "wrong password");
        }

        using var anonymous = api.Client(tenant, null);
        await anonymous.OkAsync(AccountDocuments.RequestPasswordReset, new { email });
        await anonymous.OkAsync(AccountDocuments.ResetPassword, new { token = await _mails.LastTokenAsync(tenant, email, "reset-password"), p = NewPassword });

        Assert.Equal(SignInStatus.SignedIn, (await Accounts(tenant).SignInAsync(email, NewPassword)).Status);
    }

    [Fact]
    public async Task Changing_the_address_takes_the_password_and_a_confirmation_from_the_new_address()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        var id = await _mails.ConfirmedAsync(tenant, email);
        var moved = AccountMails.NewEmail("moved");
        using var member = _mails.SignedIn(tenant, id);
        using (var beforeMove = api.Client(tenant, null))
        {
            await beforeMove.OkAsync(AccountDocuments.RequestPasswordReset, new { email });
        }

        var oldAddressReset = await _mails.LastTokenAsync(tenant, email, "reset-password");

        Assert.Equal(ErrorCodes.InvalidCredentials,
            (await member.SendAsync(AccountDocuments.ChangeEmail, new { e = moved, p = "wrong password" })).FirstCode);
        Assert.Empty(await _mails.ToAsync(tenant, moved));
        Assert.True((await member.OkAsync(AccountDocuments.ChangeEmail, new { e = moved, p = AccountDocuments.GoodPassword }))["changeEmail"]!.GetValue<bool>());

        Assert.Equal(email, (await member.OkAsync(AccountDocuments.MyAccount))["myAccount"]!["email"]!.GetValue<string>());
        var link = Assert.Single(await _mails.ToAsync(tenant, moved, "confirm-email-change")).Link;
        Assert.StartsWith("http://127.0.0.1:5080/account/confirm-email-change?token=", link);
        using var anonymous = api.Client(tenant, null);
        var changed = (await anonymous.OkAsync(AccountDocuments.ConfirmEmailChange, new { token = AccountMails.TokenOf(link) }))["confirmEmailChange"]!;

        Assert.Equal(moved, changed["email"]!.GetValue<string>());
        var mine = (await member.OkAsync(AccountDocuments.MyAccount))["myAccount"]!;
        Assert.Equal(moved, mine["email"]!.GetValue<string>());
        Assert.Equal("MEMBER", mine["role"]!.GetValue<string>());
        Assert.True(mine["emailConfirmed"]!.GetValue<bool>());
        Assert.Equal(SignInStatus.SignedIn, (await Accounts(tenant).SignInAsync(moved, AccountDocuments.GoodPassword)).Status);
        Assert.Equal(SignInStatus.InvalidCredentials, (await Accounts(tenant).SignInAsync(email, AccountDocuments.GoodPassword)).Status);
        Assert.Equal(ErrorCodes.TokenUsed, (await anonymous.SendAsync(AccountDocuments.ConfirmEmailChange, new { token = AccountMails.TokenOf(link) })).FirstCode);
        // A reset link mailed to the old address no longer works.
        Assert.Equal(ErrorCodes.TokenUsed, (await anonymous.SendAsync(AccountDocuments.ResetPassword, new { token = oldAddressReset, p = NewPassword })).FirstCode);
    }

    [Fact]
    public async Task An_address_another_account_holds_gets_no_link_and_the_same_answer()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        var id = await _mails.ConfirmedAsync(tenant, email);
        var taken = AccountMails.NewEmail("taken");
        await _mails.ConfirmedAsync(tenant, taken, name: "Sam Durand");
        using var member = _mails.SignedIn(tenant, id);

        var answer = await member.SendAsync(AccountDocuments.ChangeEmail, new { e = taken, p = AccountDocuments.GoodPassword });

        Assert.Equal("""{"data":{"changeEmail":true}}""", answer.Body);
        Assert.Empty(await _mails.ToAsync(tenant, taken, "confirm-email-change"));
    }

    [Fact]
    public async Task The_same_address_on_two_tenants_is_two_independent_accounts()
    {
        var first = await api.NewTenantAsync();
        var second = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        var a = await _mails.ConfirmedAsync(first, email);
        var b = await _mails.ConfirmedAsync(second, email, password: NewPassword);

        Assert.NotEqual(a, b);
        Assert.Equal(SignInStatus.InvalidCredentials, (await Accounts(first).SignInAsync(email, NewPassword)).Status);
        Assert.Equal(first, (await Accounts(first).SignInAsync(email, AccountDocuments.GoodPassword)).Account!.Tenant);
        Assert.Null(await Accounts(second).IdentityAsync(a));
    }
}
