using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Civic.Api.Hosting;

/// <summary>
/// The developers' GraphiQL at <c>/graphql</c>: a browser's GET (one that asks for <c>text/html</c> above every JSON
/// type) gets the page the site's build holds (web/dist/graphiql.html, bundled from npm: no CDN), with the schema's
/// documentation, a tenant selector and, in Development, a token field. Every other request to <c>/graphql</c>
/// (GraphQL-over-HTTP GET and POST, WebSocket) goes on to the API unchanged, and so does a browser's GET when the
/// build has no GraphiQL page.
/// </summary>
public static class GraphiQLPage
{
    public const string FileName = "graphiql.html";

    /// <summary>The marker of graphiql.html that tells the page whether the host runs in Development.</summary>
    private const string EnvironmentMarker = "<meta name=\"civic-environment\" content=\"Production\" />";

    public static WebApplication UseCivicGraphiQL(this WebApplication app)
    {
        var root = WebSite.ResolveRoot(app.Configuration.GetSection("Web").Get<WebSiteOptions>()?.Root);
        var development = app.Environment.IsDevelopment();
        app.Use(async (context, next) =>
        {
            var page = root is null ? null : Path.Combine(root, FileName);
            if (!context.Request.Path.Equals("/graphql", StringComparison.Ordinal) || !IsBrowserPageRequest(context.Request)
                || page is null || !File.Exists(page))
            {
                await next(context);
                return;
            }

            var html = await File.ReadAllTextAsync(page, context.RequestAborted);
            if (development)
            {
                html = html.Replace(EnvironmentMarker, EnvironmentMarker.Replace("Production", "Development", StringComparison.Ordinal), StringComparison.Ordinal);
            }

            var headers = context.Response.Headers;
            headers[HeaderNames.CacheControl] = "no-cache";
            headers[HeaderNames.Vary] = HeaderNames.Accept;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            context.Response.ContentType = "text/html; charset=utf-8";
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.WriteAsync(html, context.RequestAborted);
            }
        });
        return app;
    }

    /// <summary>A GET or HEAD that is no WebSocket upgrade and prefers HTML to JSON (see <see cref="PrefersHtml"/>).</summary>
    public static bool IsBrowserPageRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && StringValues.IsNullOrEmpty(request.Headers.Upgrade)
        && PrefersHtml(request.Headers.Accept);

    /// <summary>
    /// True when the Accept header names <c>text/html</c> with a quality above that of every JSON type it names
    /// (<c>application/json</c>, <c>application/graphql-response+json</c>). A browser's navigation
    /// (<c>text/html,...,*/*;q=0.8</c>) does; GraphQL clients, which name a JSON type or nothing, never do.
    /// </summary>
    public static bool PrefersHtml(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return false;
        }

        double html = 0, json = 0;
        var namesHtml = false;
        foreach (var range in ranges)
        {
            var quality = range.Quality ?? 1d;
            if (range.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                namesHtml = true;
                html = Math.Max(html, quality);
            }
            else if (range.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || range.MediaType.Equals("application/graphql-response+json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, quality);
            }
        }

        return namesHtml && html > 0 && html > json;
    }
}
