using System.Net;
using System.Text.Json.Nodes;
using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.Payments;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// Whole lifecycles through GraphQL, the webhook endpoint and the sandbox provider: a campaign from its
/// draft to its payout, and another from its draft to the refund of every backer.
/// </summary>
[Collection("api-clock")]
public sealed class CampaignSettlementApi(ClockedApiFixture api)
{
    private const string Pledge = """
        mutation($input: PledgeInput!) { pledge(input: $input) { contribution { id } status raised { amount } } }
        """;

    private const string Fund = """
        mutation($amount: Long!, $currency: String!, $key: String!) {
          fundMatchPool(amount: $amount, currency: $currency, idempotencyKey: $key) { available { amount } }
        }
        """;

    private const string Pool = "{ matchPool { available { amount } spent { amount } } transparency { matchfundingSpent { amount } } }";

    private const string Campaign = "query($id: ID!) { campaign(id: $id) { status raised { amount } matched { amount } history { from to by reason } } }";

    private GraphQLClient Moderator(string tenant) => api.Client(tenant, api.Tokens.Issue(tenant, "moderator", Role.Moderator));

    /// <summary>A member's campaign, submitted and approved, live now and ending in an hour (of the fake clock).</summary>
    private async Task<(string Id, DateTimeOffset EndsAt)> ApprovedCampaignAsync(string tenant, long goal, bool matchfunding = false)
    {
        using var owner = api.Member(tenant, "owner");
        using var moderator = Moderator(tenant);
        var endsAt = api.Now.AddHours(1);
        var created = (await owner.OkAsync(Documents.CreateCampaignId, new
        {
            input = new
            {
                title = "Jardin partagé",
                goal = new { amount = goal, currency = "EUR" },
                endsAt = endsAt.ToString("O"),
                minContribution = 100,
                matchfunding,
            },
        }))["createCampaign"]!;
        Assert.Equal("DRAFT", created["status"]!.GetValue<string>());
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("SUBMITTED", (await owner.OkAsync(Documents.SubmitCampaign, new { id }))["submitCampaign"]!["status"]!.GetValue<string>());
        Assert.Equal("LIVE", (await moderator.OkAsync(Documents.ApproveCampaign, new { id, note = "ok" }))["approveCampaign"]!["status"]!.GetValue<string>());
        return (id, endsAt);
    }

    private static async Task<JsonNode> PledgeAsync(GraphQLClient member, string id, long amount, string key, string? token = null) =>
        (await member.OkAsync(Pledge, new { input = new { campaignId = id, amount, idempotencyKey = key, paymentToken = token } }))["pledge"]!;

    private async Task<JsonNode> StatusAfterEndAsync(string tenant, string id, DateTimeOffset endsAt, string status)
    {
        using var owner = api.Member(tenant, "owner");
        return await api.EventuallyAfterAsync(endsAt,
            async () => (await owner.OkAsync(Campaign, new { id }))["campaign"]!,
            campaign => campaign["status"]!.GetValue<string>() == status, $"the campaign to be {status}");
    }

