using Civic.Api.Oidc;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tests.Api.Transport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// Residents' journeys in a real Chromium (web/e2e/journeys.mjs: playwright-core driving Debian's /usr/bin/chromium)
/// on the site the host serves: pledges with the sandbox card and declined card, choose-one and approval ballots,
/// results, French and English; axe-core on every page; screenshots at desktop and phone widths in web/screenshots.
/// </summary>
[Collection("web")]
public sealed class WebJourneys(WebFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_resident_pledges_votes_and_reads_results_in_french_and_english_with_no_serious_accessibility_violation()
    {
        var tenant = fixture.Tenant;
        using var admin = fixture.Admin(tenant);
        var campaign = (await admin.OkAsync(Documents.CreateCampaignId, Documents.NewCampaign(goal: 200_000)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        var chooseOne = await CreateVoteAsync(admin, "CHOOSE_ONE", 1, 1);
        var approval = await CreateVoteAsync(admin, "APPROVAL", 1, 2);
        var knapsack = await CreateVoteAsync(admin, "KNAPSACK", 1, 5); // budget 10 000 €: 6 000 + 3 000 fit, + 2 000 does not
        var ordinal = await CreateVoteAsync(admin, "ORDINAL", 1, 2); // exactly 2 ranks
        var closed = await CreateVoteAsync(admin, "CHOOSE_ONE", 1, 1);
        foreach (var (voter, choice) in new[] { ("v1", 0), ("v2", 0), ("v3", 1) })
        {
            using var member = fixture.Member(tenant, voter);
            var options = (await member.OkAsync(Documents.Vote, new { id = closed }))["vote"]!["options"]!.AsArray();
            await member.OkAsync(Documents.CastBallot, new { input = new { voteId = closed, choices = new[] { options[choice]!["id"]!.GetValue<string>() } } });
        }

        await admin.OkAsync(Documents.CloseVote, new { id = closed });

        // The site is a public OpenID Connect client of the tenant (as tools/Civic.DevHost registers it for the demo tenant).
        var origin = fixture.BaseAddress.GetLeftPart(UriPartial.Authority);
        await fixture.Services.GetRequiredService<OidcClients>().RegisterAsync(tenant,
            new OidcClient("civic-web", "Civic (web)", [origin + "/auth/callback"], [origin + "/"]));
        var email = AccountMails.NewEmail("resident");
        await new AccountMails(fixture).ConfirmedAsync(tenant, email, name: "Résidente Deux");

        var checks = await Journey.RunAsync("e2e/journeys.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            token = fixture.Tokens.Issue(tenant, "resident-1", Role.Member),
            tenantName = WebFixture.TenantName,
            campaignId = campaign,
            campaignTitle = "Jardin partagé",
            chooseOneVoteId = chooseOne,
            approvalVoteId = approval,
            approvalMax = 2,
            knapsackVoteId = knapsack,
            ordinalVoteId = ordinal,
            closedVoteId = closed,
            account = new { email, password = AccountDocuments.GoodPassword },
        }), output, minPages: 10);

        var home = checks["homeShowsTenant"]!;
        Assert.Contains(WebFixture.TenantName, home["heading"]!.GetValue<string>());
        Assert.Equal(WebFixture.PrimaryColor, home["primary"]!.GetValue<string>());
        Assert.Equal("fr", home["lang"]!.GetValue<string>());
        Assert.True(checks["campaignList"]!["bars"]!.GetValue<int>() >= 1);

        Assert.Equal("Merci ! Votre contribution est confirmée.", checks["pledgeWithCard"]!["outcome"]!.GetValue<string>());
        Assert.Contains("25,00", checks["pledgeWithCard"]!["raised"]!.GetValue<string>());
        var declined = checks["pledgeWithDeclinedCard"]!;
        Assert.StartsWith("Le paiement a été refusé", declined["outcome"]!.GetValue<string>());
        Assert.Equal("alert", declined["role"]!.GetValue<string>());
        Assert.Contains("25,00", declined["raised"]!.GetValue<string>()); // the refused 10 € did not count

        Assert.StartsWith("Vous avez voté", checks["voteChooseOne"]!.GetValue<string>());
        Assert.StartsWith("Vous avez voté", checks["voteApproval"]!["voted"]!.GetValue<string>());
        Assert.True(checks["voteApproval"]!["thirdDisabled"]!.GetValue<bool>());
        var knapsackCheck = checks["voteKnapsack"]!;
        Assert.StartsWith("Vous avez voté", knapsackCheck["voted"]!.GetValue<string>());
        Assert.Equal("9 000,00 € sur 10 000,00 €", knapsackCheck["within"]!.GetValue<string>().Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.StartsWith("Budget dépassé de 1 000,00 €", knapsackCheck["overBudget"]!["announced"]!.GetValue<string>().Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Equal("polite", knapsackCheck["overBudget"]!["live"]!.GetValue<string>());
        Assert.True(knapsackCheck["overBudget"]!["disabled"]!.GetValue<bool>());
        using (var knapsackVoter = fixture.Client(tenant, fixture.Tokens.Issue(tenant, "resident-1", Role.Member)))
        {
            Assert.True((await knapsackVoter.OkAsync(Documents.Vote, new { id = knapsack }))["vote"]!["hasVoted"]!.GetValue<bool>());
        }

        var ordinalCheck = checks["voteOrdinalByKeyboard"]!;
        Assert.StartsWith("Vous avez voté", ordinalCheck["voted"]!.GetValue<string>());
        Assert.Contains("Aire de jeux", ordinalCheck["first"]!.GetValue<string>()); // moved below it by keyboard

        // The results page shows the selection the server computed (by budget: the two options with ballots fit).
        var results = (await admin.OkAsync(Documents.Vote, new { id = closed }))["vote"]!["results"]!;
        Assert.Equal(results["selected"]!.AsArray().Count, checks["results"]!["selected"]!.GetValue<int>());
        Assert.Equal(2, checks["results"]!["selected"]!.GetValue<int>());

        var english = checks["english"]!;
        Assert.Contains(WebFixture.TenantName, english["heading"]!.GetValue<string>());
        Assert.StartsWith("You have voted", english["voted"]!.GetValue<string>());
        Assert.Equal("en", english["lang"]!.GetValue<string>());

        var account = checks["signInWithAccountAndPledgeByTransfer"]!;
        Assert.Equal("/account/sign-in", account["signInPage"]!.GetValue<string>());
        Assert.Equal($"/campaigns/{campaign}", account["back"]!.GetValue<string>());
        Assert.StartsWith("Votre contribution est enregistrée", account["outcome"]!.GetValue<string>());

        // The votes recorded are the server's, not only the page's.
        using var resident = fixture.Client(tenant, fixture.Tokens.Issue(tenant, "resident-1", Role.Member));
        Assert.True((await resident.OkAsync(Documents.Vote, new { id = chooseOne }))["vote"]!["hasVoted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_ballot_form_rules_pass_their_component_tests()
    {
        await WebBuild.EnsureAsync();
        var run = await InteropFixture.RunAsync("npm", ["test", "--", "--reporter=verbose"], WebBuild.Directory, TimeSpan.FromMinutes(3));
        output.WriteLine(run.Describe());
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("refuses the same option twice", run.Stdout);
    }

    private static async Task<string> CreateVoteAsync(GraphQLClient admin, string ballotType, int min, int max) =>
        (await admin.OkAsync(Documents.CreateVote, Documents.NewVote(ballotType, min, max)))["createVote"]!["id"]!.GetValue<string>();
}
