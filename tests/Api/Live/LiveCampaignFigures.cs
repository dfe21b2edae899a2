using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api.Live;

/// <summary>campaignUpdated carries what campaign(id) shows of a running campaign: the matched amount apart from raised, and the rewards left.</summary>
[Collection("live")]
public sealed class LiveCampaignFigures(LiveApiFixture api)
{
    private const string CampaignUpdated =
        "subscription Live($id: ID!) { campaignUpdated(id: $id) { raised { amount } matched { amount currency } rewards { id stock remaining } } }";

    private const string Fund = """
        mutation($amount: Long!, $key: String!) { fundMatchPool(amount: $amount, currency: "EUR", idempotencyKey: $key) { available { amount } } }
        """;

    private const string Pledge = "mutation($input: PledgeInput!) { pledge(input: $input) { matched { amount } } }";

    private static JsonNode Figures(JsonNode? message)
    {
        Assert.True(message?["type"]?.GetValue<string>() == "next", $"expected next, got {message?.ToJsonString() ?? "a close"}");
        return message!["payload"]!["data"]!["campaignUpdated"]!;
    }

    private static async Task<JsonNode> UntilAsync(LiveSocket live, Func<JsonNode, bool> until)
    {
        while (true)
        {
            var figures = Figures(await live.ReceiveAsync());
            if (until(figures))
            {
                return figures;
            }
        }
    }

    [Fact]
    public async Task Matched_moves_apart_from_raised_and_rewards_count_down()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        await admin.OkAsync(Fund, new { amount = 100_000, key = "fund" });
        var id = (await admin.OkAsync("mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }", new
        {
            input = new
            {
                title = "Fresque du quartier",
                goal = new { amount = 1_000_000, currency = "EUR" },
                endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"),
                matchfunding = true,
                rewards = new object[] { new { title = "Affiche signée", minAmount = 2_000, stock = 3 } },
            },
        }))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        using (var early = api.Member(tenant, "early"))
        {
            await early.OkAsync(Pledge, new { input = new { campaignId = id, amount = 1_000, idempotencyKey = "early" } });
        }

        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, token: null);
        await live.SubscribeAsync("c", CampaignUpdated, new { id });
        var first = Figures(await live.ReceiveAsync());
        Assert.Equal((1_000L, 1_000L, "EUR"), (first["raised"]!["amount"]!.GetValue<long>(), first["matched"]!["amount"]!.GetValue<long>(),
            first["matched"]!["currency"]!.GetValue<string>()));
        Assert.Equal(3, first["rewards"]![0]!["remaining"]!.GetValue<int>());

        using (var bob = api.Member(tenant, "bob"))
        {
            var matched = (await bob.OkAsync(Pledge, new { input = new { campaignId = id, amount = 2_500, idempotencyKey = "bob", rewardId = "r1" } }))["pledge"]!["matched"]!;
            Assert.Equal(2_500, matched["amount"]!.GetValue<long>());
        }

        var moved = await UntilAsync(live, f => f["raised"]!["amount"]!.GetValue<long>() == 3_500);
        Assert.Equal(3_500, moved["matched"]!["amount"]!.GetValue<long>());
        Assert.Equal((3, 2), (moved["rewards"]![0]!["stock"]!.GetValue<int>(), moved["rewards"]![0]!["remaining"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_campaign_without_matchfunding_pushes_no_matched_amount()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "alice", Role.Member));
        await live.SubscribeAsync("c", CampaignUpdated, new { id });
        Assert.Null(Figures(await live.ReceiveAsync())["matched"]);
    }
}
