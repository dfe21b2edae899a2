using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using Civic.Tools.DevHost;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>
/// What <c>./civic up</c> seeds for people (issue 10): a demo admin and member who sign in with the password it
/// prints, made through the real flows (registration and confirmation, the operator's invitation), and a
/// second start that changes nothing. Then the admin signs in through the demo tenant's sign-in page.
/// </summary>
[Collection("oidc")]
public sealed class DemoSeedAccounts(OidcFixture fixture)
{
    [Fact]
    public async Task The_demo_admin_and_member_sign_in_with_the_printed_password_and_a_second_start_changes_nothing()
    {
        var data = Directory.CreateTempSubdirectory("civic-demo-");
        try
        {
            var password = DevSecrets.DemoPassword(data.FullName);
            Assert.Equal(password, DevSecrets.DemoPassword(data.FullName));
            Assert.Matches("^demo-[a-z2-9]{20}$", password);

            await DemoSeed.EnsureAsync(fixture.Grains, TimeProvider.System);
            Assert.Null(await DemoAccounts.EnsureAsync(fixture.Grains, fixture.ConnectionString, password));
            var mails = await MailsAsync();

            var accounts = fixture.Grains.GetGrain<IAccountsGrain>(DemoSeed.Tenant);
            var admin = await accounts.SignInAsync(DemoAccounts.AdminEmail, password);
            var member = await accounts.SignInAsync(DemoAccounts.MemberEmail, password);
            Assert.Equal((SignInStatus.SignedIn, Role.Admin), (admin.Status, admin.Account!.Role));
            Assert.Equal((SignInStatus.SignedIn, Role.Member), (member.Status, member.Account!.Role));
            Assert.Equal(SignInStatus.InvalidCredentials, (await accounts.SignInAsync(DemoAccounts.AdminEmail, password + "x")).Status);

            // Started again: the accounts sign in already, so nothing is registered, invited or mailed.
            Assert.Null(await DemoAccounts.EnsureAsync(fixture.Grains, fixture.ConnectionString, password));
            Assert.Equal(mails, await MailsAsync());

            // The admin signs in through the demo tenant's sign-in page and gets an access token saying admin.
            await fixture.RegisterWebClientAsync(DemoSeed.Tenant);
            using var browser = fixture.NewBrowser($"{DemoSeed.Tenant}.{OidcFixture.BaseDomain}");
            var (code, pkce) = await OidcFlow.CodeAsync(browser, DemoAccounts.AdminEmail, password);
            var tokens = await OidcFlow.RedeemCodeAsync(browser, code, pkce);
            var access = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens["access_token"]!.GetValue<string>());
            Assert.Equal(("admin", DemoSeed.Tenant), (access.GetClaim("role").Value, access.GetClaim("tenant").Value));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private Task<long> MailsAsync() => PostgresServerFixture.ScalarAsync<long>(fixture.ConnectionString,
        "select count(*) from civic_mail_outbox where tenant = @t", ("t", DemoSeed.Tenant));
}
