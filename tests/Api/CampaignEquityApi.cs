using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>Equity campaigns through GraphQL: whole shares never oversold, the ECSP checks, revocation.</summary>
[Collection("api")]
public sealed class CampaignEquityApi(ApiFixture api)
{
    private const string Create = """
        mutation($input: CreateCampaignInput!) {
          createCampaign(input: $input) { id mode equityOffer { sharePrice { amount currency } sharesOffered sharesRemaining minRaise { amount } maxRaise { amount } kiis } }
        }
        """;

    private const string Invest = "mutation($input: InvestInput!) { invest(input: $input) { contribution { id } replayed } }";

    private const string Revoke = """
        mutation($c: ID!, $ct: ID!) { revokeInvestment(campaignId: $c, contributionId: $ct) { raised { amount } contributions equityOffer { sharesRemaining } } }
        """;

    private const string Offer = "query($id: ID!) { campaign(id: $id) { raised { amount } contributions equityOffer { sharesRemaining } } }";

    private async Task<(string Tenant, string Id)> LiveEquityAsync(long sharePrice, long shares, long maxContribution = 100_000_000)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var created = (await admin.OkAsync(Create, new
        {
            input = new
            {
                title = "Coopérative solaire",
                mode = "EQUITY",
                goal = new { amount = sharePrice, currency = "EUR" },
                endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"),
                maxContribution,
                equityOffer = new { sharePrice, minRaise = sharePrice, maxRaise = sharePrice * shares, sharesOffered = shares, kiis = "kiis/solaire-v1.pdf" },
            },
        }))["createCampaign"]!;
        Assert.Equal("EQUITY", created["mode"]!.GetValue<string>());
        Assert.Equal(shares, created["equityOffer"]!["sharesRemaining"]!.GetValue<long>());
        Assert.Equal("kiis/solaire-v1.pdf", created["equityOffer"]!["kiis"]!.GetValue<string>());
        var id = created["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return (tenant, id);
    }

    private static object I(string id, long shares, string key, bool ack = false, long? netWorth = null, bool test = true, bool sophisticated = false) =>
        new { input = new { campaignId = id, shares, idempotencyKey = key, riskAcknowledged = ack, declaredNetWorth = netWorth, knowledgeTestPassed = test, sophisticated } };

    [Fact]
    public async Task A_hundred_concurrent_investors_never_buy_more_shares_than_offered()
    {
        var (tenant, id) = await LiveEquityAsync(sharePrice: 1_000, shares: 250);
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var investor = api.Member(tenant, $"investor{i}");
            return await investor.SendAsync(Invest, I(id, 3, $"k{i}"));
        }));

        Assert.Equal(83, results.Count(r => r.FirstCode is null));
        Assert.Equal(17, results.Count(r => r.FirstCode == "SHARES_UNAVAILABLE"));
        Assert.Equal(249_000L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select sum(amount)::bigint from civic_counted_contributions where campaign_id = @id", ("id", id)));
        using var viewer = api.Member(tenant, "viewer");
        var campaign = (await viewer.OkAsync(Offer, new { id }))["campaign"]!;
        Assert.Equal(1L, campaign["equityOffer"]!["sharesRemaining"]!.GetValue<long>());
        Assert.Equal(249_000L, campaign["raised"]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Whole_shares_only_and_the_ECSP_checks()
    {
        var (tenant, id) = await LiveEquityAsync(sharePrice: 10_000, shares: 1_000);
        using var alice = api.Member(tenant, "alice");

        Assert.Equal("VALIDATION", (await alice.SendAsync(Invest, I(id, 0, "zero"))).FirstCode);
        Assert.Equal("KNOWLEDGE_TEST_REQUIRED", (await alice.SendAsync(Invest, I(id, 1, "t", test: false))).FirstCode);

        // No net worth declared: above 1,000 EUR needs the acknowledgement; exactly 1,000 EUR does not.
        Assert.Equal("RISK_ACKNOWLEDGEMENT_REQUIRED", (await alice.SendAsync(Invest, I(id, 11, "n1"))).FirstCode);
        await alice.OkAsync(Invest, I(id, 10, "n2"));
        await alice.OkAsync(Invest, I(id, 11, "n3", ack: true));

        // 100,000 EUR net worth: the threshold is 5,000 EUR.
        const long worth = 10_000_000;
        await alice.OkAsync(Invest, I(id, 50, "w1", netWorth: worth));
        Assert.Equal("RISK_ACKNOWLEDGEMENT_REQUIRED", (await alice.SendAsync(Invest, I(id, 51, "w2", netWorth: worth))).FirstCode);
        await alice.OkAsync(Invest, I(id, 51, "w3", ack: true, netWorth: worth));

        // Sophisticated investors need neither.
        using var bob = api.Member(tenant, "bob");
        await bob.OkAsync(Invest, I(id, 200, "s1", test: false, sophisticated: true));

        // Pledges do not buy shares.
        var pledge = await alice.SendAsync("mutation($input: PledgeInput!) { pledge(input: $input) { replayed } }",
            new { input = new { campaignId = id, amount = 10_000, idempotencyKey = "p" } });
        Assert.Equal("VALIDATION", pledge.FirstCode);
    }

    [Fact]
    public async Task Revocation_within_the_period_returns_money_and_shares()
    {
        var (tenant, id) = await LiveEquityAsync(sharePrice: 1_000, shares: 100);
        using var alice = api.Member(tenant, "alice");
        await alice.OkAsync(Invest, I(id, 5, "a1"));
        var ct = (await alice.OkAsync(Invest, I(id, 10, "a2")))["invest"]!["contribution"]!["id"]!.GetValue<string>();

        using var bob = api.Member(tenant, "bob");
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(Revoke, new { c = id, ct })).FirstCode);

        var after = (await alice.OkAsync(Revoke, new { c = id, ct }))["revokeInvestment"]!;
        Assert.Equal(95L, after["equityOffer"]!["sharesRemaining"]!.GetValue<long>());
        Assert.Equal(5_000L, after["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(1, after["contributions"]!.GetValue<int>());

        var again = (await alice.OkAsync(Revoke, new { c = id, ct }))["revokeInvestment"]!;
        Assert.Equal(95L, again["equityOffer"]!["sharesRemaining"]!.GetValue<long>());
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_contributions where campaign_id = @id and revoked_at is not null", ("id", id)));

        // The returned shares can be bought again; a retry of the revoked key answers the first outcome.
        await bob.OkAsync(Invest, I(id, 95, "b1"));
        Assert.True((await alice.OkAsync(Invest, I(id, 10, "a2")))["invest"]!["replayed"]!.GetValue<bool>());
        Assert.Equal("SHARES_UNAVAILABLE", (await alice.SendAsync(Invest, I(id, 1, "a3"))).FirstCode);
    }
}
