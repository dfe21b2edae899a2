using Civic.Api.Live;
using Civic.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Tests.Api.Live;

/// <summary>The live transport's limits beyond one connection's protocol: client addresses, slow consumers, the token's lifetime.</summary>
[Collection("live")]
public sealed class LiveLimits(LiveApiFixture api)
{
    private const string CampaignUpdated = "subscription Live($id: ID!) { campaignUpdated(id: $id) { id raised { amount } } }";

    private async Task<(string Tenant, string CampaignId)> LiveCampaignAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return (tenant, id);
    }

    /// <summary>Connects and inits anonymously: true on the ack, false when the server closed first (the close code is then the socket's).</summary>
    private async Task<(LiveSocket Socket, bool Acknowledged)> TryInitAsync(string tenant)
    {
        var socket = await LiveSocket.ConnectAsync(api.BaseAddress, tenant);
        try
        {
            await socket.SendAsync(new { type = "connection_init" });
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            return (socket, false); // closed by the server before the init could be sent
        }

        return (socket, (await socket.ReceiveAsync())?["type"]?.GetValue<string>() == "connection_ack");
    }

    [Fact]
    public async Task A_client_address_over_its_connection_limit_is_closed_with_4429_and_may_connect_again_once_one_closed()
    {
        var tenant = await api.NewTenantAsync();
        var open = new List<LiveSocket>();
        try
        {
            LiveSocket? refused = null;
            for (var i = 0; i <= LiveApiFixture.MaxConnectionsPerAddress && refused is null; i++)
            {
                var (socket, acknowledged) = await TryInitAsync(tenant);
                if (acknowledged)
                {
                    open.Add(socket);
                }
                else
                {
                    refused = socket;
                }
            }

            Assert.NotNull(refused);
            await using (refused)
            {
                Assert.Equal(4429, await refused.ClosedWithAsync());
                Assert.Equal("Too many connections from this address", refused.CloseReason);
            }

            Assert.InRange(open.Count, 1, LiveApiFixture.MaxConnectionsPerAddress);
            await open[0].DisposeAsync();
            open.RemoveAt(0);

            // The server releases the place when it has closed its side: poll with a deadline, not a sleep.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (true)
            {
                var (socket, acknowledged) = await TryInitAsync(tenant);
                if (acknowledged)
                {
                    open.Add(socket);
                    break;
                }

                await socket.DisposeAsync();
                Assert.True(DateTime.UtcNow < deadline, "A closed connection never gave its address's place back.");
            }
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
    public async Task A_consumer_that_does_not_read_is_dropped_with_1008_instead_of_buffered()
    {
        var tenant = await api.NewTenantAsync();
        var connections = api.Services.GetRequiredService<LiveConnections>();
        var before = connections.SlowConsumers;
        await using var slow = await LiveSocket.InitAsync(api.BaseAddress, tenant, token: null);

        // Pings until the pongs the client never reads fill the socket's buffers and the server's queue
        // (Live:MaxQueuedMessages); then the server drops the connection rather than queue more.
        var pings = 0;
        while (connections.SlowConsumers == before)
        {
            for (var i = 0; i < 1_000; i++)
            {
                await slow.SendTextAsync("{\"type\":\"ping\"}");
            }

            pings += 1_000;
            Assert.True(pings < 5_000_000, "5,000,000 unread pongs and the server still queues them.");
        }

        Assert.Equal(1008, await slow.ClosedWithAsync());
        Assert.Equal("Slow consumer", slow.CloseReason);

        // A consumer that reads is not dropped: the same pings, answered one by one.
        await using var reader = await LiveSocket.InitAsync(api.BaseAddress, tenant, token: null);
        for (var i = 0; i < 500; i++)
        {
            await reader.SendTextAsync("{\"type\":\"ping\"}");
            Assert.Equal("pong", (await reader.ReceiveAsync())!["type"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task When_the_init_s_token_expires_the_server_closes_with_4401()
    {
        var (tenant, id) = await LiveCampaignAsync();
        var shortLived = api.Tokens.Issue(tenant, "alice", Role.Member, lifetime: TimeSpan.FromSeconds(3));
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, shortLived);
        await live.SubscribeAsync("c", CampaignUpdated, new { id });
        var first = await live.ReceiveAsync();
        Assert.Equal("next", first!["type"]!.GetValue<string>());

        var closedAt = await live.ClosedWithAsync();
        Assert.Equal(4401, closedAt);
        Assert.Equal("Token expired", live.CloseReason);

        // A token that lasts keeps its socket past that instant: it still answers.
        await using var lasting = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "bob", Role.Member));
        await lasting.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await lasting.ReceiveAsync())!["type"]!.GetValue<string>());
    }
}
