using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// A campaign owner's updates in a real Chromium (web/e2e/updates.mjs): the owner posts one from the campaign page and
/// deletes a mistaken one, a
/// backer reads it there (newest first, older ones a page further) and in their notifications, which lead back to the
/// campaign; axe-core on every page. The web tenant is shared between journeys, so every name here is this run's own.
/// </summary>
[Collection("web")]
public sealed class CampaignUpdatesJourney(WebFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task An_owner_posts_an_update_that_a_backer_reads_on_the_campaign_and_in_their_notifications()
    {
        var tenant = fixture.Tenant;
        var run = Guid.NewGuid().ToString("N")[..8];
        var owner = $"updates-owner-{run}";
        var backer = $"updates-backer-{run}";
        using var ownerClient = fixture.Member(tenant, owner);
        using var backerClient = fixture.Member(tenant, backer);
        using var admin = fixture.Admin(tenant);
        var campaignTitle = $"Verger partagé {run}";
        var campaign = (await ownerClient.OkAsync(Documents.CreateCampaignId, new
        {
            input = new { title = campaignTitle, goal = new { amount = 100_000, currency = "EUR" }, endsAt = fixture.Now.AddDays(10).ToString("O"), minContribution = 100 },
        }))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        await backerClient.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 2_500, idempotencyKey = $"u-{run}" } });

        // Six earlier updates; the owner deletes the sixth, so the page shows the new one and four, the oldest a page further.
        var olderTitles = Enumerable.Range(1, 5).Select(i => $"Étape {i} ({run})").ToArray();
        var mistake = $"Étape 6 ({run})";
        foreach (var title in olderTitles.Append(mistake))
        {
            await ownerClient.OkAsync(CampaignUpdateDocuments.Post, CampaignUpdateDocuments.New(campaign, title, "Le chantier avance."));
        }

        var updateTitle = $"Les arbres sont plantés ({run})";
        var checks = await Journey.RunAsync("e2e/updates.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            ownerToken = fixture.Tokens.Issue(tenant, owner, Role.Member),
            backerToken = fixture.Tokens.Issue(tenant, backer, Role.Member),
            campaignId = campaign,
            campaignTitle,
            olderTitles,
            mistake,
            updateTitle,
            updateBody = "Merci à **tous** les contributeurs !\n\nProchaine étape : l'arrosage.",
        }), output, minPages: 3);

        var posted = checks["ownerPosts"]!;
        Assert.Equal("Donnez un titre à l'actualité.", posted["titleProblem"]!.GetValue<string>());
        Assert.Equal("true", posted["titleInvalid"]!.GetValue<string>());
        Assert.Equal(updateTitle, posted["first"]!.GetValue<string>());
        Assert.Equal(5, posted["shown"]!.GetValue<int>());
        Assert.DoesNotContain(mistake, posted["titles"]!.AsArray().Select(t => t!.GetValue<string>()));

        var read = checks["backerReads"]!;
        Assert.Equal("tous", read["strong"]!.GetValue<string>());
        Assert.Equal(0, read["formShown"]!.GetValue<int>());
        Assert.Equal([updateTitle, .. olderTitles.Reverse()], read["titles"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("Nouvelle actualité d'une campagne que vous soutenez", read["noteText"]!.GetValue<string>());
        Assert.Equal("6 notifications non lues", read["unread"]!.GetValue<string>());
        Assert.Equal($"/campaigns/{campaign}", read["path"]!.GetValue<string>());

        // The server holds what the owner's page wrote, and told the backer of each update that was not deleted.
        var notes = (await backerClient.OkAsync(NotificationDocuments.Mine))["myNotifications"]!["edges"]!.AsArray()
            .Select(e => e!["node"]!).Where(n => n["kind"]!.GetValue<string>() == "campaign_update").ToList();
        Assert.Equal(6, notes.Count);
        Assert.Equal((updateTitle, campaign), (notes[0]["text"]!.GetValue<string>(), notes[0]["itemId"]!.GetValue<string>()));
    }
}
