using System.Text.Json;
using System.Text.Json.Nodes;
using Civic.Tests.Api.Transport;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// Runs one browser journey of web/e2e (a script on web/e2e/harness.mjs) with its configuration, and holds every
/// journey to the same bar: no failed step, exit code 0, at least <c>minPages</c> pages visited, each with no serious
/// or critical axe-core violation and its desktop and phone screenshots written. The checks the steps returned are
/// the journey's own test's to assert.
/// </summary>
public static class Journey
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>Where every journey writes its screenshots (web/screenshots, not committed).</summary>
    public static string Screenshots => Path.Combine(WebBuild.Directory, "screenshots");

    /// <param name="script">The journey's file under web/ (for example <c>e2e/ideas.mjs</c>).</param>
    /// <param name="config">Its configuration: <c>baseUrl</c> and what the script reads; <c>screenshots</c> is added.</param>
    public static async Task<JsonNode> RunAsync(string script, JsonObject config, ITestOutputHelper output, int minPages)
    {
        config["screenshots"] = Screenshots;
        var file = Path.Combine(Path.GetTempPath(), $"civic-journey-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());
        NodeRun run;
        try
        {
            run = await InteropFixture.RunAsync("node", [script, file], WebBuild.Directory, Timeout);
        }
        finally
        {
            File.Delete(file);
        }

        output.WriteLine(run.Describe());
        var summary = JsonNode.Parse(run.LastLine)!;
        Assert.True(summary["failures"]!.AsArray().Count == 0, run.Describe());
        Assert.Equal(0, run.ExitCode);
        var pages = summary["pages"]!.AsArray();
        Assert.True(pages.Count >= minPages, $"{pages.Count} pages visited, {minPages} expected\n{run.Describe()}");
        foreach (var page in pages)
        {
            Assert.True(page!["violations"]!.AsArray().Count == 0, $"axe-core on {page["name"]}: {page["violations"]!.ToJsonString()}");
            Assert.True(page["passes"]!.GetValue<int>() > 0);
            Assert.True(File.Exists(Path.Combine(Screenshots, $"{page["name"]}-desktop.png")));
            Assert.True(File.Exists(Path.Combine(Screenshots, $"{page["name"]}-phone.png")));
        }

        return summary["checks"]!;
    }

    /// <summary>An anonymous object as a configuration (the tests write them as <c>new { ... }</c>).</summary>
    public static JsonObject Config(object values) => JsonSerializer.SerializeToNode(values)!.AsObject();
}
