using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Civic.Api.Live;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api.Live;

/// <summary>
/// Subscriptions with the same tenant, visibility, operation, variables and document share one execution per value on a
/// node (meter Civic.Live, civic.live.executions); each socket still gets its own id in its frames, and subscribers whose
/// visibility differs never share.
/// </summary>
[Collection("live")]
public sealed class LiveSharing(LiveApiFixture api)
{
    private const string CampaignUpdated = "subscription Live($id: ID!) { campaignUpdated(id: $id) { raised { amount } status } }";

    private const string TenantFeed = "subscription { tenantFeed { items { kind id } } }";

    /// <summary>civic.live.executions of one tenant, as the meter reports them.</summary>
    private sealed class Executions : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _byTenant = new();

        public Executions()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == LiveMetrics.MeterName && instrument.Name == "civic.live.executions")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "tenant" && tag.Value is string tenant)
                    {
                        _byTenant.AddOrUpdate(tenant, value, (_, sum) => sum + value);
                    }
                }
            });
            _listener.Start();
        }

        public long Of(string tenant) => _byTenant.GetValueOrDefault(tenant);

        public void Dispose() => _listener.Dispose();
    }

    private static JsonNode Next(JsonNode? message, string id, string field)
    {
        Assert.True(message?["type"]?.GetValue<string>() == "next", $"expected next, got {message?.ToJsonString() ?? "a close"}");
        Assert.Equal(id, message!["id"]!.GetValue<string>());
        return message["payload"]!["data"]![field]!;
    }

    private async Task<(string Tenant, string Id)> LiveCampaignAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(1_000_000)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return (tenant, id);
    }

    [Fact]
    public async Task Two_subscribers_of_one_document_share_one_execution_per_value_each_with_its_own_id()
    {
        using var executions = new Executions();
        var (tenant, id) = await LiveCampaignAsync();
        const string first = "a \"quoted\" id";
        const string second = "é/2\\";
        await using var one = await LiveSocket.InitAsync(api.BaseAddress, tenant, token: null);
        await using var two = await LiveSocket.InitAsync(api.BaseAddress, tenant, token: null);
        await one.SubscribeAsync(first, CampaignUpdated, new { id });
        var oneSeen = new List<string> { Next(await one.ReceiveAsync(), first, "campaignUpdated").ToJsonString() };

        // The second subscriber joins the first one's share: it gets the current value first, executed once for both.
        await two.SubscribeAsync(second, CampaignUpdated, new { id });
        var twoSeen = new List<string> { Next(await two.ReceiveAsync(), second, "campaignUpdated").ToJsonString() };
        Assert.Equal(oneSeen, twoSeen);
        Assert.Equal(1, executions.Of(tenant));

        using (var bob = api.Member(tenant, "bob"))
        {
            await bob.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 1_500, idempotencyKey = "shared" } });
        }

        foreach (var (live, socketId, seen) in new[] { (one, first, oneSeen), (two, second, twoSeen) })
        {
            JsonNode figures;
            do
            {
                figures = Next(await live.ReceiveAsync(), socketId, "campaignUpdated");
                seen.Add(figures.ToJsonString());
            }
            while (figures["raised"]!["amount"]!.GetValue<long>() != 1_500);
        }

        Assert.Equal(oneSeen, twoSeen);
        Assert.Equal(oneSeen.Count, executions.Of(tenant)); // per subscriber, it would be both counts added
    }

    [Fact]
    public async Task Anonymous_and_staff_do_not_share_and_each_sees_what_it_should()
    {
        using var executions = new Executions();
        var tenant = await api.NewTenantAsync();
        await using var anonymous = await LiveSocket.InitAsync(api.BaseAddress, tenant, token: null);
        await using var moderator = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        await anonymous.SubscribeAsync("f", TenantFeed);
        Assert.Empty(Next(await anonymous.ReceiveAsync(), "f", "tenantFeed")["items"]!.AsArray());
        await moderator.SubscribeAsync("f", TenantFeed);
        Assert.Empty(Next(await moderator.ReceiveAsync(), "f", "tenantFeed")["items"]!.AsArray());
        Assert.Equal(2, executions.Of(tenant)); // one per visibility, though the documents are the same

        using var owner = api.Member(tenant, "owner");
        var submitted = (await owner.OkAsync(Documents.CreateCampaignId, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await owner.OkAsync(Documents.SubmitCampaign, new { id = submitted });
        using var admin = api.Admin(tenant);
        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();

        static async Task<List<string>> UntilVoteAsync(LiveSocket live, string vote)
        {
            while (true)
            {
                var items = Next(await live.ReceiveAsync(), "f", "tenantFeed")["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
                if (items.Contains(vote))
                {
                    return items;
                }
            }
        }

        Assert.DoesNotContain(submitted, await UntilVoteAsync(anonymous, vote));
        Assert.Contains(submitted, await UntilVoteAsync(moderator, vote));
    }

    [Fact]
    public async Task A_member_does_not_join_the_share_of_a_draft_its_owner_watches()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "owner");
        var draft = (await owner.OkAsync(Documents.CreateCampaignId, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await using var watching = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "owner", Role.Member));
        await watching.SubscribeAsync("d", CampaignUpdated, new { id = draft });
        Assert.Equal("DRAFT", Next(await watching.ReceiveAsync(), "d", "campaignUpdated")["status"]!.GetValue<string>());

        // Same tenant, same visibility class (member), same document: the subscribe-time check still runs for this subscriber.
        await using var stranger = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "stranger", Role.Member));
        await stranger.SubscribeAsync("d", CampaignUpdated, new { id = draft });
        var refused = await stranger.ReceiveAsync();
        Assert.Equal("error", refused!["type"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
