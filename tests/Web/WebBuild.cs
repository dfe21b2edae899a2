using Civic.Tests.Api.Transport;

namespace Civic.Tests.Web;

/// <summary>
/// The reference site's folder (web/) and its build: <c>./civic test</c> builds it before the tests; a test run
/// started another way builds it here when web/dist is missing or older than its sources (the rule ./civic applies).
/// </summary>
public static class WebBuild
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string Directory { get; } = Find();

    public static string Dist => Path.Combine(Directory, "dist");

    /// <summary>Installs the npm packages and builds the site unless its build is current.</summary>
    public static async Task EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            await InteropFixture.EnsurePackagesAsync(Directory);
            if (IsCurrent())
            {
                return;
            }

            var build = await InteropFixture.RunAsync("npm", ["run", "build"], Directory, BuildTimeout);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException("npm run build failed in " + Directory + "\n" + build.Describe());
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool IsCurrent()
    {
        var index = new FileInfo(Path.Combine(Dist, "index.html"));
        if (!index.Exists)
        {
            return false;
        }

        var schema = Path.Combine(Directory, "..", "api", "schema.graphql");
        var sources = System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "src"), "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "gql" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Concat(new[] { "index.html", "graphiql.html", "package-lock.json", "codegen.yml", "vite.config.ts", "tsconfig.json" }.Select(f => Path.Combine(Directory, f)))
            .Append(schema);
        return sources.All(path => File.GetLastWriteTimeUtc(path) <= index.LastWriteTimeUtc);
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "web");
            if (File.Exists(Path.Combine(candidate, "package.json")) && File.Exists(Path.Combine(directory.FullName, "civic")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("web/package.json not found above " + AppContext.BaseDirectory);
    }
}
