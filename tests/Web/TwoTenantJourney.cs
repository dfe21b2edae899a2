using Civic.Grains.Interfaces;
using Civic.Tests.Api;
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
        var checks = await Journey.RunAsync("e2e/tenants.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            tenants = sites.Select(s => new { key = s.Key, origin = $"http://{s.Host}:{port}", name = s.Name, primary = s.Primary, campaignTitle = s.CampaignTitle }),
        }), output, minPages: 4);
        foreach (var site in sites)
        {
            var seen = checks[site.Key]!;
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
    }

    /// <summary>#rrggbb as getComputedStyle writes a colour: rgb(r, g, b).</summary>
    private static string Rgb(string hex)
    {
        var n = Convert.ToInt32(hex[1..], 16);
        return $"rgb({(n >> 16) & 255}, {(n >> 8) & 255}, {n & 255})";
    }
}
