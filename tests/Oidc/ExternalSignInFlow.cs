using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Civic.Api.Oidc;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>
/// External sign-in per tenant through a real upstream provider (oidc-provider on loopback, see <see cref="UpstreamProvider"/>):
/// an admin configures it, a browser picks its button on Civic's sign-in page, signs in there, comes back, and the front-end
/// gets Civic's own code and tokens; linking, refusals of forged callbacks, tenant isolation and the protected secret.
/// </summary>
[Collection("oidc")]
public sealed class ExternalSignInFlow(OidcFixture fixture)
{
    private const string MyAccount = "{ myAccount { id email displayName emailConfirmed } }";

    [Fact]
    public async Task A_person_signs_in_through_the_upstream_provider_gets_civic_tokens_and_comes_back_to_the_same_account()
    {
        var email = AccountMails.NewEmail("lea");
        var subject = "lea-" + Guid.NewGuid().ToString("N")[..8];
        await using var upstream = await UpstreamProvider.StartAsync(fixture.Issuer, new Dictionary<string, object>
        {
            [subject] = new { email, email_verified = true, name = "Léa Dubois", birthdate = "1990-04-01" },
        });
        var key = await ConfigureAsync(upstream);

        var first = await SignInThroughAsync(upstream, key, subject);
        using var member = fixture.Client(null, first);
        var account = (await member.OkAsync(MyAccount))["myAccount"]!;
        Assert.Equal(email, account["email"]!.GetValue<string>());
        Assert.Equal("Léa Dubois", account["displayName"]!.GetValue<string>());
        Assert.True(account["emailConfirmed"]!.GetValue<bool>()); // the upstream verified the address
        Assert.Equal(new JsonWebToken(first).Subject, account["id"]!.GetValue<string>());

        var second = await SignInThroughAsync(upstream, key, subject);
        Assert.Equal(new JsonWebToken(first).Subject, new JsonWebToken(second).Subject);
        Assert.Equal(1L, await ScalarAsync("select count(*) from civic_external_logins where tenant = $1 and provider = $2", fixture.DefaultTenant, key));
    }

    [Fact]
    public async Task A_provider_that_vouches_for_residency_verifies_the_account_with_its_district_and_birth_date_and_one_identity_verifies_one_account()
    {
        var resident = "res-" + Guid.NewGuid().ToString("N")[..8];
        var elsewhere = "out-" + Guid.NewGuid().ToString("N")[..8];
        var undated = "nob-" + Guid.NewGuid().ToString("N")[..8];
        await using var upstream = await UpstreamProvider.StartAsync(fixture.Issuer, new Dictionary<string, object>
        {
            [resident] = new { email = AccountMails.NewEmail("ines"), email_verified = true, name = "Inès Roux", birthdate = "2001-02-03", resident_district = "north" },
            [elsewhere] = new { email = AccountMails.NewEmail("tom"), email_verified = true, name = "Tom Blanc", birthdate = "1980-01-01", resident_district = "false" },
            [undated] = new { email = AccountMails.NewEmail("noa"), email_verified = true, name = "Noa Vidal", resident_district = true },
        });
        var key = await ConfigureAsync(upstream, residencyClaim: "resident_district");
        const string Verification = "{ myVerification { verified district age } }";

        var token = await SignInThroughAsync(upstream, key, resident);
        using (var member = fixture.Client(null, token))
        {
            var verification = (await member.OkAsync(Verification))["myVerification"]!;
            Assert.True(verification["verified"]!.GetValue<bool>());
            Assert.Equal("north", verification["district"]!.GetValue<string>());
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            Assert.Equal(today.Year - 2001 - (today < new DateOnly(today.Year, 2, 3) ? 1 : 0), verification["age"]!.GetValue<int>());
        }

        using (var outsider = fixture.Client(null, await SignInThroughAsync(upstream, key, elsewhere)))
        {
            Assert.False((await outsider.OkAsync(Verification))["myVerification"]!["verified"]!.GetValue<bool>());
        }

        using (var noBirthDate = fixture.Client(null, await SignInThroughAsync(upstream, key, undated)))
        {
            var verification = (await noBirthDate.OkAsync(Verification))["myVerification"]!;
            Assert.True(verification["verified"]!.GetValue<bool>());
            Assert.Null(verification["district"]);
            Assert.Null(verification["age"]); // unknown: a vote with a minimum age refuses it (VoteEligibility)
        }

        // The same upstream identity vouching for another account (as after deleting the first and coming back) verifies nobody.
        var census = fixture.Services.GetRequiredService<IClusterClient>().GetGrain<ICensusGrain>(fixture.DefaultTenant);
        var other = await new AccountMails(fixture).ConfirmedAsync(fixture.DefaultTenant, AccountMails.NewEmail());
        Assert.False((await census.AttestAsync(other, key, resident, new VouchedResidency(new DateOnly(2001, 2, 3), "north"))).Verified);
        Assert.Equal(1L, await ScalarAsync("select count(*) from civic_census_attestations where tenant = $1 and provider = $2 and subject = $3",
            fixture.DefaultTenant, key, resident));
    }

