using System.Net;
using Xunit;

namespace Civic.Tests.Web;

/// <summary>The API host serves the built site at / with history fallback; the API's own paths keep their meaning.</summary>
[Collection("web")]
public sealed class WebSiteServing(WebFixture fixture)
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.BaseAddress };

    private static string Index => File.ReadAllText(Path.Combine(WebBuild.Dist, "index.html"));

    [Theory]
    [InlineData("/")]
    [InlineData("/campaigns/cmp_123")]
    [InlineData("/votes/v1/results")]
    public async Task A_page_path_answers_the_apps_index_html(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Index, await response.Content.ReadAsStringAsync());
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_build_assets_are_served_and_cached_for_good()
    {
        var script = System.Text.RegularExpressions.Regex.Match(Index, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        using var response = await _http.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        using var missing = await _http.GetAsync("/assets/nothing-here.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_first_page_loads_at_most_200_KB_of_compressed_javascript()
    {
        var scripts = System.Text.RegularExpressions.Regex.Matches(Index, "(?:src|href)=\"(/assets/[^\"]+\\.js)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        long compressed = 0;
        foreach (var script in scripts)
        {
            var bytes = await _http.GetByteArrayAsync(script);
            using var buffer = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            compressed += buffer.Length;
        }

        Assert.True(compressed <= 200 * 1024, $"{compressed} bytes of gzipped JavaScript on the first page");
    }

    [Fact]
    public async Task Graphql_and_the_other_api_paths_are_unchanged()
    {
        using var query = await _http.PostAsync("/graphql",
            new StringContent("""{"query":"{ tenant { slug name } }"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Contains(fixture.Tenant, await query.Content.ReadAsStringAsync());

        // A GET without a query is GraphQL-over-HTTP's answer, not the site's page.
        using var get = await _http.GetAsync("/graphql");
        Assert.NotEqual("text/html", get.Content.Headers.ContentType?.MediaType);

        using var health = await _http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var discovery = await _http.GetAsync("/.well-known/openid-configuration");
        Assert.Equal("application/json", discovery.Content.Headers.ContentType?.MediaType);
        foreach (var path in new[] { "/exports/nothing", "/receipts/nothing", "/webhooks/nothing", "/account/nothing", "/connect/nothing" })
        {
            using var response = await _http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
    }
}

/// <summary>Without a build, / says how to make one.</summary>
public sealed class WebSiteUnbuilt(UnbuiltWebFixture fixture) : IClassFixture<UnbuiltWebFixture>
{
    [Fact]
    public async Task The_home_page_says_how_to_build_the_site()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var response = await http.GetAsync("/campaigns");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("npm ci &amp;&amp; npm run build", await response.Content.ReadAsStringAsync());
    }
}
