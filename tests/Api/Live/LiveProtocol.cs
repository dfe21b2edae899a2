using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api.Live;

/// <summary>The graphql-transport-ws protocol on /graphql over a real WebSocket: init, auth, operations, close codes, limits.</summary>
[Collection("live")]
public sealed class LiveProtocol(LiveApiFixture api)
{
    private const string CampaignUpdated =
        "subscription Live($id: ID!) { campaignUpdated(id: $id) { id status raised { amount } backers contributions } }";

    private async Task<(string Tenant, string CampaignId)> LiveCampaignAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(1_000_000)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return (tenant, id);
    }

    private string MemberToken(string tenant, string user = "alice") => api.Tokens.Issue(tenant, user, Role.Member);

    [Fact]
    public async Task A_subscriber_gets_the_current_value_first_and_a_burst_of_pledges_as_few_messages_ending_exact()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var bob = api.Member(tenant, "bob");
        await bob.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 1_000, idempotencyKey = "before" } });
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, MemberToken(tenant));

        await live.SubscribeAsync("1", CampaignUpdated, new { id });
        var first = await live.ReceiveAsync();
        Assert.Equal("next", first!["type"]!.GetValue<string>());
        Assert.Equal("1", first["id"]!.GetValue<string>());
        Assert.Equal(1_000, first["payload"]!["data"]!["campaignUpdated"]!["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal("LIVE", first["payload"]!["data"]!["campaignUpdated"]!["status"]!.GetValue<string>());

        const int pledges = 120;
        await Parallel.ForEachAsync(Enumerable.Range(0, pledges), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            using var member = api.Member(tenant, "m" + (i % 40));
            await member.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 100, idempotencyKey = "burst-" + i } });
        });
        var started = DateTimeOffset.UtcNow;

        const long total = 1_000 + pledges * 100;
        var messages = 0;
        JsonNode? last;
        do
        {
            last = await live.ReceiveAsync();
            Assert.Equal("next", last!["type"]!.GetValue<string>());
            messages++;
        }
        while (last["payload"]!["data"]!["campaignUpdated"]!["raised"]!["amount"]!.GetValue<long>() != total);

        var figures = last["payload"]!["data"]!["campaignUpdated"]!;
        Assert.Equal(pledges + 1, figures["contributions"]!.GetValue<int>());
        Assert.Equal(41, figures["backers"]!.GetValue<int>());
        Assert.True(messages < pledges / 4, $"{messages} messages for {pledges} pledges: not coalesced");
    }

    [Fact]
    public async Task A_member_cannot_subscribe_to_a_draft_its_owner_admin_can()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();

        await using var member = await LiveSocket.InitAsync(api.BaseAddress, tenant, MemberToken(tenant));
        await member.SubscribeAsync("d", CampaignUpdated, new { id });
        var refused = await member.ReceiveAsync();
        Assert.Equal("error", refused!["type"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());

        await using var anonymous = await LiveSocket.InitAsync(api.BaseAddress, tenant, token: null);
        await anonymous.SubscribeAsync("d", CampaignUpdated, new { id });
        Assert.Equal("error", (await anonymous.ReceiveAsync())!["type"]!.GetValue<string>());

        await using var owner = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "admin", Role.Admin));
        await owner.SubscribeAsync("d", CampaignUpdated, new { id });
        var seen = await owner.ReceiveAsync();
        Assert.Equal("next", seen!["type"]!.GetValue<string>());
        Assert.Equal("DRAFT", seen["payload"]!["data"]!["campaignUpdated"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Queries_and_mutations_run_over_the_socket_with_next_then_complete()
    {
        var (tenant, id) = await LiveCampaignAsync();
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, MemberToken(tenant));

        await live.SubscribeAsync("p", Documents.Pledge, new { input = new { campaignId = id, amount = 700, idempotencyKey = "ws-1" } });
        var pledged = await live.ReceiveAsync();
        Assert.Equal("next", pledged!["type"]!.GetValue<string>());
        Assert.Equal(700, pledged["payload"]!["data"]!["pledge"]!["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal("complete", (await live.ReceiveAsync())!["type"]!.GetValue<string>());

        await live.SubscribeAsync("p", Documents.Campaign, new { id }); // an id may be reused once its operation completed
        var read = await live.ReceiveAsync();
        Assert.Equal(700, read!["payload"]!["data"]!["campaign"]!["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal("complete", (await live.ReceiveAsync())!["type"]!.GetValue<string>());

        await live.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await live.ReceiveAsync())!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_document_limits_of_HTTP_hold_over_the_socket()
    {
        var (tenant, id) = await LiveCampaignAsync();
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, MemberToken(tenant));
        var aliases = string.Join(" ", Enumerable.Range(0, 40).Select(i => $"a{i}: id"));

        await live.SubscribeAsync("big", $"subscription Live($id: ID!) {{ campaignUpdated(id: $id) {{ {aliases} }} }}", new { id });
        var refused = await live.ReceiveAsync();
        Assert.Equal("error", refused!["type"]!.GetValue<string>());
        Assert.Equal("big", refused["id"]!.GetValue<string>());

        await live.SubscribeAsync("long", "query { " + new string(' ', 20_000) + "__typename }");
        var tooLong = await live.ReceiveAsync();
        Assert.Equal("DOCUMENT_TOO_LARGE", tooLong!["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_messages_close_with_4400()
    {
        await using var live = await LiveSocket.ConnectAsync(api.BaseAddress, await api.NewTenantAsync());
        await live.SendTextAsync("{not json");
        Assert.Equal(4400, await live.ClosedWithAsync());

        await using var unknown = await LiveSocket.ConnectAsync(api.BaseAddress, null);
        await unknown.SendAsync(new { type = "shout" });
        Assert.Equal(4400, await unknown.ClosedWithAsync());
    }

    [Fact]
    public async Task Subscribing_before_the_ack_closes_with_4401_and_a_bad_token_with_4403()
    {
        var tenant = await api.NewTenantAsync();
        await using var early = await LiveSocket.ConnectAsync(api.BaseAddress, tenant);
        await early.SubscribeAsync("1", "{ __typename }");
        Assert.Equal(4401, await early.ClosedWithAsync());

        await using var forged = await LiveSocket.ConnectAsync(api.BaseAddress, tenant);
        await forged.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer not-a-token" } });
        Assert.Equal(4403, await forged.ClosedWithAsync());
    }

    [Fact]
    public async Task A_second_init_closes_with_4429_a_missing_one_with_4408()
    {
        var tenant = await api.NewTenantAsync();
        await using var twice = await LiveSocket.InitAsync(api.BaseAddress, tenant, MemberToken(tenant));
        await twice.SendAsync(new { type = "connection_init" });
        Assert.Equal(4429, await twice.ClosedWithAsync());

        await using var silent = await LiveSocket.ConnectAsync(api.BaseAddress, tenant);
        Assert.Equal(4408, await silent.ClosedWithAsync()); // Live:InitTimeout is 1 s here
    }

    [Fact]
    public async Task A_running_id_again_closes_with_4409_and_too_many_subscriptions_with_4429()
    {
        var (tenant, id) = await LiveCampaignAsync();
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, MemberToken(tenant));
        await live.SubscribeAsync("1", CampaignUpdated, new { id });
        Assert.Equal("next", (await live.ReceiveAsync())!["type"]!.GetValue<string>());
        await live.SubscribeAsync("1", CampaignUpdated, new { id });
        Assert.Equal(4409, await live.ClosedWithAsync());

        await using var greedy = await LiveSocket.InitAsync(api.BaseAddress, tenant, MemberToken(tenant, "greedy"));
        for (var i = 0; i < LiveApiFixture.MaxSubscriptions; i++)
        {
            await greedy.SubscribeAsync("s" + i, CampaignUpdated, new { id });
            Assert.Equal("next", (await greedy.ReceiveAsync())!["type"]!.GetValue<string>());
        }

        await greedy.SubscribeAsync("one-more", CampaignUpdated, new { id });
        Assert.Equal(4429, await greedy.ClosedWithAsync());
    }

    [Fact]
    public async Task A_member_over_its_connection_limit_is_closed_with_4429()
    {
        var tenant = await api.NewTenantAsync();
        var token = MemberToken(tenant, "many");
        var open = new List<LiveSocket>();
        try
        {
            for (var i = 0; i < LiveApiFixture.MaxConnectionsPerMember; i++)
            {
                open.Add(await LiveSocket.InitAsync(api.BaseAddress, tenant, token));
            }

            await using var extra = await LiveSocket.ConnectAsync(api.BaseAddress, tenant);
            await extra.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
            Assert.Equal(4429, await extra.ClosedWithAsync());
        }
        finally
        {
            foreach (var socket in open)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_client_without_the_subprotocol_is_closed_with_4406()
    {
        await using var other = await LiveSocket.ConnectAsync(api.BaseAddress, null, protocol: "graphql-ws");
        Assert.Equal(4406, await other.ClosedWithAsync());
    }
}
