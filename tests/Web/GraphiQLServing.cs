using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Civic.Api.Hosting;
using Microsoft.Extensions.Primitives;
using Xunit;

namespace Civic.Tests.Web;

/// <summary>
/// /graphql opened in a browser (GET, Accept: text/html) is GraphiQL, bundled by the site's build as a page of its own;
/// every GraphQL-over-HTTP request (JSON GET and POST) still gets GraphQL.
/// </summary>
[Collection("web")]
public sealed partial class GraphiQLServing(WebFixture fixture)
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private readonly HttpClient _http = new() { BaseAddress = fixture.BaseAddress };

    [Fact]
    public async Task A_browser_get_of_graphql_answers_the_graphiql_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"graphiql\"></div>", html);
        Assert.Contains("content=\"Development\"", html); // the test host runs in Development: the page offers a token field
        Assert.DoesNotContain("https://", html); // bundled: no CDN

        // Its script is served from the build, and is none of the site's first page.
        var script = ScriptPattern().Match(html).Groups[1].Value;
        Assert.NotEmpty(script);
        using var asset = await _http.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        var index = await File.ReadAllTextAsync(Path.Combine(WebBuild.Dist, "index.html"));
        Assert.DoesNotContain(script, index);
    }

    [Fact]
    public async Task Json_get_and_post_of_graphql_still_get_graphql()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B%20tenant%20%7B%20slug%20%7D%20%7D");
        get.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        get.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var got = await _http.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal("application/graphql-response+json", got.Content.Headers.ContentType?.MediaType);
        Assert.Contains(fixture.Tenant, await got.Content.ReadAsStringAsync());

        // A POST is GraphQL whatever it accepts; so is a GET naming JSON as high as HTML, or no type at all.
        using var post = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ tenant { slug } }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        post.Headers.TryAddWithoutValidation("Accept", "application/json, text/html");
        using var posted = await _http.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("application/json", posted.Content.Headers.ContentType?.MediaType);
        Assert.Contains(fixture.Tenant, await posted.Content.ReadAsStringAsync());

        foreach (var accept in new[] { "application/json, text/html", "*/*", "" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B%20tenant%20%7B%20slug%20%7D%20%7D");
            if (accept.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            using var response = await _http.SendAsync(request);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(fixture.Tenant, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData(BrowserAccept, true)]
    [InlineData("text/html", true)]
    [InlineData("text/html;q=0.9, application/json;q=0.5", true)]
    [InlineData("application/json, text/html", false)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", false)]
    [InlineData("text/html;q=0.4, application/json", false)]
    [InlineData("text/html;q=0", false)]
    [InlineData("*/*", false)]
    [InlineData("", false)]
    public void Only_an_accept_header_preferring_html_asks_for_the_page(string accept, bool page) =>
        Assert.Equal(page, GraphiQLPage.PrefersHtml(new StringValues(accept)));

    [GeneratedRegex("src=\"(/assets/[^\"]+\\.js)\"")]
    private static partial Regex ScriptPattern();
}
