using System.Net;
using System.Text.Json.Nodes;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>Discovery, JWKS and the refusals of the authorization endpoint, per tenant (issuer = the tenant's base URL).</summary>
[Collection("oidc")]
public sealed class OidcProviderEndpoints(OidcFixture fixture)
{
    [Fact]
    public async Task Discovery_names_the_tenant_issuer_and_only_the_code_flow_with_S256()
    {
        using var browser = fixture.NewBrowser();
        var discovery = await browser.JsonAsync("/.well-known/openid-configuration");

        Assert.Equal(fixture.Issuer, discovery["issuer"]!.GetValue<string>());
        Assert.Equal(["code"], Strings(discovery["response_types_supported"]));
        Assert.Equal(["S256"], Strings(discovery["code_challenge_methods_supported"]));
        var grants = Strings(discovery["grant_types_supported"]);
        Assert.Contains("authorization_code", grants);
        Assert.Contains("refresh_token", grants);
        Assert.DoesNotContain("password", grants);
        Assert.DoesNotContain("implicit", grants);
        Assert.Equal(fixture.Issuer + "connect/endsession", discovery["end_session_endpoint"]!.GetValue<string>());
        Assert.Equal(fixture.Issuer + "connect/revoke", discovery["revocation_endpoint"]!.GetValue<string>());
        Assert.Equal(fixture.Issuer + ".well-known/jwks", discovery["jwks_uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_tenant_host_is_its_own_issuer_and_an_unknown_host_has_none()
    {
        var other = await fixture.NewTenantAsync();
        using var browser = fixture.NewBrowser($"{other}.{OidcFixture.BaseDomain}");
        var discovery = await browser.JsonAsync("/.well-known/openid-configuration");
        Assert.Equal(browser.Origin + "/", discovery["issuer"]!.GetValue<string>());

        using var nowhere = fixture.NewBrowser($"nosuchtenant.{OidcFixture.BaseDomain}");
        using var response = await nowhere.GetAsync("/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Jwks_publishes_the_stored_public_signing_key_only()
    {
        using var browser = fixture.NewBrowser();
        var jwks = await browser.JsonAsync("/.well-known/jwks");
        var keys = jwks["keys"]!.AsArray();
        var signing = Assert.Single(keys, k => k!["use"]?.GetValue<string>() == "sig");
        Assert.Equal("RSA", signing!["kty"]!.GetValue<string>());
        Assert.Null(signing["d"]);
        var stored = await PostgresServerFixture.ScalarAsync<string>(fixture.ConnectionString, "select key_id from civic_oidc_keys where use = 'signing'");
        Assert.Equal(stored, signing["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_of_another_tenant_is_unknown_here()
    {
        var other = await fixture.NewTenantAsync();
        await fixture.RegisterWebClientAsync(other, "only-" + other);

        using var browser = fixture.NewBrowser(); // the default tenant's issuer
        using var response = await browser.GetAsync(Pkce.AuthorizeQuery("only-" + other, OidcFixture.RedirectUri, Pkce.New()));

        await AssertRefusedWithoutRedirectAsync(response, "client_id");

        // On its own tenant's host, the same request goes on to the sign-in page.
        using var own = fixture.NewBrowser($"{other}.{OidcFixture.BaseDomain}");
        using var accepted = await own.GetAsync(Pkce.AuthorizeQuery("only-" + other, OidcFixture.RedirectUri, Pkce.New()));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.StartsWith("/account/sign-in?returnUrl=", accepted.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_redirect_uri_that_is_not_registered_is_refused_without_redirecting()
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.GetAsync(Pkce.AuthorizeQuery(OidcFixture.WebClient, "http://127.0.0.1:5080/elsewhere", Pkce.New()));
        await AssertRefusedWithoutRedirectAsync(response, "redirect_uri");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("plain")]
    public async Task A_request_without_an_S256_code_challenge_is_refused(string? method)
    {
        using var browser = fixture.NewBrowser();
        var query = method is null
            ? Pkce.AuthorizeQuery(OidcFixture.WebClient, OidcFixture.RedirectUri, null)
            : Pkce.AuthorizeQuery(OidcFixture.WebClient, OidcFixture.RedirectUri, Pkce.New(), method);
        using var response = await browser.GetAsync(query);

        // OpenIddict checks PKCE before the redirect URI: it answers here, and never issues a code.
        await AssertRefusedWithoutRedirectAsync(response, "code_challenge");
    }

    [Fact]
    public async Task A_valid_request_without_a_session_goes_to_the_sign_in_page_in_the_browser_language()
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.GetAsync(Pkce.AuthorizeQuery(OidcFixture.WebClient, OidcFixture.RedirectUri, Pkce.New()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var signIn = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/sign-in?returnUrl=%2Fconnect%2Fauthorize%3F", signIn);

        using var french = await browser.GetAsync(signIn);
        var html = await french.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, french.StatusCode);
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("Ville de " + fixture.DefaultTenant, html);
        Assert.Contains("Mot de passe", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
        Assert.DoesNotContain("http://", html.Replace(fixture.Issuer, "", StringComparison.Ordinal)); // no external asset

        using var request = new HttpRequestMessage(HttpMethod.Get, signIn);
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        using var english = await browser.SendAsync(request);
        var englishHtml = await english.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", englishHtml);
        Assert.Contains("Password", englishHtml);
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_post_without_its_antiforgery_token()
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.PostFormAsync("/account/sign-in",
            [new("email", "someone@example.org"), new("password", "whatever-password"), new("returnUrl", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expiré", await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertRefusedWithoutRedirectAsync(HttpResponseMessage response, string parameter)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {response.Headers.Location}\n{body}");
        Assert.Null(response.Headers.Location);
        Assert.Contains(parameter, body);
    }

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<string>())];
}
