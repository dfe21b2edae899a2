using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>Rewards with a limited stock on donation campaigns, through GraphQL and the ledger.</summary>
[Collection("api")]
public sealed class CampaignRewardsApi(ApiFixture api)
{
    private const string Create = """
        mutation($input: CreateCampaignInput!) {
          createCampaign(input: $input) { id rewards { id title minAmount { amount currency } stock remaining } }
        }
        """;

    private const string Pledge = """
        mutation($input: PledgeInput!) {
          pledge(input: $input) { contribution { id } replayed reward { id remaining } }
        }
        """;

    private const string Rewards = "query($id: ID!) { campaign(id: $id) { contributions rewards { id stock remaining } } }";

    private async Task<(string Tenant, string Id)> LiveCampaignAsync(int stock)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var created = (await admin.OkAsync(Create, new
        {
            input = new
            {
                title = "Fresque du quartier",
                goal = new { amount = 1_000_000, currency = "EUR" },
                endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"),
                rewards = new object[]
                {
                    new { title = "Affiche signée", minAmount = 2_000, stock },
                    new { title = "Merci sur le mur", minAmount = 500, stock = (int?)null },
                },
            },
        }))["createCampaign"]!;
        var id = created["id"]!.GetValue<string>();
        var rewards = created["rewards"]!.AsArray();
        Assert.Equal("r1", rewards[0]!["id"]!.GetValue<string>());
        Assert.Equal(stock, rewards[0]!["remaining"]!.GetValue<int>());
        Assert.Null(rewards[1]!["stock"]);
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return (tenant, id);
    }

    [Fact]
    public async Task Three_hundred_backers_on_25_units_get_exactly_25()
    {
        var (tenant, id) = await LiveCampaignAsync(stock: 25);

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            using var backer = api.Member(tenant, $"backer{i}");
            return await backer.SendAsync(Pledge, new { input = new { campaignId = id, amount = 2_500, idempotencyKey = $"k{i}", rewardId = "r1" } });
        }));

        Assert.Equal(25, results.Count(r => r.FirstCode is null));
        Assert.Equal(275, results.Count(r => r.FirstCode == "REWARD_UNAVAILABLE"));
        Assert.Equal(25L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_contributions where campaign_id = @id and reward_id = 'r1'", ("id", id)));

        using var viewer = api.Member(tenant, "viewer");
        var campaign = (await viewer.OkAsync(Rewards, new { id }))["campaign"]!;
        Assert.Equal(25, campaign["contributions"]!.GetValue<int>());
        Assert.Equal(0, campaign["rewards"]![0]!["remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_reward_comes_with_the_pledge_and_needs_its_minimum()
    {
        var (tenant, id) = await LiveCampaignAsync(stock: 2);
        using var alice = api.Member(tenant, "alice");

        var low = await alice.SendAsync(Pledge, new { input = new { campaignId = id, amount = 1_000, idempotencyKey = "low", rewardId = "r1" } });
        Assert.Equal("AMOUNT_TOO_LOW", low.FirstCode);
        var unknown = await alice.SendAsync(Pledge, new { input = new { campaignId = id, amount = 2_000, idempotencyKey = "x", rewardId = "r9" } });
        Assert.Equal("NOT_FOUND", unknown.FirstCode);

        var first = (await alice.OkAsync(Pledge, new { input = new { campaignId = id, amount = 2_000, idempotencyKey = "a1", rewardId = "r1" } }))["pledge"]!;
        Assert.Equal("r1", first["reward"]!["id"]!.GetValue<string>());
        Assert.Equal(1, first["reward"]!["remaining"]!.GetValue<int>());

        var replay = (await alice.OkAsync(Pledge, new { input = new { campaignId = id, amount = 2_000, idempotencyKey = "a1", rewardId = "r1" } }))["pledge"]!;
        Assert.True(replay["replayed"]!.GetValue<bool>());
        Assert.Equal(1, replay["reward"]!["remaining"]!.GetValue<int>());
        var otherReward = await alice.SendAsync(Pledge, new { input = new { campaignId = id, amount = 2_000, idempotencyKey = "a1", rewardId = "r2" } });
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", otherReward.FirstCode);

        var none = (await alice.OkAsync(Pledge, new { input = new { campaignId = id, amount = 700, idempotencyKey = "a2" } }))["pledge"]!;
        Assert.Null(none["reward"]);
    }
}
