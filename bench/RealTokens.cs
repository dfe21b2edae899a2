using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;

namespace Civic.Bench;

/// <summary>
/// Access tokens as a resident's front-end gets them: an account registered through GraphQL and confirmed with the
/// link of its mail (read from the outbox, as the mail would carry it), then Authorization Code + PKCE through the
/// sign-in page of the host's default tenant, and the code redeemed at the token endpoint. Nothing is signed here.
/// </summary>
public static partial class RealTokens
{
    public const string Password = "Cerisiers en fleur au printemps 42";
    private const string ClientId = "civic-web";

    /// <summary>One signed-in member per token, <paramref name="count"/> of them, a few at a time.</summary>
    public static async Task<IReadOnlyList<string>> SignInAsync(Uri host, string connectionString, string tenant, int count)
    {
        await using var db = new NpgsqlDataSourceBuilder(connectionString).Build();
        var tokens = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            tokens[i] = await SignInOneAsync(host, db, tenant, $"bench-{i}-{Guid.NewGuid():N}@example.org"));
        return tokens;
    }

    private static async Task<string> SignInOneAsync(Uri host, NpgsqlDataSource db, string tenant, string email)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = host, Timeout = TimeSpan.FromSeconds(60) };

        await GraphQLAsync(http, """
            mutation($email: String!, $password: String!) { register(email: $email, password: $password, displayName: "Testeur", locale: "fr") }
            """, new JsonObject { ["email"] = email, ["password"] = Password });
        await GraphQLAsync(http, "mutation($token: String!) { confirmEmail(token: $token) { id } }",
            new JsonObject { ["token"] = await Civic.Tools.DevHost.DemoAccounts.MailedLinkTokenAsync(db, tenant, email, "confirm-email") });

        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirectUri = new Uri(host, "/auth/callback").ToString();
        var url = "/connect/authorize?" + string.Join('&',
            $"client_id={ClientId}", "response_type=code", "scope=" + Uri.EscapeDataString("openid offline_access"),
            "redirect_uri=" + Uri.EscapeDataString(redirectUri), $"code_challenge={challenge}", "code_challenge_method=S256",
            "state=" + Base64Url(RandomNumberGenerator.GetBytes(8)));

        var (location, page) = await FollowAsync(http, url);
        if (location is null)
        {
            using var form = new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", Field(page!, "__RequestVerificationToken")),
                new("returnUrl", WebUtility.HtmlDecode(Field(page!, "returnUrl"))),
                new("email", email),
                new("password", Password),
            ]);
            using var posted = await http.PostAsync("/account/sign-in", form);
            if ((int)posted.StatusCode is not (302 or 303))
            {
                throw new InvalidOperationException($"sign-in answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
            }

            (location, page) = await FollowAsync(http, posted.Headers.Location!.OriginalString);
        }

        var code = location is not null && location.StartsWith(redirectUri + "?", StringComparison.Ordinal)
            ? Regex.Match(location, "[?&]code=([^&]+)").Groups[1].Value
            : throw new InvalidOperationException("no authorization code: " + (location ?? page));
        using var redeem = await http.PostAsync("/connect/token", new FormUrlEncodedContent(
        [
            new("grant_type", "authorization_code"), new("client_id", ClientId), new("code", Uri.UnescapeDataString(code)),
            new("redirect_uri", redirectUri), new("code_verifier", verifier),
        ]));
        var body = JsonNode.Parse(await redeem.Content.ReadAsStringAsync());
        return redeem.IsSuccessStatusCode && body?["access_token"]?.GetValue<string>() is { } token
            ? token
            : throw new InvalidOperationException($"the token endpoint answered {(int)redeem.StatusCode}: {body}");
    }

    private static async Task GraphQLAsync(HttpClient http, string query, JsonObject variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || JsonNode.Parse(body)?["errors"] is not null)
        {
            throw new InvalidOperationException($"GraphQL answered {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Follows redirects within the host; answers the first one that leaves it, or the page it stops at.</summary>
    private static async Task<(string? Location, string? Page)> FollowAsync(HttpClient http, string url)
    {
        for (var hop = 0; hop < 8; hop++)
        {
            using var response = await http.GetAsync(url);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307))
            {
                return (null, await response.Content.ReadAsStringAsync());
            }

            url = response.Headers.Location!.OriginalString;
            if (!url.StartsWith('/'))
            {
                return (url, null);
            }
        }

        throw new InvalidOperationException("too many redirects");
    }

    private static string Field(string page, string name)
    {
        var match = Regex.Match(page, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value
            : throw new InvalidOperationException($"no field {name} on the sign-in page: {page[..Math.Min(page.Length, 500)]}");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
