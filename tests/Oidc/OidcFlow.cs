using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>One Authorization Code + PKCE sign-in driven over HTTP like a browser, and the token endpoint's answers.</summary>
public static partial class OidcFlow
{
    public const string Scopes = "openid profile email offline_access";

    /// <summary>Authorization request → sign-in form (answered once) → code at the redirect URI.</summary>
    public static async Task<(string Code, Pkce Pkce)> CodeAsync(Browser browser, string email, string password, string clientId = OidcFixture.WebClient)
    {
        var pkce = Pkce.New();
        var (location, page) = await FollowAsync(browser, Pkce.AuthorizeQuery(clientId, OidcFixture.RedirectUri, pkce, scope: Scopes));
        if (location is null)
        {
            using var posted = await SubmitAsync(browser, page!, email, password);
            Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
            (location, page) = await FollowAsync(browser, posted.Headers.Location!.OriginalString);
        }

        Assert.True(location is not null, "no code: " + page);
        Assert.StartsWith(OidcFixture.RedirectUri + "?", location);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.True(query.ContainsKey("code"), location);
        return (query["code"].ToString(), pkce);
    }

    /// <summary>Posts the sign-in form of <paramref name="page"/> with its antiforgery token.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(Browser browser, string page, string email, string password) =>
        browser.PostFormAsync("/account/sign-in",
        [
            new("__RequestVerificationToken", Field(page, "__RequestVerificationToken")),
            new("returnUrl", WebUtility.HtmlDecode(Field(page, "returnUrl"))),
            new("email", email),
            new("password", password),
        ]);

    /// <summary>The sign-in page the authorization request leads to (no session yet).</summary>
    public static async Task<string> SignInPageAsync(Browser browser)
    {
        var (location, page) = await FollowAsync(browser, Pkce.AuthorizeQuery(OidcFixture.WebClient, OidcFixture.RedirectUri, Pkce.New(), scope: Scopes));
        Assert.Null(location);
        return page!;
    }

    public static async Task<JsonNode> RedeemCodeAsync(Browser browser, string code, Pkce pkce, string clientId = OidcFixture.WebClient)
    {
        var (status, body) = await TokenAsync(browser,
        [
            new("grant_type", "authorization_code"),
            new("client_id", clientId),
            new("code", code),
            new("redirect_uri", OidcFixture.RedirectUri),
            new("code_verifier", pkce.Verifier),
        ]);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    public static Task<(HttpStatusCode Status, JsonNode Body)> RefreshAsync(Browser browser, string refreshToken, string clientId = OidcFixture.WebClient) =>
        TokenAsync(browser, [new("grant_type", "refresh_token"), new("client_id", clientId), new("refresh_token", refreshToken)]);

    public static async Task<(HttpStatusCode Status, JsonNode Body)> TokenAsync(Browser browser, IEnumerable<KeyValuePair<string, string>> form)
    {
        using var response = await browser.PostFormAsync("/connect/token", form);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Follows redirects on Civic; answers the first one that leaves it, or the page it stops at.</summary>
    private static async Task<(string? Location, string? Page)> FollowAsync(Browser browser, string url)
    {
        for (var hop = 0; hop < 8; hop++)
        {
            using var response = await browser.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                return (null, await response.Content.ReadAsStringAsync());
            }

            url = response.Headers.Location!.OriginalString;
            if (!url.StartsWith('/'))
            {
                return (url, null);
            }
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    private static string Field(string page, string name)
    {
        var match = Regex.Match(page, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no field {name} in\n{page}");
        return match.Groups[1].Value;
    }
}
