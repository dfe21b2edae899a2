using System.Text.Json;
using Civic.Tests.Api;
using Civic.Tests.Api.Transport;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Oidc;

/// <summary>
/// npm's openid-client 6.8.9 (a certified relying party library) against Civic on 127.0.0.1 as <c>./civic up</c>
/// serves the default tenant: discovery, Authorization Code + PKCE through the sign-in form, GraphQL with the
/// access token, userinfo, rotation and replay of refresh tokens, revocation and logout (tests/interop/oidc-client.mjs); and the
/// same through the tenant's external provider (a real oidc-provider on loopback) in place of the form.
/// </summary>
[Collection("oidc")]
public sealed class OpenIdClientInterop(OidcFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Openid_client_signs_in_calls_graphql_refreshes_and_logs_out()
    {
        var email = AccountMails.NewEmail();
        var accountId = await new AccountMails(fixture).ConfirmedAsync(fixture.DefaultTenant, email, name: "Dominique Roux");
        await InteropFixture.EnsurePackagesAsync(InteropFixture.FindInteropDirectory());

        var run = await InteropFixture.RunScriptAsync("oidc-client.mjs",
            fixture.Issuer, OidcFixture.WebClient, OidcFixture.RedirectUri, OidcFixture.PostLogoutUri, email, AccountDocuments.GoodPassword);
        output.WriteLine(run.Describe());
        Assert.True(run.ExitCode == 0, run.Describe());

        using var json = JsonDocument.Parse(run.LastLine);
        var result = json.RootElement;
        Assert.Equal(fixture.Issuer, result.GetProperty("issuer").GetString());

        var idToken = result.GetProperty("idToken");
        Assert.Equal(accountId, idToken.GetProperty("sub").GetString());
        Assert.Equal(email, idToken.GetProperty("email").GetString());
        Assert.Equal("Dominique Roux", idToken.GetProperty("name").GetString());
        Assert.Equal(fixture.DefaultTenant, idToken.GetProperty("tenant").GetString());
        Assert.Equal("member", idToken.GetProperty("role").GetString());

        var graphql = result.GetProperty("graphql");
        Assert.Equal(200, graphql.GetProperty("status").GetInt32());
        Assert.False(graphql.GetProperty("body").GetProperty("data").GetProperty("myVerification").GetProperty("verified").GetBoolean());
        Assert.Equal(accountId, result.GetProperty("userinfo").GetProperty("sub").GetString());
        Assert.Equal(email, result.GetProperty("userinfo").GetProperty("email").GetString());

        Assert.True(result.GetProperty("rotated").GetBoolean());
        Assert.Equal(200, result.GetProperty("refreshedGraphql").GetProperty("status").GetInt32());
        Assert.Equal("invalid_grant", result.GetProperty("replayError").GetString());
        Assert.Equal("invalid_grant", result.GetProperty("afterReplayError").GetString());
        Assert.Equal("invalid_grant", result.GetProperty("afterRevocationError").GetString());

        Assert.Equal(OidcFixture.PostLogoutUri, result.GetProperty("logoutRedirect").GetString());
        Assert.StartsWith("/account/sign-in", result.GetProperty("afterLogoutLocation").GetString());
    }

    [Fact]
    public async Task Openid_client_signs_in_through_the_tenants_upstream_provider_and_gets_civic_tokens()
    {
        var email = AccountMails.NewEmail("yanis");
        var subject = "yanis-" + Guid.NewGuid().ToString("N")[..8];
        await using var upstream = await UpstreamProvider.StartAsync(fixture.Issuer, new Dictionary<string, object>
        {
            [subject] = new { email, email_verified = true, name = "Yanis Morel" },
        });
        var key = "up-" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = fixture.Admin(fixture.DefaultTenant))
        {
            await admin.OkAsync(UpstreamProvider.Configure, upstream.Input(key));
        }

        await InteropFixture.EnsurePackagesAsync(InteropFixture.FindInteropDirectory());
        var run = await InteropFixture.RunScriptAsync("oidc-client.mjs",
            fixture.Issuer, OidcFixture.WebClient, OidcFixture.RedirectUri, OidcFixture.PostLogoutUri, "-", "-", key, subject);
        output.WriteLine(run.Describe());
        Assert.True(run.ExitCode == 0, run.Describe());

        using var json = JsonDocument.Parse(run.LastLine);
        var result = json.RootElement;
        var idToken = result.GetProperty("idToken");
        Assert.StartsWith("ac_", idToken.GetProperty("sub").GetString());
        Assert.Equal(email, idToken.GetProperty("email").GetString());
        Assert.Equal("Yanis Morel", idToken.GetProperty("name").GetString());
        Assert.Equal(fixture.DefaultTenant, idToken.GetProperty("tenant").GetString());
        Assert.Equal(200, result.GetProperty("graphql").GetProperty("status").GetInt32());
        Assert.True(result.GetProperty("rotated").GetBoolean());
        Assert.Equal(200, result.GetProperty("refreshedGraphql").GetProperty("status").GetInt32());
        Assert.Equal("invalid_grant", result.GetProperty("replayError").GetString());
        Assert.Equal(OidcFixture.PostLogoutUri, result.GetProperty("logoutRedirect").GetString());
    }
}
