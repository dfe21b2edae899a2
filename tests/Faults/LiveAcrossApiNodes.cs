using Civic.Api.Hosting;
using Civic.Api.Live;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tests.Api.Live;
using Civic.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Civic.Tests.Faults;

/// <summary>
/// Two silos and two API nodes (cluster clients on Kestrel, as the <c>api</c> process runs): a subscriber on
/// node B sees pledges made through node A, and each node keeps one upstream per topic whatever its subscribers.
/// </summary>
public sealed class LiveAcrossApiNodes(LiveAcrossApiNodes.TwoApiNodes nodes) : IClassFixture<LiveAcrossApiNodes.TwoApiNodes>
{
    private const string CampaignUpdated =
        "subscription Live($id: ID!) { campaignUpdated(id: $id) { raised { amount } contributions } }";

    [Fact]
    public async Task A_subscriber_on_node_B_sees_the_pledges_made_through_node_A()
    {
        var (tenant, id) = await LiveCampaignAsync();

        var watchers = new List<LiveSocket>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var socket = await LiveSocket.InitAsync(nodes.B, tenant, nodes.Tokens.Issue(tenant, "watcher" + i, Role.Member));
                await socket.SubscribeAsync("live", CampaignUpdated, new { id });
                Assert.Equal(0, (await socket.ReceiveAsync())!["payload"]!["data"]!["campaignUpdated"]!["raised"]!["amount"]!.GetValue<long>());
                watchers.Add(socket);
            }

            Assert.Equal(1, nodes.HubOfB.Topics); // five subscribers, one upstream

