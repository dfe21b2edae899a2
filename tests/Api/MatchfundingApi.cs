using System.Text.Json.Nodes;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>The tenant's match pool through GraphQL: ratio and caps, concurrency, returns on failure.</summary>
[Collection("api-clock")]
public sealed class MatchfundingApi(ClockedApiFixture api)
{
    private const string Create = """
        mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id matched { amount currency } } }
        """;

    private const string Fund = """
        mutation($amount: Long!, $currency: String!, $key: String!, $settings: MatchSettingsInput) {
          fundMatchPool(amount: $amount, currency: $currency, idempotencyKey: $key, settings: $settings) { available { amount currency } spent { amount } exhausted replayed }
        }
        """;

    private const string Pledge = """
        mutation($input: PledgeInput!) { pledge(input: $input) { contribution { id } replayed matched { amount currency } } }
        """;

    private const string Pool = "{ matchPool { available { amount currency } spent { amount currency } exhausted } }";

    private const string Campaign = "query($id: ID!) { campaign(id: $id) { status raised { amount } matched { amount currency } } }";

    private static async Task<string> CampaignAsync(GraphQLClient admin, bool matchfunding, DateTimeOffset endsAt, long goal = 1_000_000)
    {
        var id = (await admin.OkAsync(Create, new
        {
            input = new
            {
                title = "Jardin partagé",
                goal = new { amount = goal, currency = "EUR" },
                endsAt = endsAt.ToString("O"),
                matchfunding,
            },
        }))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return id;
    }

    private static async Task<long?> PledgeAsync(GraphQLClient backer, string id, long amount, string key)
    {
        var matched = (await backer.OkAsync(Pledge, new { input = new { campaignId = id, amount, idempotencyKey = key } }))["pledge"]!["matched"];
        return matched?["amount"]!.GetValue<long>();
    }

    [Fact]
    public async Task One_to_one_with_a_cap_per_contribution_and_one_match_per_backer()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");

        Assert.Null((await alice.OkAsync(Pool))["matchPool"]);
        var forbidden = await alice.SendAsync(Fund, new { amount = 100_000, currency = "EUR", key = "t1" });
        Assert.Equal("FORBIDDEN", forbidden.FirstCode);
        var funded = (await admin.OkAsync(Fund, new { amount = 100_000, currency = "EUR", key = "t1", settings = new { capPerContribution = 5_000 } }))["fundMatchPool"]!;
        Assert.Equal(100_000, funded["available"]!["amount"]!.GetValue<long>());

        var loan = await admin.SendAsync(Create, new
        {
            input = new
            {
                title = "Prêt", mode = "LOAN", goal = new { amount = 100_000, currency = "EUR" },
                endsAt = api.Now.AddDays(10).ToString("O"), matchfunding = true,
                loanTerms = new { annualRateBasisPoints = 0, termMonths = 12, firstRepaymentOn = api.Now.UtcDateTime.AddYears(1).ToString("yyyy-MM-dd") },
            },
        });
        Assert.Equal("VALIDATION", loan.FirstCode);

        var id = await CampaignAsync(admin, matchfunding: true, api.Now.AddDays(10));
        var plain = await CampaignAsync(admin, matchfunding: false, api.Now.AddDays(10));

        Assert.Equal(5_000, await PledgeAsync(alice, id, 8_000, "a1"));   // 1:1, capped at 50 EUR
        Assert.Equal(0, await PledgeAsync(alice, id, 1_000, "a2"));       // one matched contribution per backer
        Assert.Equal(3_000, await PledgeAsync(bob, id, 3_000, "b1"));     // 1:1
        Assert.Null(await PledgeAsync(bob, plain, 3_000, "b2"));          // not matched at all

