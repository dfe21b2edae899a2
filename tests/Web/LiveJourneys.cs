using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// The site's live figures in a real Chromium (web/e2e/live.mjs): a campaign page left open shows a pledge made by
/// another client through the API without a reload, pushed over its graphql-transport-ws subscription; axe-core on it.
/// </summary>
[Collection("web")]
public sealed class LiveJourneys(WebFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task An_open_campaign_page_shows_another_clients_pledge_without_a_reload()
    {
        var tenant = fixture.Tenant;
        using var admin = fixture.Admin(tenant);
        const string title = "Fresque du préau";
        var id = (await admin.OkAsync(Documents.CreateCampaignId, new
        {
            input = new
            {
                title,
                description = "Une fresque peinte avec les enfants de l'école.",
                mode = "DONATION",
                goal = new { amount = 300_000, currency = "EUR" },
                endsAt = DateTimeOffset.UtcNow.AddDays(20).ToString("O"),
                minContribution = 100,
                maxContribution = 500_000,
            },
        }))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });

        var checks = await Journey.RunAsync("e2e/live.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            backerToken = fixture.Tokens.Issue(tenant, "live-backer", Role.Member),
            campaign = new { id, title },
        }), output, minPages: 1);

        var pushed = checks["campaignPushed"]!;
        Assert.Equal(2_500, pushed["raisedByApi"]!.GetValue<long>());
        Assert.False(pushed["reloaded"]!.GetValue<bool>());
        Assert.NotEqual(pushed["before"]!.GetValue<string>(), pushed["after"]!.GetValue<string>());
        Assert.Contains("25", pushed["after"]!.GetValue<string>());
        Assert.Contains("1 contributeur", pushed["after"]!.GetValue<string>());
    }
}
