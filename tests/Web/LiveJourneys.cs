using System.Text.Json;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// The site's live figures in a real Chromium (web/e2e/live.mjs): pages left open show what another client did through
/// the API without a reload, pushed over their graphql-transport-ws subscriptions: a campaign page a pledge, a vote
/// page a ballot, an idea page a support, the home page's feed a vote opened; axe-core on each.
/// </summary>
[Collection("web")]
public sealed class LiveJourneys(WebFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Open_campaign_vote_idea_and_home_pages_show_other_clients_moves_without_a_reload()
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
        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!;
        var boxInput = JsonSerializer.SerializeToNode(IdeaDocuments.NewBox(fixture.Now))!.AsObject();
        boxInput["input"]!["title"] = "Idées en direct"; // the web tenant is shared: the idea journeys look for the default title once
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, boxInput))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var author = fixture.Member(tenant, "live-author");
        const string ideaTitle = "Un composteur au square";
        var idea = (await author.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea(ideaTitle) }))["submitIdea"]!["id"]!.GetValue<string>();
        const string feedVoteTitle = "Budget des quartiers en direct";
        var feedVote = JsonSerializer.SerializeToNode(Documents.NewVote())!["input"]!.AsObject();
        feedVote["title"] = feedVoteTitle;

        var checks = await Journey.RunAsync("e2e/live.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            backerToken = fixture.Tokens.Issue(tenant, "live-backer", Role.Member),
            campaign = new { id, title },
            voterToken = fixture.Tokens.Issue(tenant, "live-voter", Role.Member),
            vote = new
            {
                id = vote["id"]!.GetValue<string>(),
                title = vote["title"]!.GetValue<string>(),
                optionId = vote["options"]![0]!["id"]!.GetValue<string>(),
            },
            supporterToken = fixture.Tokens.Issue(tenant, "live-supporter", Role.Member),
            idea = new { id = idea, title = ideaTitle },
            adminToken = fixture.Tokens.Issue(tenant, "live-admin", Role.Admin),
            feedVote,
        }), output, minPages: 4);

        var pushed = checks["campaignPushed"]!;
        Assert.Equal(2_500, pushed["raisedByApi"]!.GetValue<long>());
        Assert.False(pushed["reloaded"]!.GetValue<bool>());
        Assert.NotEqual(pushed["before"]!.GetValue<string>(), pushed["after"]!.GetValue<string>());
        Assert.Contains("25", pushed["after"]!.GetValue<string>());
        Assert.Contains("1 contributeur", pushed["after"]!.GetValue<string>());

        var ballot = checks["votePushed"]!;
        Assert.Equal(1, ballot["ballotsByApi"]!.GetValue<int>());
        Assert.False(ballot["reloaded"]!.GetValue<bool>());
        Assert.Contains("0", ballot["before"]!.GetValue<string>());
        Assert.Contains("1", ballot["after"]!.GetValue<string>());

        var support = checks["ideaPushed"]!;
        Assert.Equal(1, support["supportsByApi"]!.GetValue<int>());
        Assert.False(support["reloaded"]!.GetValue<bool>());
        Assert.Contains("0", support["before"]!.GetValue<string>());
        Assert.Contains("1", support["after"]!.GetValue<string>());

        var feed = checks["feedPushed"]!;
        Assert.False(feed["reloaded"]!.GetValue<bool>());
        Assert.Equal("/votes/" + feed["voteId"]!.GetValue<string>(), feed["href"]!.GetValue<string>());
        Assert.Contains(feedVoteTitle, feed["first"]!.GetValue<string>()); // the newest item, first
    }
}