    [Fact]
    public async Task A_verified_address_links_the_existing_account_and_an_unverified_one_does_not_take_it()
    {
        var email = AccountMails.NewEmail("sam");
        var accountId = await new AccountMails(fixture).ConfirmedAsync(fixture.DefaultTenant, email, name: "Sam Petit");
        await using var upstream = await UpstreamProvider.StartAsync(fixture.Issuer, new Dictionary<string, object>
        {
            ["verified"] = new { email, email_verified = true, name = "Samuel Petit" },
            ["unverified"] = new { email, email_verified = false, name = "Someone Else" },
        });
        var key = await ConfigureAsync(upstream);

        Assert.Equal(accountId, new JsonWebToken(await SignInThroughAsync(upstream, key, "verified")).Subject);

        using var browser = fixture.NewBrowser();
        var (_, upstreamUrl) = await StartAsync(browser, key);
        using var refused = await browser.GetAsync(await upstream.SignInAsync(browser, upstreamUrl, "unverified"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.Equal(0L, await ScalarAsync("select count(*) from civic_external_logins where tenant = $1 and provider = $2 and subject = 'unverified'", fixture.DefaultTenant, key));
    }

    [Fact]
    public async Task A_new_person_with_an_unverified_address_gets_an_unconfirmed_account_and_the_confirmation_mail()
    {
        var email = AccountMails.NewEmail("ines");
        await using var upstream = await UpstreamProvider.StartAsync(fixture.Issuer, new Dictionary<string, object>
        {
            ["ines"] = new { email, email_verified = false, name = "Inès Morel" },
        });
        var key = await ConfigureAsync(upstream);

        using var browser = fixture.NewBrowser();
        var (_, upstreamUrl) = await StartAsync(browser, key);
        using var back = await browser.GetAsync(await upstream.SignInAsync(browser, upstreamUrl, "ines"));
        Assert.Equal(HttpStatusCode.Forbidden, back.StatusCode); // no session before the address is confirmed
        var mails = await new AccountMails(fixture).ToAsync(fixture.DefaultTenant, email, "confirm-email");
        Assert.Single(mails);
        Assert.Equal(1L, await ScalarAsync("select count(*) from civic_accounts where tenant = $1 and email = $2 and password_hash is null and email_confirmed_at is null",
            fixture.DefaultTenant, email));
    }

    [Fact]
    public async Task A_forged_state_a_swapped_code_a_callback_in_another_browser_and_a_replayed_callback_are_refused()
    {
        await using var upstream = await UpstreamProvider.StartAsync(fixture.Issuer, new Dictionary<string, object>
        {
            ["noa"] = new { email = AccountMails.NewEmail("noa"), email_verified = true, name = "Noa Leroy" },
        });
        var key = await ConfigureAsync(upstream);

        // The state is not the one this browser's flow sealed.
        using (var browser = fixture.NewBrowser())
        {
            var callback = await UpstreamCallbackAsync(browser, upstream, key);
            using var forged = await browser.GetAsync(Replace(callback, "state", "forged-state"));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        // The code is not one the upstream issued for this flow (its PKCE verifier, its redirect URI).
        using (var browser = fixture.NewBrowser())
        {
            var callback = await UpstreamCallbackAsync(browser, upstream, key);
            using var swapped = await browser.GetAsync(Replace(callback, "code", "not-the-upstream-code"));
            Assert.Equal(HttpStatusCode.BadRequest, swapped.StatusCode);
        }

        // A genuine callback delivered to another browser (no sealed flow), then used twice by its own.
        using (var browser = fixture.NewBrowser())
        {
            var callback = await UpstreamCallbackAsync(browser, upstream, key);
            using (var thief = fixture.NewBrowser())
            using (var stolen = await thief.GetAsync(callback))
            {
                Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
            }

            using var genuine = await browser.GetAsync(callback);
            Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
            Assert.StartsWith(OidcEndpoints.AuthorizePath + "?", genuine.Headers.Location!.OriginalString);
            using var replayed = await browser.GetAsync(callback);
            Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        }
    }

    [Fact]
    public async Task Another_tenants_sign_in_page_does_not_offer_the_provider_nor_start_it()
    {
        await using var upstream = await UpstreamProvider.StartAsync(fixture.Issuer, new Dictionary<string, object>());
        var key = await ConfigureAsync(upstream);
        using var own = fixture.NewBrowser();
        Assert.Contains($"data-provider=\"{key}\"", await OidcFlow.SignInPageAsync(own));

        var other = await fixture.NewTenantAsync();
        using var elsewhere = fixture.NewBrowser(other + "." + OidcFixture.BaseDomain);
        using var page = await elsewhere.GetAsync(OidcEndpoints.SignInPath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(key, await page.Content.ReadAsStringAsync());
        using var start = await elsewhere.GetAsync("/account/external/" + key);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        using var otherAdmin = fixture.Admin(other);
        Assert.Empty((await otherAdmin.OkAsync("{ signInProviders { key } }"))["signInProviders"]!.AsArray());
        Assert.False((await otherAdmin.OkAsync("mutation($k: String!) { removeSignInProvider(key: $k) }", new { k = key }))["removeSignInProvider"]!.GetValue<bool>());

        // Removed by its own tenant's admin: no button, no start.
        using var admin = fixture.Admin(fixture.DefaultTenant);
        Assert.True((await admin.OkAsync("mutation($k: String!) { removeSignInProvider(key: $k) }", new { k = key }))["removeSignInProvider"]!.GetValue<bool>());
        using var after = fixture.NewBrowser();
        Assert.DoesNotContain($"data-provider=\"{key}\"", await OidcFlow.SignInPageAsync(after));
        using var gone = await after.GetAsync("/account/external/" + key);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task The_client_secret_is_stored_protected_never_answered_and_the_input_is_bounded()
    {
        await using var upstream = await UpstreamProvider.StartAsync(fixture.Issuer, new Dictionary<string, object>());
        var key = await ConfigureAsync(upstream);

        using var admin = fixture.Admin(fixture.DefaultTenant);
        var listed = await admin.SendAsync("{ signInProviders { key displayName authority clientId scopes nameClaim birthDateClaim residencyClaim } }");
        Assert.Contains(key, listed.Body);
        Assert.DoesNotContain(upstream.ClientSecret, listed.Body);
        var fields = await admin.OkAsync("{ __type(name: \"SignInProvider\") { fields { name } } }");
        Assert.DoesNotContain(fields["__type"]!["fields"]!.AsArray(), f => f!["name"]!.GetValue<string>().Contains("secret", StringComparison.OrdinalIgnoreCase));

        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select protected_secret from civic_sign_in_providers where tenant = $1 and key = $2", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = fixture.DefaultTenant });
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            var stored = (byte[])(await command.ExecuteScalarAsync())!;
            Assert.True(stored.Length > upstream.ClientSecret.Length);
            Assert.DoesNotContain(upstream.ClientSecret, Encoding.UTF8.GetString(stored));
            Assert.DoesNotContain(upstream.ClientSecret, Convert.ToBase64String(stored));
        }

        foreach (var (authority, scopes) in new[]
        {
            ("http://idp.example.org", new[] { "openid" }),            // http only on loopback
            ("https://idp.example.org/?tenant=x", new[] { "openid" }), // no query
            ("idp.example.org", new[] { "openid" }),                   // absolute
            ("https://idp.example.org", new[] { "email" }),            // openid required
            ("https://idp.example.org", Enumerable.Range(0, 11).Select(i => "s" + i).Append("openid").ToArray()),
        })
        {
            var result = await admin.SendAsync(UpstreamProvider.Configure, new
            {
                input = new { key = "bad", displayName = "Bad", authority, clientId = "civic", clientSecret = "x", scopes },
            });
            Assert.True(result.FirstCode == ErrorCodes.Validation, $"{authority} {string.Join(' ', scopes)}: {result.Body}");
        }
    }

    /// <summary>Configures the upstream on the default tenant under a fresh key, as its admin.</summary>
    private async Task<string> ConfigureAsync(UpstreamProvider upstream, string? residencyClaim = null)
    {
        var key = "up-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = fixture.Admin(fixture.DefaultTenant);
        var configured = (await admin.OkAsync(UpstreamProvider.Configure, upstream.Input(key, residencyClaim: residencyClaim)))["configureSignInProvider"]!;
        Assert.Equal(upstream.Issuer, configured["authority"]!.GetValue<string>());
        Assert.Equal("birthdate", configured["birthDateClaim"]!.GetValue<string>());
        return key;
    }

    /// <summary>The whole round: Civic's authorization request, the provider's button, the upstream, back, Civic's code and tokens.</summary>
    private async Task<string> SignInThroughAsync(UpstreamProvider upstream, string key, string subject)
    {
        using var browser = fixture.NewBrowser();
        var (pkce, upstreamUrl) = await StartAsync(browser, key);
        var callback = await upstream.SignInAsync(browser, upstreamUrl, subject);
        Assert.StartsWith(fixture.Issuer + "account/external/callback?", callback);

        using var back = await browser.GetAsync(callback);
        Assert.True(back.StatusCode == HttpStatusCode.Redirect, $"the callback answered {(int)back.StatusCode}: {await back.Content.ReadAsStringAsync()}");
        using var authorized = await browser.GetAsync(back.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        var location = authorized.Headers.Location!.OriginalString;
        Assert.StartsWith(OidcFixture.RedirectUri + "?", location);
        var code = QueryHelpers.ParseQuery(new Uri(location).Query)["code"].ToString();
        var tokens = await OidcFlow.RedeemCodeAsync(browser, code, pkce);
        return tokens["access_token"]!.GetValue<string>();
    }

    /// <summary>Starts Civic's authorization request and follows the provider's button; answers the upstream's authorization URL.</summary>
    private static async Task<(Pkce Pkce, string UpstreamUrl)> StartAsync(Browser browser, string key)
    {
        var pkce = Pkce.New();
        using var authorize = await browser.GetAsync(Pkce.AuthorizeQuery(OidcFixture.WebClient, OidcFixture.RedirectUri, pkce, scope: OidcFlow.Scopes));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        using var signIn = await browser.GetAsync(authorize.Headers.Location!.OriginalString);
        var page = await signIn.Content.ReadAsStringAsync();
        var button = Regex.Match(page, $"data-provider=\"{Regex.Escape(key)}\" href=\"([^\"]+)\"");
        Assert.True(button.Success, "no button for " + key + " in\n" + page);
        using var start = await browser.GetAsync(WebUtility.HtmlDecode(button.Groups[1].Value));
        Assert.True(start.StatusCode == HttpStatusCode.Redirect, $"the button answered {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        var upstreamUrl = start.Headers.Location!.OriginalString;
        var query = QueryHelpers.ParseQuery(new Uri(upstreamUrl).Query);
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        return (pkce, upstreamUrl);
    }

    private static async Task<string> UpstreamCallbackAsync(Browser browser, UpstreamProvider upstream, string key)
    {
        var (_, upstreamUrl) = await StartAsync(browser, key);
        return await upstream.SignInAsync(browser, upstreamUrl, "noa");
    }

    private static string Replace(string url, string name, string value)
    {
        var uri = new Uri(url);
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query[name] = value;
        return uri.GetLeftPart(UriPartial.Path) + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }

    private async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