            const int pledges = 40;
            await Parallel.ForEachAsync(Enumerable.Range(0, pledges), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                using var member = new GraphQLClient(nodes.A, tenant, nodes.Tokens.Issue(tenant, "m" + (i % 10), Role.Member));
                await member.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 250, idempotencyKey = "a-" + i } });
            });

            foreach (var socket in watchers)
            {
                long raised;
                int contributions;
                do
                {
                    var figures = (await socket.ReceiveAsync())!["payload"]!["data"]!["campaignUpdated"]!;
                    raised = figures["raised"]!["amount"]!.GetValue<long>();
                    contributions = figures["contributions"]!.GetValue<int>();
                }
                while (raised != pledges * 250);

                Assert.Equal(pledges, contributions);
            }
        }
        finally
        {
            foreach (var socket in watchers)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Ideas_boxes_and_the_tenant_feed_moved_through_node_A_reach_subscribers_on_node_B()
    {
        var tenant = await NewTenantAsync(TenantModule.IdeaBoxes, TenantModule.Votes);
        using var admin = new GraphQLClient(nodes.A, tenant, nodes.Tokens.Issue(tenant, "admin", Role.Admin));
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(DateTimeOffset.UtcNow)))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var author = new GraphQLClient(nodes.A, tenant, nodes.Tokens.Issue(tenant, "author", Role.Member));
        var idea = (await author.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea() }))["submitIdea"]!["id"]!.GetValue<string>();

        await using var watcher = await LiveSocket.InitAsync(nodes.B, tenant, nodes.Tokens.Issue(tenant, "watcher", Role.Member));
        await watcher.SubscribeAsync("idea", "subscription($id: ID!) { ideaUpdated(id: $id) { supportCount } }", new { id = idea });
        await watcher.SubscribeAsync("box", "subscription($id: ID!) { ideaBoxUpdated(id: $id) { ideaCount newestIdeaId } }", new { id = box });
        await watcher.SubscribeAsync("feed", "subscription { tenantFeed { items { kind id } } }");

        const int supporters = 12;
        await Parallel.ForEachAsync(Enumerable.Range(0, supporters), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            using var member = new GraphQLClient(nodes.A, tenant, nodes.Tokens.Issue(tenant, "s" + i, Role.Member));
            await member.OkAsync(IdeaDocuments.Support, new { id = idea });
        });
        var second = (await author.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea("Un banc place du marché") }))["submitIdea"]!["id"]!.GetValue<string>();
        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();

        var (supports, newest, voteTold) = (0, (string?)null, false);
        while (supports != supporters || newest != second || !voteTold)
        {
            var message = await watcher.ReceiveAsync();
            Assert.True(message?["type"]?.GetValue<string>() == "next", $"expected next, got {message?.ToJsonString() ?? "a close"}");
            var data = message!["payload"]!["data"]!;
            switch (message["id"]!.GetValue<string>())
            {
                case "idea":
                    supports = data["ideaUpdated"]!["supportCount"]!.GetValue<int>();
                    break;
                case "box":
                    newest = data["ideaBoxUpdated"]!["newestIdeaId"]?.GetValue<string>();
                    Assert.True(data["ideaBoxUpdated"]!["ideaCount"]!.GetValue<int>() <= 2);
                    break;
                default:
                    voteTold |= data["tenantFeed"]!["items"]!.AsArray().Any(i => i!["kind"]!.GetValue<string>() == "VOTE_OPENED" && i["id"]!.GetValue<string>() == vote);
                    break;
            }
        }
    }

    [Fact]
    public async Task A_branding_changed_through_node_A_is_what_node_B_answers_next_although_it_cached_the_old_one()
    {
        const string Name = "{ tenant { name branding { primaryColor } } }";
        var tenant = await NewTenantAsync(TenantModule.Crowdfunding);
        using var onB = new GraphQLClient(nodes.B, tenant, token: null);
        Assert.Equal("Live city", (await onB.OkAsync(Name))["tenant"]!["name"]!.GetValue<string>()); // B caches it (for 10 min here)

        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Told(string slug)
        {
            if (slug == tenant)
            {
                told.TrySetResult();
            }
        }

        nodes.HubOfB.TenantUpdated += Told;
        try
        {
            using var admin = new GraphQLClient(nodes.A, tenant, nodes.Tokens.Issue(tenant, "admin", Role.Admin));
            await admin.OkAsync(
                "mutation($input: UpdateTenantBrandingInput!) { updateTenantBranding(input: $input) { name } }",
                new { input = new { name = "Ville en direct", locale = "fr", primaryColor = "#0f766e", secondaryColor = "#fde68a", logoUrl = "" } });
            await told.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            nodes.HubOfB.TenantUpdated -= Told;
        }

        var seen = (await onB.OkAsync(Name))["tenant"]!;
        Assert.Equal("Ville en direct", seen["name"]!.GetValue<string>());
        Assert.Equal("#0f766e", seen["branding"]!["primaryColor"]!.GetValue<string>());
    }

    private async Task<string> NewTenantAsync(params TenantModule[] modules)
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..10];
        await nodes.Client.GetGrain<ITenantGrain>(tenant).CreateAsync(
            new CreateTenant("Live city", "fr", new Branding("#000000", "#ffffff", null), [.. modules], []),
            new Actor(tenant, "operator", Role.Operator));
        return tenant;
    }

    /// <summary>A tenant with a published campaign, made through node A.</summary>
    private async Task<(string Tenant, string Id)> LiveCampaignAsync()
    {
        var tenant = await NewTenantAsync(TenantModule.Crowdfunding);
        using var admin = new GraphQLClient(nodes.A, tenant, nodes.Tokens.Issue(tenant, "admin", Role.Admin));
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(1_000_000)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return (tenant, id);
    }

    /// <summary>Subscribers resume well before the 30 s periodic refresh of their watch.</summary>
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Subscribers_on_node_B_resume_with_the_current_total_when_the_silo_of_their_campaign_dies()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var member = new GraphQLClient(nodes.A, tenant, nodes.Tokens.Issue(tenant, "backer", Role.Member));
        await member.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 300, idempotencyKey = "before" } });

        await using var watcher = await LiveSocket.InitAsync(nodes.B, tenant, nodes.Tokens.Issue(tenant, "watcher", Role.Member));
        await watcher.SubscribeAsync("live", CampaignUpdated, new { id });
        Assert.Equal(300, Raised(await watcher.ReceiveAsync()));

        var grain = nodes.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, id));
        var host = await nodes.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        var victim = nodes.Cluster.Silos.First(s => s.SiloAddress.Equals(host));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await nodes.KillSiloAsync(victim);

        // The next pledge reactivates the campaign on the survivor (retried with its key while the cluster notices).
        using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(200))) // a client's retries, paced as Retry-After asks
        {
            while (true)
            {
                var answer = await member.SendAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 700, idempotencyKey = "after" } });
                if (answer.Status == System.Net.HttpStatusCode.OK && answer.Errors is null)
                {
                    break;
                }

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"pledges still failing a minute after the kill: {answer.Body}");
                await pace.WaitForNextTickAsync();
            }
        }

        // Nothing calls the new activation on B's behalf but B itself: the push proves it watched again.
        while (Raised(await watcher.ReceiveAsync()) != 1_000)
        {
        }

        Assert.True(clock.Elapsed < ResumeBound, $"the subscriber resumed {clock.Elapsed.TotalSeconds:0.0} s after the kill (bound {ResumeBound.TotalSeconds} s)");
    }

    private static long Raised(System.Text.Json.Nodes.JsonNode? message)
    {
        Assert.True(message?["type"]?.GetValue<string>() == "next", $"expected next, got {message?.ToJsonString() ?? "a close"}");
        return message!["payload"]!["data"]!["campaignUpdated"]!["raised"]!["amount"]!.GetValue<long>();
    }

    /// <summary>The 2-silo cluster of <see cref="ClusterFixture"/> and two API nodes joined to it through the PostgreSQL membership.</summary>
    public sealed class TwoApiNodes : ClusterFixture, IAsyncLifetime
    {
        private WebApplication? _a;
        private WebApplication? _b;

        public Uri A { get; private set; } = null!;

        public Uri B { get; private set; } = null!;

        public LiveHub HubOfB => _b!.Services.GetRequiredService<LiveHub>();

        public Civic.Api.Auth.DevTokens Tokens { get; } = new(new Civic.Api.Auth.JwtSettings { SigningKey = ApiFixture.SigningKey }, TimeProvider.System);

        /// <summary>The API nodes connect to the silos' gateways over TCP, as separate processes would.</summary>
        protected override void ConfigureCluster(Orleans.TestingHost.TestClusterBuilder builder) =>
            builder.Options.ConnectionTransport = Orleans.TestingHost.ConnectionTransportType.TcpSocket;

        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            (_a, A) = await StartApiNodeAsync();
            (_b, B) = await StartApiNodeAsync();
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            foreach (var app in (WebApplication?[])[_a, _b])
            {
                if (app is not null)
                {
                    await app.StopAsync();
                    await app.DisposeAsync();
                }
            }

            await DisposeAsync();
        }

        private async Task<(WebApplication, Uri)> StartApiNodeAsync()
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Civic"] = ConnectionString,
                ["Jwt:SigningKey"] = ApiFixture.SigningKey,
                ["Logging:LogLevel:Default"] = "Warning",

                // Far longer than any test: a node answers another node's change only because it was told of it.
                ["Tenancy:CacheFor"] = "00:10:00",
            });
            builder.UseOrleansClient(client =>
            {
                client.UseCivicPostgresClustering(ConnectionString);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterId;
                    o.ServiceId = ServiceId;
                });
            });
            builder.Services.AddCivicApi(builder.Configuration, builder.Environment, ConnectionString);
            var app = builder.Build();
            app.MapCivicApi();
            await app.StartAsync();
            return (app, new Uri(app.Urls.First()));
        }
    }
}
