using System.Text.Json;
using Civic.Grains.Interfaces;
using Civic.Tests.Api.Transport;
using Xunit.Abstractions;

namespace Civic.Tests.Api.Live;

/// <summary>
/// graphql-ws, Apollo Client (GraphQLWsLink) and urql (subscriptionExchange), as real node processes,
/// subscribe to one campaign of a running Civic, pledge over the socket, and all see the new total.
/// </summary>
[Collection("live")]
public sealed class LiveClients(LiveApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task Graphql_ws_Apollo_and_urql_get_the_current_total_then_a_pledge_made_over_the_socket()
    {
        await InteropFixture.EnsurePackagesAsync(InteropFixture.FindInteropDirectory());
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(1_000_000)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        using var bob = api.Member(tenant, "bob");
        await bob.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 1_500, idempotencyKey = "before" } });

        var url = new UriBuilder(api.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri.ToString();
        var run = await InteropFixture.RunScriptAsync("live-clients.mjs", url,
            "--token", api.Tokens.Issue(tenant, "alice", Role.Member), "--tenant", tenant, "--campaign", id, "--amount", "700");
        output.WriteLine(run.Describe());

        Assert.True(run.ExitCode == 0, run.Describe());
        using var result = JsonDocument.Parse(run.LastLine);
        Assert.Equal(2_200, result.RootElement.GetProperty("pledged").GetInt64());
        foreach (var client in (string[])["graphql-ws", "apollo", "urql"])
        {
            var seen = result.RootElement.GetProperty("clients").GetProperty(client);
            Assert.Equal(1_500, seen.GetProperty("first").GetInt64());
            Assert.Equal(2_200, seen.GetProperty("last").GetInt64());
        }
    }

}
