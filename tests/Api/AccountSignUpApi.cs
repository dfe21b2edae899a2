using Civic.Grains.Interfaces;

namespace Civic.Tests.Api;

/// <summary>Sign-up, confirmation links, enumeration and the mail quota (issue 10), over real GraphQL and the real outbox.</summary>
[Collection("api-clock")]
public sealed class AccountSignUpApi(ClockedApiFixture api)
{
    private readonly AccountMails _mails = new(api);

    private static object NewAccount(string email, string password = AccountDocuments.GoodPassword, string name = "Camille Martin") =>
        new { email, password, displayName = name, locale = "fr" };

    [Fact]
    public async Task Register_then_confirm_with_the_mailed_link()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        using var anonymous = api.Client(tenant, null);

        var answer = await anonymous.OkAsync(AccountDocuments.Register, NewAccount(email.ToUpperInvariant()));

        Assert.True(answer["register"]!.GetValue<bool>());
        var mail = Assert.Single(await _mails.ToAsync(tenant, email));
        Assert.Equal("confirm-email", mail.Kind);
        Assert.StartsWith("http://127.0.0.1:5080/account/confirm?token=", mail.Link);
        Assert.EndsWith("&tenant=" + tenant, mail.Link);
        var before = await api.Grains.GetGrain<IAccountsGrain>(tenant).SignInAsync(email, AccountDocuments.GoodPassword);
        Assert.Equal(SignInStatus.EmailNotConfirmed, before.Status);

        var confirmed = (await anonymous.OkAsync(AccountDocuments.ConfirmEmail, new { token = AccountMails.TokenOf(mail.Link) }))["confirmEmail"]!;

