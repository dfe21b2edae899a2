using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Civic.Api.Oidc;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>
/// Civic in one process as <c>./civic up</c> runs it, with <c>Tenancy:DefaultTenant</c> set (127.0.0.1 serves
/// <see cref="DefaultTenant"/>, as it serves the demo tenant there) and <c>Tenancy:BaseDomain</c> "civic.test", so
/// that a test reaches another tenant's issuer by sending the Host header "&lt;slug&gt;.civic.test".
/// </summary>
public class OidcFixture : ApiFixture, IAsyncLifetime
{
    public const string BaseDomain = "civic.test";
    public const string WebClient = "civic-web";
    public const string RedirectUri = "http://127.0.0.1:5080/auth/callback";
    public const string PostLogoutUri = "http://127.0.0.1:5080/";

    public string DefaultTenant { get; } = "oidc" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The issuer of <see cref="DefaultTenant"/>: the base URL of 127.0.0.1.</summary>
    public string Issuer => BaseAddress.GetLeftPart(UriPartial.Authority) + "/";

    protected override IEnumerable<KeyValuePair<string, string?>> Overrides =>
    [
        new("Tenancy:DefaultTenant", DefaultTenant),
        new("Tenancy:BaseDomain", BaseDomain),
    ];

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateTenantAsync(DefaultTenant);
        await RegisterWebClientAsync(DefaultTenant);
    }

    public async Task CreateTenantAsync(string slug) =>
        await Grains.GetGrain<ITenantGrain>(slug).CreateAsync(
            new CreateTenant("Ville de " + slug, "fr", new Branding("#1d4ed8", "#ffffff", null), [TenantModule.Crowdfunding, TenantModule.Votes], []),
            new Actor(slug, "operator", Role.Operator));

    public Task<OidcClient> RegisterWebClientAsync(string tenant, string clientId = WebClient) =>
        Services.GetRequiredService<OidcClients>().RegisterAsync(tenant, new OidcClient(clientId, "Web", [RedirectUri], [PostLogoutUri]));

    /// <summary>A browser: cookies kept, redirects not followed (the tests look at each one).</summary>
    public Browser NewBrowser(string? host = null) => new(BaseAddress, host);
}

/// <summary>An HTTP client with a cookie jar that sends every request to 127.0.0.1 with the given Host header.</summary>
public sealed class Browser : IDisposable
{
    private readonly HttpClient _http;
    private readonly string? _host;

    public Browser(Uri baseAddress, string? host)
        : this(baseAddress, host, baseAddress.Port)
    {
    }

    /// <summary>A browser whose Host header names <paramref name="host"/>:<paramref name="port"/> (another node's address, say).</summary>
    public Browser(Uri baseAddress, string? host, int port)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseAddress,
        };
        _host = host is null ? null : host + ":" + port;
    }

    /// <summary>The base URL the server sees, and so its issuer.</summary>
    public string Origin => _host is null ? _http.BaseAddress!.GetLeftPart(UriPartial.Authority) : "http://" + _host;

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) => SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery));

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> form, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return SendAsync(request);
    }

    public async Task<JsonNode> JsonAsync(string pathAndQuery)
    {
        using var response = await GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {pathAndQuery}: {(int)response.StatusCode}\n{body}");
        return JsonNode.Parse(body)!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_host is not null)
        {
            request.Headers.Host = _host;
        }

        return _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A PKCE pair (RFC 7636) and the query of an authorization request.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce New()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return new(verifier, WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string AuthorizeQuery(string clientId, string redirectUri, Pkce? pkce, string method = "S256", string scope = "openid profile email offline_access") =>
        "/connect/authorize" + Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = "st" + Guid.NewGuid().ToString("N")[..8],
            ["code_challenge"] = pkce is null ? null : method == "plain" ? pkce.Verifier : pkce.Challenge,
            ["code_challenge_method"] = pkce is null ? null : method,
        }.Where(p => p.Value is not null));
}

[CollectionDefinition("oidc")]
public sealed class OidcCollection : ICollectionFixture<OidcFixture>
{
}