    private Task<string> PaymentStatusAsync(string contributionId) => PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
        "select payment_status || coalesce(':' || left(refund_reference, 7), '') from civic_contributions where contribution_id = @id", ("id", contributionId));

    private static string[] Path(JsonNode campaign) =>
        [.. campaign["history"]!.AsArray().Select(t => t!["to"]!.GetValue<string>())];

    [Fact]
    public async Task A_campaign_runs_from_draft_to_payout()
    {
        var tenant = await api.NewTenantAsync();
        var (id, endsAt) = await ApprovedCampaignAsync(tenant, goal: 5_000);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        Assert.Equal("CONFIRMED", (await PledgeAsync(alice, id, 3_000, "a1"))["status"]!.GetValue<string>());
        var transfer = await PledgeAsync(bob, id, 2_500, "b1", SandboxPaymentProvider.Transfer);
        Assert.Equal(("PENDING", 3_000L), (transfer["status"]!.GetValue<string>(), transfer["raised"]!["amount"]!.GetValue<long>()));
        var bobs = transfer["contribution"]!["id"]!.GetValue<string>();
        var (status, _) = await PaymentsApi.PostWebhookAsync(api, PaymentsApi.Event("evt_" + bobs, "payment.confirmed", bobs));
        Assert.Equal(HttpStatusCode.OK, status);

        var paid = await StatusAfterEndAsync(tenant, id, endsAt, "PAID_OUT");
        Assert.Equal(5_500, paid["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(["DRAFT", "SUBMITTED", "APPROVED", "LIVE", "SUCCEEDED", "PAID_OUT"], Path(paid).Distinct());
        var payout = paid["history"]!.AsArray().Last()!;
        Assert.Equal("system", payout["by"]!.GetValue<string>());
        Assert.Contains("55.00 EUR", payout["reason"]!.GetValue<string>());
        Assert.Equal(5_500, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select amount from civic_payouts where campaign_id = @id and beneficiary = 'owner' and reference like 'sbx_po_%'", ("id", id)));

        var late = await alice.SendAsync(Pledge, new { input = new { campaignId = id, amount = 1_000, idempotencyKey = "a2" } });
        Assert.Equal("CAMPAIGN_CLOSED", late.FirstCode);
        Assert.Equal(2, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_counted_contributions where campaign_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_failed_campaign_runs_from_draft_to_refund_and_its_matches_go_back()
    {
        var tenant = await api.NewTenantAsync();
        using (var admin = api.Admin(tenant))
        {
            await admin.OkAsync(Fund, new { amount = 100_000, currency = "EUR", key = "top-up-1" });
        }

        var (id, endsAt) = await ApprovedCampaignAsync(tenant, goal: 100_000, matchfunding: true);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        using var carol = api.Member(tenant, "carol");
        var alices = (await PledgeAsync(alice, id, 3_000, "a1"))["contribution"]!["id"]!.GetValue<string>();
        var bobs = (await PledgeAsync(bob, id, 2_000, "b1"))["contribution"]!["id"]!.GetValue<string>();
        var carols = (await PledgeAsync(carol, id, 1_500, "c1", SandboxPaymentProvider.Transfer))["contribution"]!["id"]!.GetValue<string>();
        using (var viewer = api.Member(tenant, "viewer"))
        {
            var before = await viewer.OkAsync(Pool);
            Assert.Equal(5_000, before["matchPool"]!["spent"]!["amount"]!.GetValue<long>());
            Assert.Equal(5_000, before["transparency"]!["matchfundingSpent"]!["amount"]!.GetValue<long>());
        }

        var refunded = await StatusAfterEndAsync(tenant, id, endsAt, "REFUNDED");
        Assert.Equal(["DRAFT", "SUBMITTED", "APPROVED", "LIVE", "FAILED", "REFUNDED"], Path(refunded).Distinct());
        Assert.Equal(0, refunded["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal("refunded:sbx_re_", await PaymentStatusAsync(alices));
        Assert.Equal("refunded:sbx_re_", await PaymentStatusAsync(bobs));
        Assert.Equal("pending", await PaymentStatusAsync(carols));
        using (var viewer = api.Member(tenant, "viewer"))
        {
            var settled = await viewer.OkAsync(Pool);
            var pool = settled["matchPool"]!;
            Assert.Equal((100_000L, 0L), (pool["available"]!["amount"]!.GetValue<long>(), pool["spent"]!["amount"]!.GetValue<long>()));
            Assert.Equal(0, settled["transparency"]!["matchfundingSpent"]!["amount"]!.GetValue<long>());
        }

        // Carol's transfer arrives after the refunds: it is taken, then given straight back.
        var (status, body) = await PaymentsApi.PostWebhookAsync(api, PaymentsApi.Event("evt_" + carols, "payment.confirmed", carols));
        Assert.Equal((HttpStatusCode.OK, "REFUNDED"), (status, body["status"]!.GetValue<string>()));
        Assert.Equal("refunded:sbx_re_", await PaymentStatusAsync(carols));
        using var owner = api.Member(tenant, "owner");
        var after = (await owner.OkAsync(Campaign, new { id }))["campaign"]!;
        Assert.Equal(("REFUNDED", 0L), (after["status"]!.GetValue<string>(), after["raised"]!["amount"]!.GetValue<long>()));
        Assert.Equal(0, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_payouts where campaign_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_payment_pending_at_the_end_holds_the_payout_until_it_settles_then_counts()
    {
        var tenant = await api.NewTenantAsync();
        var (id, endsAt) = await ApprovedCampaignAsync(tenant, goal: 3_000);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        await PledgeAsync(alice, id, 3_000, "a1");
        var bobs = (await PledgeAsync(bob, id, 2_500, "b1", SandboxPaymentProvider.Transfer))["contribution"]!["id"]!.GetValue<string>();

        // The goal is met by confirmed money; Bob's transfer is still pending, so the payout waits for it.
        var succeeded = await StatusAfterEndAsync(tenant, id, endsAt, "SUCCEEDED");
        Assert.Equal(3_000, succeeded["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(0, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_payouts where campaign_id = @id", ("id", id)));

        var (status, _) = await PaymentsApi.PostWebhookAsync(api, PaymentsApi.Event("evt_" + bobs, "payment.confirmed", bobs));
        Assert.Equal(HttpStatusCode.OK, status);
        var paid = await StatusAfterEndAsync(tenant, id, endsAt, "PAID_OUT");
        Assert.Equal(5_500, paid["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(5_500, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select amount from civic_payouts where campaign_id = @id", ("id", id)));
    }
}
