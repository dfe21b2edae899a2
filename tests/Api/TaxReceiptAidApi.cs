using System.Net;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api;

/// <summary>Donation campaigns for aid to people in difficulty: the flag through GraphQL and the 75% receipts it gives individuals.</summary>
[Collection("api-clock")]
public sealed class TaxReceiptAidApi(ClockedApiFixture api)
{
    private const string Create = """
        mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id status aidToPeopleInDifficulty } }
        """;

    private const string SetAid = """
        mutation($id: ID!, $aid: Boolean!) { setCampaignAidToPeopleInDifficulty(id: $id, aid: $aid) { id aidToPeopleInDifficulty history { by reason } } }
        """;

    private const string Read = "query($id: ID!) { campaign(id: $id) { status aidToPeopleInDifficulty } }";

    private const string RequestReceipt = """
        mutation($contributionId: ID!, $donor: DonorInput!) { requestTaxReceipt(contributionId: $contributionId, donor: $donor) { number form taxReductionPercent } }
        """;

    private object NewCampaign(bool aid, DateTimeOffset? endsAt = null, string mode = "DONATION") => new
    {
        input = new
        {
            title = "Repas solidaires",
            mode,
            goal = new { amount = 1_000, currency = "EUR" },
            endsAt = (endsAt ?? api.Now.AddHours(1)).ToString("O"),
            aidToPeopleInDifficulty = aid,
            loanTerms = mode == "LOAN"
                ? new { annualRateBasisPoints = 0, termMonths = 12, firstRepaymentOn = api.Now.UtcDateTime.AddDays(60).ToString("yyyy-MM-dd") }
                : null,
        },
    };

    private GraphQLClient Moderator(string tenant, string user = "mod") => api.Client(tenant, api.Tokens.Issue(tenant, user, Role.Moderator));

    private static async Task<string> PledgeAsync(GraphQLClient member, string campaignId, long amount, string key) =>
        (await member.OkAsync(Documents.Pledge, new { input = new { campaignId, amount, idempotencyKey = key } }))["pledge"]!["contribution"]!["id"]!.GetValue<string>();

    [Fact]
    public async Task A_flagged_campaign_gives_individuals_75_percent_and_companies_60()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        await Documents.RegisterApprovedBeneficiaryAsync(admin, admin,
            new { name = "CCAS d'essai", address = "1 place de la Mairie, 31000 Toulouse", siren = "732829320", purpose = "Repas solidaires" });
        var endsAt = api.Now.AddMinutes(10);
        var created = (await admin.OkAsync(Create, NewCampaign(aid: true, endsAt)))["createCampaign"]!;
        Assert.True(created["aidToPeopleInDifficulty"]!.GetValue<bool>());
        var id = created["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        var fromAlice = await PledgeAsync(alice, id, 10_000, "a1");
        var fromBob = await PledgeAsync(bob, id, 20_000, "b1");

        using var anonymous = api.Client(tenant, token: null);
        await api.EventuallyAfterAsync(endsAt,
            async () => (await anonymous.OkAsync(Read, new { id }))["campaign"]?["status"]?.GetValue<string>(),
            status => status == "PAID_OUT", "the campaign to succeed and be paid out");

        var person = (await alice.OkAsync(RequestReceipt, new { contributionId = fromAlice, donor = new { name = "Alice Martin", address = "2 rue des Lilas" } }))["requestTaxReceipt"]!;
        Assert.Equal(("CERFA_11580", 75), (person["form"]!.GetValue<string>(), person["taxReductionPercent"]!.GetValue<int>()));
        var company = (await bob.OkAsync(RequestReceipt, new { contributionId = fromBob, donor = new { name = "ACME SAS", address = "3 rue C", companySiren = "552100554" } }))["requestTaxReceipt"]!;
        Assert.Equal(("CERFA_16216", 60), (company["form"]!.GetValue<string>(), company["taxReductionPercent"]!.GetValue<int>()));

        var page = await alice.Http.GetAsync($"/receipts/{person["number"]!.GetValue<string>()}.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("75 %", html);
        Assert.Contains("aide aux personnes en difficulté", html);
    }

    [Fact]
    public async Task A_moderator_sets_the_flag_before_the_campaign_is_live_and_refusals_change_nothing()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        using var mod = Moderator(tenant);
        using var modOwner = Moderator(tenant, "mod-owner");
        var id = (await alice.OkAsync(Create, NewCampaign(aid: false)))["createCampaign"]!["id"]!.GetValue<string>();
        await alice.OkAsync(Documents.SubmitCampaign, new { id });

        // The owner (a member) cannot grant herself the higher rate; a moderator can, and it is recorded.
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(SetAid, new { id, aid = true })).FirstCode);
        var flagged = (await mod.OkAsync(SetAid, new { id, aid = true }))["setCampaignAidToPeopleInDifficulty"]!;
        Assert.True(flagged["aidToPeopleInDifficulty"]!.GetValue<bool>());
        Assert.Equal("mod", flagged["history"]!.AsArray()[^1]!["by"]!.GetValue<string>());
        Assert.Equal("flagged as aid to people in difficulty", flagged["history"]!.AsArray()[^1]!["reason"]!.GetValue<string>());

        // A moderator's own campaign needs another moderator; another tenant's campaign is not found.
        var own = (await modOwner.OkAsync(Create, NewCampaign(aid: false)))["createCampaign"]!["id"]!.GetValue<string>();
        Assert.Equal("FORBIDDEN", (await modOwner.SendAsync(SetAid, new { id = own, aid = true })).FirstCode);
        var other = await api.NewTenantAsync();
        using var otherMod = Moderator(other);
        Assert.Equal("NOT_FOUND", (await otherMod.SendAsync(SetAid, new { id, aid = false })).FirstCode);

        // Once live, the flag is fixed.
        await mod.OkAsync(Documents.ApproveCampaign, new { id });
        Assert.Equal("INVALID_TRANSITION", (await mod.SendAsync(SetAid, new { id, aid = false })).FirstCode);
        var read = (await admin.OkAsync(Read, new { id }))["campaign"]!;
        Assert.Equal("LIVE", read["status"]!.GetValue<string>());
        Assert.True(read["aidToPeopleInDifficulty"]!.GetValue<bool>());

        // Loans and equity cannot be flagged: nothing is created.
        Assert.Equal("VALIDATION", (await alice.SendAsync(Create, NewCampaign(aid: true, mode: "LOAN"))).FirstCode);
        Assert.Equal(2, (await admin.OkAsync("{ campaigns(first: 50) { totalCount } }"))["campaigns"]!["totalCount"]!.GetValue<int>());
    }
}
