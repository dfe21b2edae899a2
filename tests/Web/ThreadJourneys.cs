using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// The idea page's comment thread on a campaign's page and on a vote project's page, in a real Chromium
/// (web/e2e/threads.mjs): a resident comments with a stance, replies, votes, then comments on a project reached from its
/// vote; axe-core on every page. What the pages did is then read back from the API.
/// </summary>
[Collection("web")]
public sealed class ThreadJourneys(WebFixture fixture, ITestOutputHelper output)
{
    private const string CampaignThread = """
        query($id: ID!) {
          campaign(id: $id) { comments(first: 20) { items { id authorId body stance ups replies(first: 5) { items { authorId body stance } } } } }
        }
        """;

    private const string ProjectThread = """
        query($vote: ID!, $option: ID!) { voteOption(voteId: $vote, optionId: $option) { comments { items { authorId body stance } } } }
        """;

    [Fact]
    public async Task A_resident_discusses_a_campaign_and_a_vote_project_with_no_serious_accessibility_violation()
    {
        var tenant = fixture.Tenant;
        using var admin = fixture.Admin(tenant);
        using var bob = fixture.Member(tenant, "thread-bob");
        const string campaignTitle = "Jardin partagé";
        var campaign = (await bob.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: fixture.Now.AddDays(10))))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        var commentText = "Il faudrait un composteur aussi.";
        var comment = (await bob.OkAsync(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", campaign, commentText)))["commentCampaign"]!["id"]!.GetValue<string>();
        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote(closesAt: fixture.Now.AddDays(7))))["createVote"]!;
        var voteId = vote["id"]!.GetValue<string>();
        var option = vote["options"]![0]!;

        const string resident = "thread-resident";
        const string myComment = "Je donnerai un coup de main le samedi.";
        const string myReply = "Un composteur attirerait les rats.";
        const string projectComment = "Les pistes existantes suffisent.";
        var checks = await Journey.RunAsync("e2e/threads.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            residentToken = fixture.Tokens.Issue(tenant, resident, Role.Member),
            campaignId = campaign,
            campaignTitle,
            commentText,
            voteId,
            optionTitle = option["title"]!.GetValue<string>(),
            myComment,
            myReply,
            projectComment,
        }), output, minPages: 2);

        Assert.Equal("Pour", checks["campaignThread"]!["stance"]!.GetValue<string>());
        Assert.Equal("Contre", checks["campaignThread"]!["replyStance"]!.GetValue<string>());
        Assert.Equal($"/votes/{voteId}/projects/{option["id"]!.GetValue<string>()}", checks["projectThread"]!["path"]!.GetValue<string>());

        // The server holds what the pages did.
        using var reader = fixture.Member(tenant, "thread-reader");
        var comments = (await reader.OkAsync(CampaignThread, new { id = campaign }))["campaign"]!["comments"]!["items"]!.AsArray();
        var mine = Assert.Single(comments, c => c!["authorId"]?.GetValue<string>() == resident)!;
        Assert.Equal((myComment, "FOR"), (mine["body"]!.GetValue<string>(), mine["stance"]!.GetValue<string>()));
        var theirs = Assert.Single(comments, c => c!["id"]!.GetValue<string>() == comment)!;
        Assert.Equal(1, theirs["ups"]!.GetValue<int>());
        var reply = Assert.Single(theirs["replies"]!["items"]!.AsArray())!;
        Assert.Equal((resident, myReply, "AGAINST"), (reply["authorId"]!.GetValue<string>(), reply["body"]!.GetValue<string>(), reply["stance"]!.GetValue<string>()));
        var onProject = Assert.Single((await reader.OkAsync(ProjectThread, new { vote = voteId, option = option["id"]!.GetValue<string>() }))["voteOption"]!["comments"]!["items"]!.AsArray())!;
        Assert.Equal((resident, projectComment, "AGAINST"), (onProject["authorId"]!.GetValue<string>(), onProject["body"]!.GetValue<string>(), onProject["stance"]!.GetValue<string>()));
    }
}
