using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Civic.Api.Hosting;

/// <summary>Configuration section "Web": where the built reference site (web/dist) is.</summary>
public sealed class WebSiteOptions
{
    /// <summary>
    /// The folder holding the site's index.html and assets/; when unset, the first web/dist found in the current
    /// directory or above the host's binaries (a checkout: <c>./civic up</c>, the tests).
    /// </summary>
    public string? Root { get; set; }
}

/// <summary>
/// Serves the reference site (web/, built by Vite) at <c>/</c> for every tenant: the files of its build, and its
/// index.html for any other GET of a page (a path without a file extension) (history fallback), so a deep link opens the app. The API's own paths
/// keep their meaning: they never fall back to the site. Without a build, <c>/</c> says how to make one.
/// </summary>
public static class WebSite
{
    /// <summary>Paths the site never answers: the API's endpoints and the OpenID Connect provider's.</summary>
    private static readonly string[] ApiPrefixes =
        ["/graphql", "/exports", "/receipts", "/webhooks", "/health", "/account", "/.well-known", "/connect", "/metrics", "/dashboard"];

    private const string MissingBuild = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Civic: the site is not built</title></head>
        <body><h1>The web site is not built</h1>
        <p>Civic's API is running (GraphQL at <a href="/graphql">/graphql</a>), but the reference site has no build here.
        Build it with <code>./civic up</code> (which builds it when needed), or by hand:
        <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>, then reload this page.</p>
        </body></html>
        """;

    public static IServiceCollection AddCivicWebSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebSiteOptions>().Bind(configuration.GetSection("Web"));
        return services;
    }

    public static WebApplication MapCivicWebSite(this WebApplication app)
    {
        var root = ResolveRoot(app.Configuration.GetSection("Web").Get<WebSiteOptions>()?.Root);
        if (root is not null)
        {
            var files = new PhysicalFileProvider(root);
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context =>
                {
                    // Vite names assets by their content: they never change; index.html is revalidated.
                    context.Context.Response.Headers[HeaderNames.CacheControl] =
                        context.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";
                },
            });
        }

        app.MapMethods("/{**path:nonfile}", [HttpMethods.Get, HttpMethods.Head], async (HttpContext context) =>
        {
            var path = context.Request.Path;
            if (ApiPrefixes.Any(prefix => path.StartsWithSegments(prefix)))
            {
                return Results.NotFound();
            }

            var index = root is null ? null : Path.Combine(root, "index.html");
            if (index is null || !File.Exists(index))
            {
                return Results.Content(MissingBuild, "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            return Results.Text(await File.ReadAllTextAsync(index, context.RequestAborted), "text/html; charset=utf-8");
        }).WithDisplayName("Web site (history fallback)").WithOrder(int.MaxValue);
        return app;
    }

    /// <summary>The configured folder, else the first web/dist in the current directory or above the binaries.</summary>
    public static string? ResolveRoot(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "web", "dist");
                if (File.Exists(Path.Combine(directory.FullName, "web", "package.json")) && Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
