using System.Text.Json;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tests.Api.Transport;
using Civic.Tests.Grains;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// The residents' pages beyond the first journeys (web/e2e/resident.mjs, in a real Chromium): home transparency
/// charts, campaign filters, a reward pledge, a loan's and an equity investment's regulatory steps (with the 4-day
/// revocation), my space (the pledge, a receipt issued and downloaded, ballots cast, a data export requested, an
/// account deleted), a second ballot refused, results charts; axe-core on every page, screenshots at two widths.
/// Each answer the page shows is checked against the server's state.
/// </summary>
[Collection("web")]
public sealed class ResidentJourneys(WebFixture fixture, ITestOutputHelper output)
{
    private const string CampaignState = """
        query($id: ID!) { campaign(id: $id) { status rewards { title remaining } equityOffer { sharesRemaining } raised { amount } } }
        """;

    private const string Mine = "{ myContributions(first: 50) { items { campaignId status receiptNumber amount { amount } } } myDataExports { id } }";

    private const string Filtered = """
        query($mode: FinancingMode, $category: CampaignCategory, $status: CampaignStatus) { campaigns(first: 1, mode: $mode, category: $category, status: $status) { totalCount } }
        """;

    private static object Campaign(string title, object? extra = null, string mode = "DONATION", string? category = null, DateTimeOffset? endsAt = null, long goal = 200_000)
    {
        var input = new JsonObject
        {
            ["title"] = title,
            ["description"] = "Un projet de la ville, porté avec ses habitants.",
            ["mode"] = mode,
            ["goal"] = new JsonObject { ["amount"] = goal, ["currency"] = "EUR" },
            ["endsAt"] = (endsAt ?? DateTimeOffset.UtcNow.AddDays(12)).ToString("O"),
            ["minContribution"] = 100,
            ["maxContribution"] = 500_000,
        };
        if (category is not null)
        {
            input["category"] = category;
        }

        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                input[key] = value?.DeepClone();
            }
        }

        return new { input };
    }

    private static async Task<string> PublishedAsync(GraphQLClient admin, object campaign)
    {
        var id = (await admin.OkAsync(Documents.CreateCampaignId, campaign))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return id;
    }

    [Fact]
    public async Task A_resident_filters_pledges_for_a_reward_lends_invests_revokes_and_finds_it_all_in_their_space()
    {
        var tenant = fixture.Tenant;
        using var admin = fixture.Admin(tenant);
        var accounts = new AccountMails(fixture);
        var resident = await accounts.ConfirmedAsync(tenant, AccountMails.NewEmail("resident"), name: "Camille Martin");
        var leaving = await accounts.ConfirmedAsync(tenant, AccountMails.NewEmail("leaving"), name: "Dominique Départ");
        using var member = accounts.SignedIn(tenant, resident);
        await Documents.RegisterApprovedBeneficiaryAsync(admin, admin,
            new { name = "Ville de Valbonne-sur-Test", address = "1 place de la Mairie", siren = "732829320", purpose = "Projets des habitants" });

        var reward = await PublishedAsync(admin, Campaign("Ateliers du jardin", new
        {
            rewards = new object[] { new { title = "Sac en toile", minAmount = 2_000, stock = 2 }, new { title = "Visite guidée", minAmount = 5_000 } },
        }, category: "CULTURAL"));
        var loan = await PublishedAsync(admin, Campaign("Toiture solaire de l'école", new
        {
            loanTerms = new { annualRateBasisPoints = 300, termMonths = 12, firstRepaymentOn = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd") },
        }, mode: "LOAN", category: "EDUCATIONAL"));
        var equity = await PublishedAsync(admin, Campaign("Coopérative de quartier", new
        {
            equityOffer = new { sharePrice = 10_000, minRaise = 200_000, maxRaise = 1_000_000, sharesOffered = 100, kiis = "/kiis/cooperative.pdf" },
        }, mode: "EQUITY", category: "SOCIAL"));

        // A donation campaign that succeeds within seconds, so that its donor can ask for a receipt in the journey.
        var endsAt = DateTimeOffset.UtcNow.AddSeconds(10);
        var succeeded = await PublishedAsync(admin, Campaign("Repas de quartier", mode: "DONATION", endsAt: endsAt, goal: 1_000));
        await member.OkAsync(Documents.Pledge, new { input = new { campaignId = succeeded, amount = 4_000, idempotencyKey = "repas-1" } });
        await GrainTestData.EventuallyAsync(
            async () => (await admin.OkAsync(CampaignState, new { id = succeeded }))["campaign"]!["status"]!.GetValue<string>(),
            status => status == "PAID_OUT", "the short campaign to succeed and be paid out", TimeSpan.FromSeconds(60));

        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote("CHOOSE_ONE", 1, 1)))["createVote"]!["id"]!.GetValue<string>();
        var results = await ClosedEqualSharesVoteAsync(admin, member);
        var filterCount = (await member.OkAsync(Filtered, new { mode = "LOAN", category = "EDUCATIONAL", status = "LIVE" }))["campaigns"]!["totalCount"]!.GetValue<int>();

        var checks = await Journey.RunAsync("e2e/resident.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            token = fixture.Tokens.Issue(tenant, resident, Role.Member),
            deleteToken = fixture.Tokens.Issue(tenant, leaving, Role.Member),
            deletePassword = AccountDocuments.GoodPassword,
            rewardCampaign = new { id = reward, title = "Ateliers du jardin", reward = "Sac en toile" },
            loanCampaign = new { id = loan, title = "Toiture solaire de l'école" },
            equityCampaign = new { id = equity, title = "Coopérative de quartier" },
            succeededCampaign = new { id = succeeded, title = "Repas de quartier" },
            filterCount,
            voteId = vote,
            resultsVoteId = results,
        }), output, minPages: 10);

        // Home: money raised by mode as a chart with its table (a header row and one row per mode).
        Assert.True(checks["homeCharts"]!["rows"]!.GetValue<int>() >= 2);
        Assert.True(checks["homeCharts"]!["figures"]!.GetValue<int>() >= 2);

        // Filters: the page's count is the API's for the same filter; the donation campaign is not listed.
        var filters = checks["campaignFilters"]!;
        Assert.Equal(filterCount, filters["listed"]!.GetValue<int>());
        Assert.Equal(0, filters["donationListed"]!.GetValue<int>());

        // A reward chosen on the page carried its least amount into the pledge; the server sold one of its two units.
        var pledge = checks["rewardPledge"]!;
        Assert.Equal("20", pledge["amount"]!.GetValue<string>());
        Assert.Equal("r1", pledge["chosen"]!.GetValue<string>());
        Assert.Contains("il en reste 2 sur 2", pledge["before"]!.GetValue<string>());
        Assert.Equal("Merci ! Votre contribution est confirmée.", pledge["outcome"]!.GetValue<string>());
        Assert.Matches("il reste 1[12] j", pledge["countdown"]!.GetValue<string>());
        var rewardState = (await member.OkAsync(CampaignState, new { id = reward }))["campaign"]!;
        Assert.Equal(1, rewardState["rewards"]![0]!["remaining"]!.GetValue<int>());
        Assert.Equal(2_000, rewardState["raised"]!["amount"]!.GetValue<long>());

        // The loan: terms shown, twelve instalments simulated, refused until the risk is acknowledged, then lent.
        var lent = checks["loanStep"]!;
        Assert.Contains("3,00", lent["shown"]!.GetValue<string>());
        Assert.Contains("2 000,00", lent["shown"]!.GetValue<string>().Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Equal(13, lent["instalments"]!.GetValue<int>());
        Assert.StartsWith("Confirmez avoir lu les conditions du prêt", lent["refused"]!.GetValue<string>());
        Assert.Equal("Merci ! Votre contribution est confirmée.", lent["outcome"]!.GetValue<string>());
        Assert.Equal(10_000, (await member.OkAsync(CampaignState, new { id = loan }))["campaign"]!["raised"]!["amount"]!.GetValue<long>());

        // Equity: each regulatory step blocked the investment until done; it was then made and revoked.
        var invested = checks["equitySteps"]!;
        Assert.StartsWith("Lisez d'abord la fiche", invested["kiisFirst"]!.GetValue<string>());
        Assert.Equal("Test réussi.", invested["test"]!.GetValue<string>());
        Assert.StartsWith("Confirmez avoir pris connaissance", invested["riskFirst"]!.GetValue<string>());
        Assert.Contains("révoquer sans motif jusqu'au", invested["invested"]!.GetValue<string>());
        var equityState = (await member.OkAsync(CampaignState, new { id = equity }))["campaign"]!;
        Assert.Equal(100, equityState["equityOffer"]!["sharesRemaining"]!.GetValue<long>());
        Assert.Equal(0, equityState["raised"]!["amount"]!.GetValue<long>());

        // My space: the contributions the server holds, the receipt it issued on the page, the ballot cast.
        var mine = await member.OkAsync(Mine);
        var contributions = mine["myContributions"]!["items"]!.AsArray();
        var space = checks["mySpace"]!;
        Assert.Equal(contributions.Count, space["rows"]!.GetValue<int>());
        var receipt = contributions.Single(c => c!["campaignId"]!.GetValue<string>() == succeeded)!["receiptNumber"]!.GetValue<string>();
        Assert.Equal($"Télécharger le reçu n° {receipt}", space["receipt"]!.GetValue<string>());
        Assert.Equal($"recu-{receipt}.html", space["receiptFile"]!.GetValue<string>());
        Assert.Equal(1, space["ballots"]!.GetValue<int>());

        Assert.Equal("Demande enregistrée : le lien vous sera envoyé par courriel.", checks["dataExportRequested"]!["said"]!.GetValue<string>());
        Assert.Equal(mine["myDataExports"]!.AsArray().Count, checks["dataExportRequested"]!["exports"]!.GetValue<int>());
        Assert.Single(mine["myDataExports"]!.AsArray());

        // A second ballot from another tab: refused by the API, said on the page; one ballot counted.
        var second = checks["secondBallotRefused"]!;
        Assert.StartsWith("Vous avez déjà voté à ce vote", second["refused"]!.GetValue<string>());
        Assert.StartsWith("Vous avez voté", second["voted"]!.GetValue<string>());
        Assert.Equal(0, second["forms"]!.GetValue<int>());
        var voted = (await member.OkAsync(Documents.Vote, new { id = vote }))["vote"]!;
        Assert.True(voted["hasVoted"]!.GetValue<bool>());
        Assert.Equal(1, voted["ballots"]!.GetValue<int>());

        // Results: a chart per project and equal shares' payments, the selection the server computed.
        var charts = checks["resultsCharts"]!;
        var computed = (await member.OkAsync(Documents.Vote, new { id = results }))["vote"]!["results"]!["selected"]!.AsArray().Count;
        Assert.Equal(computed, charts["selected"]!.GetValue<int>());
        Assert.True(charts["figures"]!.GetValue<int>() >= 2);
        Assert.Equal(1 + 3, charts["byProject"]!.GetValue<int>());
        Assert.NotEmpty(charts["equalShares"]!.AsArray());

        // The account deleted after its confirmation: signed out, and the server no longer knows its address.
        Assert.Equal("/", checks["accountDeleted"]!["path"]!.GetValue<string>());
        Assert.Null(checks["accountDeleted"]!["token"]);
        using (var gone = accounts.SignedIn(tenant, leaving))
        {
            Assert.Null((await gone.OkAsync(AccountDocuments.MyAccount))["myAccount"]);
        }
    }

    /// <summary>A closed city-wide vote counted by equal shares, three voters besides the resident (whose ballot my space lists).</summary>
    private async Task<string> ClosedEqualSharesVoteAsync(GraphQLClient admin, GraphQLClient resident)
    {
        var input = new
        {
            title = "Budget des quartiers",
            ballotType = "APPROVAL",
            minChoices = 1,
            maxChoices = 3,
            rule = "EQUAL_SHARES",
            options = new[] { new { title = "Bancs", cost = 300_000L }, new { title = "Arbres", cost = 400_000L }, new { title = "Fresque", cost = 500_000L } },
            budget = new { amount = 900_000L, currency = "EUR" },
            closesAt = DateTimeOffset.UtcNow.AddDays(7).ToString("O"),
        };
        var created = (await admin.OkAsync(Documents.CreateVote, new { input }))["createVote"]!;
        var id = created["id"]!.GetValue<string>();
        var options = created["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToArray();
        foreach (var (voter, choices) in new[] { ("es-1", new[] { 0, 1 }), ("es-2", new[] { 1 }), ("es-3", new[] { 2, 0 }) })
        {
            using var client = fixture.Member(fixture.Tenant, voter);
            await client.OkAsync(Documents.CastBallot, new { input = new { voteId = id, choices = choices.Select(i => options[i]).ToArray() } });
        }

        await resident.OkAsync(Documents.CastBallot, new { input = new { voteId = id, choices = new[] { options[1] } } });
        await admin.OkAsync(Documents.CloseVote, new { id });
        return id;
    }
}
