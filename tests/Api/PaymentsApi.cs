using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Civic.Grains.Campaigns;
using Civic.Grains.Payments;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// Payments in front of the ledger, through GraphQL and the webhook endpoint with the sandbox provider:
/// PENDING until confirmed, FAILED never counts, signatures, replays and duplicates, timeouts and outages.
/// </summary>
[Collection("api")]
public sealed class PaymentsApi(ApiFixture api)
{
    private const string Pledge = """
        mutation($input: PledgeInput!) {
          pledge(input: $input) { contribution { id status failureReason } status raised { amount } replayed reward { id remaining } }
        }
        """;

    private const string Raised = "query($id: ID!) { campaign(id: $id) { raised { amount } contributions backers rewards { id remaining } } }";

    private const string Mine = "{ myContributions(first: 10) { edges { node { id status failureReason } } } }";

    private async Task<(string Tenant, string Id)> LiveCampaignAsync(int rewardStock = 1)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaignId, new
        {
            input = new
            {
                title = "Jardin partagé",
                goal = new { amount = 1_000_000, currency = "EUR" },
                endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"),
                minContribution = 100,
                rewards = new[] { new { title = "Un pot de miel", minAmount = 2_000, stock = rewardStock } },
            },
        }))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return (tenant, id);
    }

    private static async Task<JsonNode> PledgeAsync(GraphQLClient member, string id, long amount, string key, string? token = null, string? rewardId = null) =>
        (await member.OkAsync(Pledge, new { input = new { campaignId = id, amount, idempotencyKey = key, paymentToken = token, rewardId } }))["pledge"]!;

    private async Task<JsonNode> CampaignAsync(string tenant, string id)
    {
        using var anonymous = api.Client(tenant, token: null);
        return (await anonymous.OkAsync(Raised, new { id }))["campaign"]!;
    }

    private async Task<(string Status, long Rows)> LedgerAsync(string contributionId) =>
        (await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
                "select payment_status from civic_contributions where contribution_id = @id", ("id", contributionId)),
            await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
                "select count(*) from civic_contributions where contribution_id = @id", ("id", contributionId)));

    public static string Event(string id, string type, string contributionId, string reference = "sbx_ref_unknown") =>
        new JsonObject { ["id"] = id, ["type"] = type, ["reference"] = reference, ["contribution"] = contributionId }.ToJsonString();

    /// <summary>Posts a webhook as the sandbox provider would: signed now with the tests' secret unless told otherwise.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> PostWebhookAsync(
        ApiFixture api, string body, DateTimeOffset? signedAt = null, string? secret = null, string provider = "sandbox", bool sign = true)
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/payments/{provider}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (sign)
        {
            request.Headers.TryAddWithoutValidation("Civic-Signature", WebhookVerifier.Sign(
                Encoding.UTF8.GetBytes(secret ?? ApiFixture.WebhookSecret), signedAt ?? DateTimeOffset.UtcNow, body));
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task A_pending_payment_counts_only_once_its_webhook_confirms_it_and_a_repeated_event_changes_nothing()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant, "alice");
        var pledge = await PledgeAsync(alice, id, 2_500, "p1", SandboxPaymentProvider.StrongAuthenticationCard, rewardId: "r1");
        var contribution = pledge["contribution"]!["id"]!.GetValue<string>();
        Assert.Equal("PENDING", pledge["status"]!.GetValue<string>());
        Assert.Equal(0, pledge["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(0, pledge["reward"]!["remaining"]!.GetValue<int>()); // the unit is held while the payment is open
        Assert.Equal("PENDING", (await alice.OkAsync(Mine))["myContributions"]!["edges"]![0]!["node"]!["status"]!.GetValue<string>());
        Assert.Equal(0, (await CampaignAsync(tenant, id))["raised"]!["amount"]!.GetValue<long>());

        // A retry with the same key while the card still waits for strong authentication: still PENDING, nothing new.
        var retry = await PledgeAsync(alice, id, 2_500, "p1", SandboxPaymentProvider.StrongAuthenticationCard, rewardId: "r1");
        Assert.Equal(("PENDING", true, contribution), (retry["status"]!.GetValue<string>(), retry["replayed"]!.GetValue<bool>(), retry["contribution"]!["id"]!.GetValue<string>()));

        var confirmed = Event("evt_confirm_" + contribution, "payment.confirmed", contribution);
        var (status, body) = await PostWebhookAsync(api, confirmed);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("APPLIED", false, "CONFIRMED"), (body["code"]!.GetValue<string>(), body["duplicate"]!.GetValue<bool>(), body["status"]!.GetValue<string>()));
        var campaign = await CampaignAsync(tenant, id);
        Assert.Equal((2_500L, 1, 1), (campaign["raised"]!["amount"]!.GetValue<long>(), campaign["contributions"]!.GetValue<int>(), campaign["backers"]!.GetValue<int>()));

        // The same event again (a provider resending it): acknowledged, nothing changes.
        (status, body) = await PostWebhookAsync(api, confirmed);
        Assert.Equal((HttpStatusCode.OK, "DUPLICATE", true), (status, body["code"]!.GetValue<string>(), body["duplicate"]!.GetValue<bool>()));
        // Another event id saying the same thing: the status is already there, nothing changes either.
        (status, _) = await PostWebhookAsync(api, Event("evt_again_" + contribution, "payment.confirmed", contribution));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2_500, (await CampaignAsync(tenant, id))["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(("confirmed", 1L), await LedgerAsync(contribution));

        var replayed = await PledgeAsync(alice, id, 2_500, "p1", SandboxPaymentProvider.StrongAuthenticationCard, rewardId: "r1");
        Assert.Equal(("CONFIRMED", true, 2_500L), (replayed["status"]!.GetValue<string>(), replayed["replayed"]!.GetValue<bool>(), replayed["raised"]!["amount"]!.GetValue<long>()));
        Assert.Equal(2_500, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_counted_contributions where campaign_id = @id", ("id", id)));
    }

    [Fact]
    public async Task Bad_signatures_stale_events_and_unknown_payments_are_refused_and_change_nothing()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant, "alice");
        var contribution = (await PledgeAsync(alice, id, 2_500, "p1", SandboxPaymentProvider.Transfer, rewardId: "r1"))["contribution"]!["id"]!.GetValue<string>();
        var body = Event("evt_" + contribution, "payment.confirmed", contribution);

        async Task Refused(HttpStatusCode expected, string code, (HttpStatusCode Status, JsonNode Body) answer)
        {
            Assert.Equal((expected, code), (answer.Status, answer.Body["code"]!.GetValue<string>()));
            Assert.Equal(("pending", 1L), await LedgerAsync(contribution));
        }

        await Refused(HttpStatusCode.Unauthorized, "BAD_SIGNATURE", await PostWebhookAsync(api, body, secret: "not-the-secret"));
        await Refused(HttpStatusCode.Unauthorized, "BAD_SIGNATURE", await PostWebhookAsync(api, body, sign: false));
        await Refused(HttpStatusCode.BadRequest, "STALE_EVENT", await PostWebhookAsync(api, body, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10)));
        await Refused(HttpStatusCode.BadRequest, "STALE_EVENT", await PostWebhookAsync(api, body, signedAt: DateTimeOffset.UtcNow.AddMinutes(10)));
        await Refused(HttpStatusCode.BadRequest, "MALFORMED_EVENT", await PostWebhookAsync(api, """{"id":"e","type":"payment.exploded","reference":"r"}"""));
        await Refused(HttpStatusCode.BadRequest, "MALFORMED_EVENT", await PostWebhookAsync(api, "not json"));
        await Refused(HttpStatusCode.NotFound, "UNKNOWN_PROVIDER", await PostWebhookAsync(api, body, provider: "acme"));
        await Refused(HttpStatusCode.NotFound, "UNKNOWN_PROVIDER", await PostWebhookAsync(api, body, provider: "..%2f"));
        await Refused(HttpStatusCode.NotFound, "UNKNOWN_PAYMENT", await PostWebhookAsync(api, Event("evt_x", "payment.confirmed", "ct_nobody")));
        await Refused(HttpStatusCode.RequestEntityTooLarge, "TOO_LARGE", await PostWebhookAsync(api, new string(' ', 70_000) + body));
        Assert.Equal(0, (await CampaignAsync(tenant, id))["raised"]!["amount"]!.GetValue<long>());

        // The payment fails: the reward unit it held comes back, and it can never be confirmed afterwards.
        using var bob = api.Member(tenant, "bob");
        var taken = await bob.SendAsync(Pledge, new { input = new { campaignId = id, amount = 2_000, idempotencyKey = "b1", rewardId = "r1" } });
        Assert.Equal("REWARD_UNAVAILABLE", taken.FirstCode);
        var (status, answer) = await PostWebhookAsync(api, Event("evt_fail_" + contribution, "payment.failed", contribution));
        Assert.Equal((HttpStatusCode.OK, "FAILED"), (status, answer["status"]!.GetValue<string>()));
        Assert.Equal(("failed", 1L), await LedgerAsync(contribution));
        Assert.Equal(1, (await CampaignAsync(tenant, id))["rewards"]![0]!["remaining"]!.GetValue<int>());
        (status, answer) = await PostWebhookAsync(api, Event("evt_late_" + contribution, "payment.confirmed", contribution));
        Assert.Equal((HttpStatusCode.Conflict, "INVALID_TRANSITION"), (status, answer["code"]!.GetValue<string>()));
        Assert.Equal(("failed", 1L), await LedgerAsync(contribution));
        var bobs = await PledgeAsync(bob, id, 2_000, "b2", rewardId: "r1");
        Assert.Equal(("CONFIRMED", 2_000L), (bobs["status"]!.GetValue<string>(), bobs["raised"]!["amount"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_declined_card_fails_counts_nothing_and_its_key_answers_the_same()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant, "alice");
        var pledge = await PledgeAsync(alice, id, 2_500, "d1", SandboxPaymentProvider.DeclinedCard, rewardId: "r1");
        Assert.Equal(("FAILED", "card_declined", 0L), (pledge["status"]!.GetValue<string>(),
            pledge["contribution"]!["failureReason"]!.GetValue<string>(), pledge["raised"]!["amount"]!.GetValue<long>()));
        var again = await PledgeAsync(alice, id, 2_500, "d1", SandboxPaymentProvider.DeclinedCard, rewardId: "r1");
        Assert.Equal(("FAILED", true), (again["status"]!.GetValue<string>(), again["replayed"]!.GetValue<bool>()));
        var campaign = await CampaignAsync(tenant, id);
        Assert.Equal((0L, 0, 1), (campaign["raised"]!["amount"]!.GetValue<long>(), campaign["contributions"]!.GetValue<int>(),
            campaign["rewards"]![0]!["remaining"]!.GetValue<int>()));
        Assert.Equal(("failed", 1L), await LedgerAsync(pledge["contribution"]!["id"]!.GetValue<string>()));
        var invalid = await alice.SendAsync(Pledge, new { input = new { campaignId = id, amount = 2_500, idempotencyKey = "d2", paymentToken = new string('x', 300) } });
        Assert.Equal("VALIDATION", invalid.FirstCode);
    }

    [Fact]
    public async Task A_provider_that_times_out_leaves_the_pledge_pending_and_a_retry_counts_it_once()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant, "alice");
        var first = await PledgeAsync(alice, id, 3_000, "s1", SandboxPaymentProvider.SlowCard);
        var contribution = first["contribution"]!["id"]!.GetValue<string>();
        Assert.Equal(("PENDING", 0L), (first["status"]!.GetValue<string>(), first["raised"]!["amount"]!.GetValue<long>()));
        Assert.Equal(("pending", 1L), await LedgerAsync(contribution));

        // The client retries with the same key: the provider answers its first outcome (it took the money once).
        var retry = await PledgeAsync(alice, id, 3_000, "s1", SandboxPaymentProvider.SlowCard);
        Assert.Equal(("CONFIRMED", 3_000L, contribution), (retry["status"]!.GetValue<string>(), retry["raised"]!["amount"]!.GetValue<long>(),
            retry["contribution"]!["id"]!.GetValue<string>()));
        var third = await PledgeAsync(alice, id, 3_000, "s1", SandboxPaymentProvider.SlowCard);
        Assert.Equal(("CONFIRMED", 3_000L), (third["status"]!.GetValue<string>(), third["raised"]!["amount"]!.GetValue<long>()));
        // The provider's webhook arrives late: the payment is already confirmed, nothing is counted twice.
        var (status, _) = await PostWebhookAsync(api, Event("evt_slow_" + contribution, "payment.confirmed", contribution));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3_000, (await CampaignAsync(tenant, id))["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(("confirmed", 1L), await LedgerAsync(contribution));
        Assert.Equal(1, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_contributions where campaign_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_provider_that_is_down_leaves_the_pledge_pending_until_its_webhook_settles_it()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant, "alice");
        var first = await PledgeAsync(alice, id, 2_500, "o1", SandboxPaymentProvider.ProviderDown, rewardId: "r1");
        var contribution = first["contribution"]!["id"]!.GetValue<string>();
        Assert.Equal("PENDING", first["status"]!.GetValue<string>());
        Assert.Equal("PENDING", (await PledgeAsync(alice, id, 2_500, "o1", SandboxPaymentProvider.ProviderDown, rewardId: "r1"))["status"]!.GetValue<string>());
        Assert.Equal(("pending", 1L), await LedgerAsync(contribution));

        var (status, body) = await PostWebhookAsync(api, Event("evt_down_" + contribution, "payment.failed", contribution));
        Assert.Equal((HttpStatusCode.OK, "FAILED"), (status, body["status"]!.GetValue<string>()));
        var campaign = await CampaignAsync(tenant, id);
        Assert.Equal((0L, 1), (campaign["raised"]!["amount"]!.GetValue<long>(), campaign["rewards"]![0]!["remaining"]!.GetValue<int>()));
        Assert.Equal("FAILED", (await PledgeAsync(alice, id, 2_500, "o1", SandboxPaymentProvider.ProviderDown, rewardId: "r1"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refund_the_provider_reports_on_a_live_campaign_takes_the_money_out_once()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        var alices = (await PledgeAsync(alice, id, 4_000, "a1"))["contribution"]!["id"]!.GetValue<string>();
        await PledgeAsync(bob, id, 1_000, "b1");

        var refund = Event("evt_chargeback_" + alices, "payment.refunded", alices);
        var (status, body) = await PostWebhookAsync(api, refund);
        Assert.Equal((HttpStatusCode.OK, "REFUNDED"), (status, body["status"]!.GetValue<string>()));
        (status, body) = await PostWebhookAsync(api, refund);
        Assert.Equal((HttpStatusCode.OK, true), (status, body["duplicate"]!.GetValue<bool>()));
        var campaign = await CampaignAsync(tenant, id);
        Assert.Equal((1_000L, 1), (campaign["raised"]!["amount"]!.GetValue<long>(), campaign["contributions"]!.GetValue<int>()));
        Assert.Equal(("refunded", 1L), await LedgerAsync(alices));

        // The totals survive a restart of the grain: the refunded row is not counted again from a snapshot.
        await api.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(1_000, (await CampaignAsync(tenant, id))["raised"]!["amount"]!.GetValue<long>());
    }
}
