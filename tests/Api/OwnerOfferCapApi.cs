using Civic.Grains.Interfaces;

namespace Civic.Tests.Api;

/// <summary>The ECSP cap across an owner's equity offers through GraphQL: 5,000,000 EUR per 12 months, freed by rejection or failure.</summary>
[Collection("api-clock")]
public sealed class OwnerOfferCapApi(ClockedApiFixture api)
{
    private const long MillionEuros = 100_000_000;
    private const long SharePrice = 100_000;

    private const string Count = "{ campaigns(first: 50) { totalCount } }";

    private object Offer(long maxRaise, DateTimeOffset? endsAt = null) => new
    {
        input = new
        {
            title = "Coopérative solaire",
            mode = "EQUITY",
            goal = new { amount = SharePrice, currency = "EUR" },
            endsAt = (endsAt ?? api.Now.AddHours(1)).ToString("O"),
            equityOffer = new { sharePrice = SharePrice, minRaise = SharePrice, maxRaise, sharesOffered = maxRaise / SharePrice, kiis = "kiis/solaire.pdf" },
        },
    };

    private static async Task<int> CampaignCountAsync(GraphQLClient admin) =>
        (await admin.OkAsync(Count))["campaigns"]!["totalCount"]!.GetValue<int>();

    [Fact]
    public async Task An_owner_offers_at_most_five_million_euros_and_a_rejected_offer_frees_its_amount()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var olga = api.Member(tenant, "olga");
        using var paul = api.Member(tenant, "paul");
        using var mod = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));

        await olga.OkAsync(Documents.CreateCampaignId, Offer(3 * MillionEuros));
        var second = (await olga.OkAsync(Documents.CreateCampaignId, Offer(2 * MillionEuros)))["createCampaign"]!["id"]!.GetValue<string>();

        // One share more is refused and nothing is created.
        Assert.Equal("OWNER_CAP_EXCEEDED", (await olga.SendAsync(Documents.CreateCampaignId, Offer(SharePrice))).FirstCode);
        Assert.Equal(2, await CampaignCountAsync(admin));

        // Another owner, or the same person in another tenant, has a cap of their own.
        await paul.OkAsync(Documents.CreateCampaignId, Offer(5 * MillionEuros));
        var other = await api.NewTenantAsync();
        using var olgaElsewhere = api.Member(other, "olga");
        await olgaElsewhere.OkAsync(Documents.CreateCampaignId, Offer(5 * MillionEuros));

        // Rejected: the 2,000,000 EUR count no more.
        await olga.OkAsync(Documents.SubmitCampaign, new { id = second });
        await mod.OkAsync(Documents.RejectCampaign, new { id = second, reason = "KIIS incomplete" });
        await olga.OkAsync(Documents.CreateCampaignId, Offer(2 * MillionEuros));
        Assert.Equal("OWNER_CAP_EXCEEDED", (await olga.SendAsync(Documents.CreateCampaignId, Offer(SharePrice))).FirstCode);
        Assert.Equal(4, await CampaignCountAsync(admin));
    }

    [Fact]
    public async Task A_failed_offer_frees_its_amount()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var endsAt = api.Now.AddMinutes(10);
        var id = (await admin.OkAsync(Documents.CreateCampaignId, Offer(5 * MillionEuros, endsAt)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        Assert.Equal("OWNER_CAP_EXCEEDED", (await admin.SendAsync(Documents.CreateCampaignId, Offer(SharePrice))).FirstCode);

        using var anonymous = api.Client(tenant, token: null);
        await api.EventuallyAfterAsync(endsAt,
            async () => (await anonymous.OkAsync(Documents.Campaign, new { id }))["campaign"]?["status"]?.GetValue<string>(),
            status => status == "FAILED", "the offer to fail");
        var owner = api.Grains.GetGrain<IOwnerOffersGrain>(GrainKeys.Compound(tenant, "admin"));
        await Civic.Tests.Grains.GrainTestData.EventuallyAsync(
            async () => (await owner.GetOffersAsync()).Length, count => count == 0, "the failed offer to be released", TimeSpan.FromSeconds(10));

        await admin.OkAsync(Documents.CreateCampaignId, Offer(5 * MillionEuros));
    }
}
