using System.Text.Json;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tests.Api.Transport;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// One deployment, two tenants on two host names (<c>*.localhost</c> names, which Chromium sends to the loopback
/// address): each host's site shows its own name, colours and campaigns, and none of the other's (web/e2e/tenants.mjs).
/// </summary>
[Collection("web")]
public sealed class TwoTenantJourney(WebFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan JourneyTimeout = TimeSpan.FromMinutes(3);

    private sealed record Site(string Key, string Slug, string Host, string Name, string Primary, string CampaignTitle);

    [Fact]
    public async Task Two_tenants_on_two_host_names_show_their_own_names_colours_and_campaigns_only()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        Site[] sites =
        [
            new("paris", "paris" + suffix, $"paris-{suffix}.localhost", "Ville de Paris (test)", "#1e3a8a", $"Vélos partagés {suffix}"),
            new("lyon", "lyon" + suffix, $"lyon-{suffix}.localhost", "Ville de Lyon (test)", "#9d174d", $"Murs végétaux {suffix}"),
        ];
        foreach (var site in sites)
        {
            await fixture.Grains.GetGrain<ITenantGrain>(site.Slug).CreateAsync(
                new CreateTenant(site.Name, "fr", new Branding(site.Primary, "#fde68a", null), [TenantModule.Crowdfunding, TenantModule.Votes], [site.Host]),
                new Actor(site.Slug, "operator", Role.Operator));
            using var admin = fixture.Admin(site.Slug);
            var input = new
            {
                input = new
                {
                    title = site.CampaignTitle,
                    description = "Un projet de " + site.Name,
                    goal = new { amount = 100_000, currency = "EUR" },
                    endsAt = DateTimeOffset.UtcNow.AddDays(15).ToString("O"),
                },
            };
            var id = (await admin.OkAsync(Documents.CreateCampaignId, input))["createCampaign"]!["id"]!.GetValue<string>();
            await admin.OkAsync(Documents.PublishCampaign, new { id });
        }

        var port = fixture.BaseAddress.Port;
        var config = Path.Combine(Path.GetTempPath(), $"civic-tenants-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            tenants = sites.Select(s => new { key = s.Key, origin = $"http://{s.Host}:{port}", name = s.Name, primary = s.Primary, campaignTitle = s.CampaignTitle }),
            screenshots = WebJourneys.Screenshots,
        }));
        NodeRun run;
        try
        {
            run = await InteropFixture.RunAsync("node", ["e2e/tenants.mjs", config], WebBuild.Directory, JourneyTimeout);
        }
        finally
        {
            File.Delete(config);
        }

        output.WriteLine(run.Describe());
        var summary = JsonNode.Parse(run.LastLine)!;
        Assert.True(summary["failures"]!.AsArray().Count == 0, run.Describe());
        Assert.Equal(0, run.ExitCode);
        foreach (var site in sites)
        {
            var seen = summary["checks"]![site.Key]!;
            var other = sites.Single(s => s != site);
            Assert.Equal($"{site.Host}:{port}", seen["host"]!.GetValue<string>());
            Assert.Equal(site.Name, seen["siteName"]!.GetValue<string>());
            Assert.Equal(site.Name, seen["title"]!.GetValue<string>());
            Assert.Equal(site.Primary, seen["primary"]!.GetValue<string>());
            Assert.Equal(Rgb(site.Primary), seen["header"]!.GetValue<string>());
            var campaigns = seen["campaigns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
            Assert.Equal([site.CampaignTitle], campaigns);
            Assert.DoesNotContain(other.CampaignTitle, campaigns);
        }

        var pages = summary["pages"]!.AsArray();
        Assert.Equal(4, pages.Count);
        foreach (var page in pages)
        {
            Assert.True(page!["violations"]!.AsArray().Count == 0, $"axe-core on {page["name"]}: {page["violations"]!.ToJsonString()}");
            Assert.True(File.Exists(Path.Combine(WebJourneys.Screenshots, $"{page["name"]}-desktop.png")));
        }
    }

    /// <summary>#rrggbb as getComputedStyle writes a colour: rgb(r, g, b).</summary>
    private static string Rgb(string hex)
    {
        var n = Convert.ToInt32(hex[1..], 16);
        return $"rgb({(n >> 16) & 255}, {(n >> 8) & 255}, {n & 255})";
    }
}