        Assert.Equal(email, confirmed["email"]!.GetValue<string>());
        Assert.True(confirmed["emailConfirmed"]!.GetValue<bool>());
        var after = await api.Grains.GetGrain<IAccountsGrain>(tenant).SignInAsync(email, AccountDocuments.GoodPassword);
        Assert.Equal(SignInStatus.SignedIn, after.Status);
        Assert.Equal(confirmed["id"]!.GetValue<string>(), after.Account!.AccountId);
        Assert.Equal(Role.Member, after.Account.Role);
        Assert.StartsWith(IdPrefixes.Account + "_", after.Account.AccountId);
    }

    [Fact]
    public async Task A_replayed_confirmation_link_is_refused()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(tenant, email);
        using var anonymous = api.Client(tenant, null);

        var replay = await anonymous.SendAsync(AccountDocuments.ConfirmEmail, new { token = await _mails.LastTokenAsync(tenant, email, "confirm-email") });

        Assert.Equal(ErrorCodes.TokenUsed, replay.FirstCode);
        var forged = await anonymous.SendAsync(AccountDocuments.ConfirmEmail, new { token = "x" + new string('A', 42) });
        Assert.Equal(ErrorCodes.TokenInvalid, forged.FirstCode);
    }

    [Fact]
    public async Task A_confirmation_link_expires_after_24_hours_and_a_resent_one_works()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        using var anonymous = api.Client(tenant, null);
        await anonymous.OkAsync(AccountDocuments.Register, NewAccount(email));
        var token = await _mails.LastTokenAsync(tenant, email, "confirm-email");

        api.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        Assert.Equal(ErrorCodes.TokenExpired, (await anonymous.SendAsync(AccountDocuments.ConfirmEmail, new { token })).FirstCode);
        await anonymous.OkAsync(AccountDocuments.ResendConfirmation, new { email });
        var fresh = await _mails.LastTokenAsync(tenant, email, "confirm-email");
        Assert.NotEqual(token, fresh);
        await anonymous.OkAsync(AccountDocuments.ConfirmEmail, new { token = fresh });
    }

    [Fact]
    public async Task Register_resend_and_reset_answer_the_same_for_known_and_unknown_addresses()
    {
        var tenant = await api.NewTenantAsync();
        var known = AccountMails.NewEmail("known");
        await _mails.ConfirmedAsync(tenant, known);
        using var anonymous = api.Client(tenant, null);
        var unknowns = new List<string>();

        foreach (var (document, variables) in new (string, Func<string, object>)[]
        {
            (AccountDocuments.Register, e => NewAccount(e, name: "Sam Durand")),
            (AccountDocuments.ResendConfirmation, e => new { email = e }),
            (AccountDocuments.RequestPasswordReset, e => new { email = e }),
        })
        {
            var unknown = AccountMails.NewEmail("unknown");
            unknowns.Add(unknown);
            var forKnown = await anonymous.SendAsync(document, variables(known));
            var forUnknown = await anonymous.SendAsync(document, variables(unknown));
            Assert.Equal(forKnown.Status, forUnknown.Status);
            Assert.Equal(forKnown.Body, forUnknown.Body);
            Assert.Null(forKnown.Errors);
        }

        // The known address heard of the second sign-up and got its reset link; resending to a confirmed address sends nothing.
        Assert.Equal(["confirm-email", "already-registered", "reset-password"], (await _mails.ToAsync(tenant, known)).Select(m => m.Kind));
        // The unknown address of the sign-up got its own account's link; resend and reset to unknown addresses sent nothing.
        Assert.Equal(["confirm-email"], (await _mails.ToAsync(tenant, unknowns[0])).Select(m => m.Kind));
        Assert.Empty(await _mails.ToAsync(tenant, unknowns[1]));
        Assert.Empty(await _mails.ToAsync(tenant, unknowns[2]));
    }

    [Fact]
    public async Task Sign_in_with_an_unknown_address_answers_as_a_wrong_password()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(tenant, email);
        var accounts = api.Grains.GetGrain<IAccountsGrain>(tenant);

        var wrong = await accounts.SignInAsync(email, "not the right password");
        var unknown = await accounts.SignInAsync(AccountMails.NewEmail("nobody"), AccountDocuments.GoodPassword);
        var malformed = await accounts.SignInAsync("not an address", AccountDocuments.GoodPassword);

        Assert.Equal(new SignInOutcome(SignInStatus.InvalidCredentials), wrong);
        Assert.Equal(wrong, unknown);
        Assert.Equal(wrong, malformed);
        var identity = await accounts.IdentityAsync((await accounts.SignInAsync(email, AccountDocuments.GoodPassword)).Account!.AccountId);
        Assert.Equal(email, identity!.Email);
        Assert.Null(await accounts.IdentityAsync("ac_0000000000000000"));
        Assert.Null(await accounts.IdentityAsync("alice"));
    }

    [Theory]
    [InlineData("short1!", "WEAK_PASSWORD")]
    [InlineData("camille-en-vacances", "WEAK_PASSWORD")] // a word of the display name
    [InlineData("xx-martin-2024-xx", "WEAK_PASSWORD")]
    [InlineData("zorglub-sans-egal", "WEAK_PASSWORD")] // the e-mail's local part
    [InlineData("Password123", "WEAK_PASSWORD")] // common, whatever its case
    [InlineData("azertyuiop", "WEAK_PASSWORD")]
    public async Task Register_refuses_a_weak_password_and_writes_nothing(string password, string code)
    {
        var tenant = await api.NewTenantAsync();
        using var anonymous = api.Client(tenant, null);

        var refused = await anonymous.SendAsync(AccountDocuments.Register,
            new { email = "zorglub@example.org", password, displayName = "Camille Martin", locale = "fr" });

        Assert.Equal(code, refused.FirstCode);
        Assert.Equal(0, await _mails.CountAsync(tenant));
        Assert.Equal(SignInStatus.InvalidCredentials, (await api.Grains.GetGrain<IAccountsGrain>(tenant).SignInAsync("zorglub@example.org", password)).Status);
    }

    [Theory]
    [InlineData("not-an-address", "Camille", "fr")]
    [InlineData("a@b", "Camille", "fr")]
    [InlineData("camille@example.org", "", "fr")]
    [InlineData("camille@example.org", "Camille\u0000", "fr")]
    [InlineData("camille@example.org", "Camille", "de")]
    public async Task Register_refuses_bad_input_with_validation(string email, string displayName, string locale)
    {
        var tenant = await api.NewTenantAsync();
        using var anonymous = api.Client(tenant, null);

        var refused = await anonymous.SendAsync(AccountDocuments.Register, new { email, password = AccountDocuments.GoodPassword, displayName, locale });

        Assert.Equal(ErrorCodes.Validation, refused.FirstCode);
        Assert.Equal(0, await _mails.CountAsync(tenant));
    }

    [Fact]
    public async Task An_address_gets_at_most_five_mails_of_a_kind_an_hour_and_the_answer_stays_the_same()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(tenant, email);
        using var anonymous = api.Client(tenant, null);

        for (var i = 0; i < 8; i++)
        {
            Assert.True((await anonymous.OkAsync(AccountDocuments.RequestPasswordReset, new { email }))["requestPasswordReset"]!.GetValue<bool>());
        }

        Assert.Equal(5, (await _mails.ToAsync(tenant, email, "reset-password")).Count);
        api.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await anonymous.OkAsync(AccountDocuments.RequestPasswordReset, new { email });
        Assert.Equal(6, (await _mails.ToAsync(tenant, email, "reset-password")).Count);
    }

    [Fact]
    public async Task Links_come_from_the_tenant_configuration_never_from_the_request_host()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(tenant, email);
        using var anonymous = api.Client(tenant, null);
        anonymous.Http.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = AccountDocuments.RequestPasswordReset, variables = new { email } }),
        };
        request.Headers.Host = "evil.example";

        using var response = await anonymous.Http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        var link = (await _mails.ToAsync(tenant, email, "reset-password")).Single().Link;
        Assert.StartsWith("http://127.0.0.1:5080/account/reset?token=", link);
        Assert.DoesNotContain("evil", link);
    }

    [Fact]
    public async Task Concurrent_sign_ups_of_one_address_make_one_account()
    {
        var tenant = await api.NewTenantAsync();
        var email = AccountMails.NewEmail();
        using var anonymous = api.Client(tenant, null);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            anonymous.SendAsync(AccountDocuments.Register, NewAccount(email, name: "Camille " + i))));

        Assert.All(answers, a => Assert.Equal("""{"data":{"register":true}}""", a.Body));
        var kinds = (await _mails.ToAsync(tenant, email)).Select(m => m.Kind).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["already-registered", "already-registered", "already-registered", "confirm-email"], kinds);
        var token = await _mails.LastTokenAsync(tenant, email, "confirm-email");
        await anonymous.OkAsync(AccountDocuments.ConfirmEmail, new { token });
        Assert.Equal(SignInStatus.SignedIn, (await api.Grains.GetGrain<IAccountsGrain>(tenant).SignInAsync(email, AccountDocuments.GoodPassword)).Status);
    }
}
