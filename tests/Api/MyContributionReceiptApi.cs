namespace Civic.Tests.Api;

/// <summary>"My contributions" names the tax receipt issued for a donation, which the donor's space links to.</summary>
[Collection("api-clock")]
public sealed class MyContributionReceiptApi(ClockedApiFixture api)
{
    private const string Mine = "{ myContributions(first: 10) { items { id status receiptNumber } } }";

    private const string RequestReceipt = """
        mutation($contributionId: ID!, $donor: DonorInput!) { requestTaxReceipt(contributionId: $contributionId, donor: $donor) { number } }
        """;

    [Fact]
    public async Task A_donation_shows_its_receipt_number_once_issued_and_only_to_its_donor()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        await Documents.RegisterApprovedBeneficiaryAsync(admin, admin,
            new { name = "Mairie d'essai", address = "1 place de la Mairie", siren = "732829320", purpose = "Jardin partagé" });
        var endsAt = api.Now.AddMinutes(10);
        var id = (await admin.OkAsync(Documents.CreateCampaignId, Documents.NewCampaign(goal: 1_000, endsAt: endsAt)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        var donation = (await alice.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 5_000, idempotencyKey = "a1" } }))["pledge"]!["contribution"]!["id"]!.GetValue<string>();
        await bob.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 2_000, idempotencyKey = "b1" } });

        var before = (await alice.OkAsync(Mine))["myContributions"]!["items"]!.AsArray().Single()!;
        Assert.Equal(donation, before["id"]!.GetValue<string>());
        Assert.Null(before["receiptNumber"]);

        await api.EventuallyAfterAsync(endsAt,
            async () => (await alice.OkAsync(Documents.Campaign, new { id }))["campaign"]!["status"]!.GetValue<string>(),
            status => status == "PAID_OUT", "the campaign to succeed and be paid out");
        var number = (await alice.OkAsync(RequestReceipt, new { contributionId = donation, donor = new { name = "Alice Martin", address = "2 rue des Lilas" } }))["requestTaxReceipt"]!["number"]!.GetValue<string>();

        var after = (await alice.OkAsync(Mine))["myContributions"]!["items"]!.AsArray().Single()!;
        Assert.Equal(number, after["receiptNumber"]!.GetValue<string>());
        Assert.Null((await bob.OkAsync(Mine))["myContributions"]!["items"]!.AsArray().Single()!["receiptNumber"]);
        using var anonymous = api.Client(tenant, token: null);
        Assert.Equal("UNAUTHENTICATED", (await anonymous.SendAsync(Mine)).FirstCode);
    }
}
