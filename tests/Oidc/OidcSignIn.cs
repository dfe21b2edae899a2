using System.Net;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>The sign-in page over the accounts grain, the tokens it leads to, and GraphQL accepting them.</summary>
[Collection("oidc")]
public sealed class OidcSignIn(OidcFixture fixture)
{
    private readonly AccountMails _mails = new(fixture);

    [Fact]
    public async Task A_confirmed_member_signs_in_and_graphql_accepts_the_signed_access_token()
    {
        var email = AccountMails.NewEmail();
        var accountId = await _mails.ConfirmedAsync(fixture.DefaultTenant, email, name: "Camille Martin");
        using var browser = fixture.NewBrowser();

        var (code, pkce) = await OidcFlow.CodeAsync(browser, email, AccountDocuments.GoodPassword);
        var tokens = await OidcFlow.RedeemCodeAsync(browser, code, pkce);

        var access = new JsonWebToken(tokens["access_token"]!.GetValue<string>());
        Assert.Equal("RS256", access.Alg);
        Assert.Equal("at+jwt", access.Typ);
        Assert.Equal(fixture.Issuer, access.Issuer);
        Assert.Equal(accountId, access.Subject);
        Assert.Equal(fixture.DefaultTenant, access.GetClaim("tenant").Value);
        Assert.Equal("member", access.GetClaim("role").Value);
        Assert.Equal("Camille Martin", access.GetClaim("name").Value);
        Assert.Equal(email, access.GetClaim("email").Value);
        Assert.Contains("civic", access.Audiences);
        Assert.Equal(TimeSpan.FromMinutes(10), access.ValidTo - access.IssuedAt);
        Assert.NotNull(tokens["refresh_token"]);
        Assert.Equal(accountId, new JsonWebToken(tokens["id_token"]!.GetValue<string>()).Subject);

        using var member = fixture.Client(null, tokens["access_token"]!.GetValue<string>());
        var verification = await member.OkAsync("{ myVerification { verified } }");
        Assert.False(verification["myVerification"]!["verified"]!.GetValue<bool>());

        // The token is the tenant's: with another tenant named by the header, it is refused.
        var other = await fixture.NewTenantAsync();
        using var elsewhere = fixture.Client(other, tokens["access_token"]!.GetValue<string>());
        Assert.Equal(ErrorCodes.Forbidden, (await elsewhere.SendAsync("{ myVerification { verified } }")).FirstCode);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_address_get_the_same_answer()
    {
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(fixture.DefaultTenant, email);
        using var browser = fixture.NewBrowser();

        using var wrong = await OidcFlow.SubmitAsync(browser, await OidcFlow.SignInPageAsync(browser), email, "not the password at all");
        using var unknown = await OidcFlow.SubmitAsync(browser, await OidcFlow.SignInPageAsync(browser), AccountMails.NewEmail("nobody"), "not the password at all");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var message = "Adresse e-mail ou mot de passe incorrect.";
        Assert.Contains(message, await wrong.Content.ReadAsStringAsync());
        Assert.Contains(message, await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unconfirmed_address_and_a_locked_account_are_told_clearly()
    {
        var unconfirmed = AccountMails.NewEmail();
        using (var anonymous = fixture.Client(fixture.DefaultTenant, null))
        {
            await anonymous.OkAsync(AccountDocuments.Register, new { email = unconfirmed, password = AccountDocuments.GoodPassword, displayName = "Sam", locale = "fr" });
        }

        using var browser = fixture.NewBrowser();
        using var notConfirmed = await OidcFlow.SubmitAsync(browser, await OidcFlow.SignInPageAsync(browser), unconfirmed, AccountDocuments.GoodPassword);
        Assert.Equal(HttpStatusCode.Forbidden, notConfirmed.StatusCode);
        Assert.Contains("Confirmez d'abord votre adresse e-mail", WebUtility.HtmlDecode(await notConfirmed.Content.ReadAsStringAsync()));

        var locked = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(fixture.DefaultTenant, locked);
        var accounts = fixture.Grains.GetGrain<IAccountsGrain>(fixture.DefaultTenant);
        SignInOutcome outcome;
        var tries = 0;
        do
        {
            outcome = await accounts.SignInAsync(locked, "wrong password " + tries);
        }
        while (outcome.Status != SignInStatus.Locked && ++tries < 50);

        using var answer = await OidcFlow.SubmitAsync(browser, await OidcFlow.SignInPageAsync(browser), locked, AccountDocuments.GoodPassword);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("verrouillé jusqu'au " + outcome.LockedUntil!.Value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm"), html);
        Assert.Contains("lien pour le déverrouiller", html);
    }

    [Fact]
    public async Task A_refresh_rereads_the_account_its_new_role_shows_and_a_deleted_account_gets_nothing()
    {
        var email = AccountMails.NewEmail();
        var accountId = await _mails.ConfirmedAsync(fixture.DefaultTenant, email);
        using var browser = fixture.NewBrowser();
        var (code, pkce) = await OidcFlow.CodeAsync(browser, email, AccountDocuments.GoodPassword);
        var tokens = await OidcFlow.RedeemCodeAsync(browser, code, pkce);

        await AccountRowAsync("update civic_accounts set role = 'moderator' where tenant = @tenant and id = @id", accountId);
        var (status, refreshed) = await OidcFlow.RefreshAsync(browser, tokens["refresh_token"]!.GetValue<string>());
        Assert.True(status == HttpStatusCode.OK, refreshed.ToJsonString());
        Assert.Equal("moderator", new JsonWebToken(refreshed["access_token"]!.GetValue<string>()).GetClaim("role").Value);

        await AccountRowAsync("update civic_accounts set deleted_at = now() where tenant = @tenant and id = @id", accountId);
        var (refused, error) = await OidcFlow.RefreshAsync(browser, refreshed["refresh_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("invalid_grant", error["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_replayed_refresh_token_is_refused_and_revokes_the_chain()
    {
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(fixture.DefaultTenant, email);
        using var browser = fixture.NewBrowser();
        var (code, pkce) = await OidcFlow.CodeAsync(browser, email, AccountDocuments.GoodPassword);
        var first = (await OidcFlow.RedeemCodeAsync(browser, code, pkce))["refresh_token"]!.GetValue<string>();

        var (ok, rotated) = await OidcFlow.RefreshAsync(browser, first);
        Assert.Equal(HttpStatusCode.OK, ok);
        var second = rotated["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(first, second);

        var (replayed, replayError) = await OidcFlow.RefreshAsync(browser, first);
        Assert.Equal(HttpStatusCode.BadRequest, replayed);
        Assert.Equal("invalid_grant", replayError["error"]!.GetValue<string>());

        // The thief's replay cut the whole chain: the legitimate newest token is dead too.
        var (afterReplay, afterError) = await OidcFlow.RefreshAsync(browser, second);
        Assert.Equal(HttpStatusCode.BadRequest, afterReplay);
        Assert.Equal("invalid_grant", afterError["error"]!.GetValue<string>());

        // And a code is single use.
        var (codeAgain, _) = await OidcFlow.TokenAsync(browser,
        [
            new("grant_type", "authorization_code"), new("client_id", OidcFixture.WebClient), new("code", code),
            new("redirect_uri", OidcFixture.RedirectUri), new("code_verifier", pkce.Verifier),
        ]);
        Assert.Equal(HttpStatusCode.BadRequest, codeAgain);
    }

    [Fact]
    public async Task A_code_is_refused_with_the_wrong_verifier_or_at_another_tenant()
    {
        var email = AccountMails.NewEmail();
        await _mails.ConfirmedAsync(fixture.DefaultTenant, email);
        using var browser = fixture.NewBrowser();
        var (code, _) = await OidcFlow.CodeAsync(browser, email, AccountDocuments.GoodPassword);

        var other = await fixture.NewTenantAsync();
        await fixture.RegisterWebClientAsync(other);
        using var otherHost = fixture.NewBrowser($"{other}.{OidcFixture.BaseDomain}");
        var (atOther, _) = await OidcFlow.TokenAsync(otherHost,
        [
            new("grant_type", "authorization_code"), new("client_id", OidcFixture.WebClient), new("code", code),
            new("redirect_uri", OidcFixture.RedirectUri), new("code_verifier", Pkce.New().Verifier),
        ]);
        Assert.Equal(HttpStatusCode.BadRequest, atOther);

        var (wrongVerifier, error) = await OidcFlow.TokenAsync(browser,
        [
            new("grant_type", "authorization_code"), new("client_id", OidcFixture.WebClient), new("code", code),
            new("redirect_uri", OidcFixture.RedirectUri), new("code_verifier", Pkce.New().Verifier),
        ]);
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier);
        Assert.Equal("invalid_grant", error["error"]!.GetValue<string>());
    }

    private async Task AccountRowAsync(string sql, string accountId)
    {
        await using var data = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = data.CreateCommand(sql.Replace("@tenant", "$1").Replace("@id", "$2"));
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = fixture.DefaultTenant });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = accountId });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());

        // The account's grain holds its row: let it go, so the next call reads the change.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
    }
}