        var campaign = (await alice.OkAsync(Campaign, new { id }))["campaign"]!;
        Assert.Equal(12_000, campaign["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(8_000, campaign["matched"]!["amount"]!.GetValue<long>());
        Assert.Null((await alice.OkAsync(Campaign, new { id = plain }))["campaign"]!["matched"]);

        var pool = (await alice.OkAsync(Pool))["matchPool"]!;
        Assert.Equal(92_000, pool["available"]!["amount"]!.GetValue<long>());
        Assert.Equal(8_000, pool["spent"]!["amount"]!.GetValue<long>());
        Assert.False(pool["exhausted"]!.GetValue<bool>());
        Assert.Equal(8_000L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_matches where tenant = @t", ("t", tenant)));
    }

    [Fact]
    public async Task A_top_up_without_settings_puts_the_default_rules_back()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        await admin.OkAsync(Fund, new { amount = 100_000, currency = "EUR", key = "t1", settings = new { capPerContribution = 5_000 } });
        var id = await CampaignAsync(admin, matchfunding: true, api.Now.AddDays(10));
        Assert.Equal(5_000, await PledgeAsync(alice, id, 8_000, "a1"));   // the cap asked for

        // Settings omitted are the defaults (100 EUR per contribution), not the pool's current rules.
        await admin.OkAsync(Fund, new { amount = 1_000, currency = "EUR", key = "t2" });
        Assert.Equal(8_000, await PledgeAsync(bob, id, 8_000, "b1"));
    }

    [Fact]
    public async Task Two_hundred_concurrent_backers_never_overdraw_the_pool()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        await admin.OkAsync(Fund, new { amount = 10_000, currency = "EUR", key = "t1" });
        var id = await CampaignAsync(admin, matchfunding: true, api.Now.AddDays(10));

        var matched = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var backer = api.Member(tenant, $"backer{i}");
            return await PledgeAsync(backer, id, 1_000, $"k{i}");
        }));

        Assert.All(matched, m => Assert.NotNull(m));
        Assert.Equal(10_000, matched.Sum(m => m!.Value));
        Assert.Equal(10, matched.Count(m => m == 1_000));
        Assert.Equal(10_000L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_matches where tenant = @t", ("t", tenant)));
        Assert.Equal(10L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_matches where tenant = @t and campaign_id = @id", ("t", tenant), ("id", id)));

        using var viewer = api.Member(tenant, "viewer");
        var pool = (await viewer.OkAsync(Pool))["matchPool"]!;
        Assert.Equal(0, pool["available"]!["amount"]!.GetValue<long>());
        Assert.Equal(10_000, pool["spent"]!["amount"]!.GetValue<long>());
        Assert.True(pool["exhausted"]!.GetValue<bool>());
        var campaign = (await viewer.OkAsync(Campaign, new { id }))["campaign"]!;
        Assert.Equal(200_000, campaign["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(10_000, campaign["matched"]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Matched_money_returns_to_the_pool_when_the_campaign_fails()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        await admin.OkAsync(Fund, new { amount = 10_000, currency = "EUR", key = "t1" });
        var endsAt = api.Now.AddMinutes(10);
        var id = await CampaignAsync(admin, matchfunding: true, endsAt);

        Assert.Equal(2_000, await PledgeAsync(alice, id, 2_000, "a1"));
        Assert.Equal(8_000, (await alice.OkAsync(Pool))["matchPool"]!["available"]!["amount"]!.GetValue<long>());

        await api.EventuallyAfterAsync(endsAt,
            async () => (await alice.OkAsync(Campaign, new { id }))["campaign"]!,
            campaign => campaign["status"]!.GetValue<string>() == "REFUNDED" && campaign["matched"]!["amount"]!.GetValue<long>() == 0,
            "the campaign to fail and return its matches");

        var pool = (await alice.OkAsync(Pool))["matchPool"]!;
        Assert.Equal(10_000, pool["available"]!["amount"]!.GetValue<long>());
        Assert.Equal(0, pool["spent"]!["amount"]!.GetValue<long>());
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_matches where tenant = @t and campaign_id = @id and returned_at is not null", ("t", tenant), ("id", id)));
    }
}
