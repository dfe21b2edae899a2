using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Tests.Security;

/// <summary>
/// Civic with tiny limits (hour-long windows, so none resets during a test) and tiny tenant caches.
/// Each test sends from its own loopback address (127.0.0.N) or as its own members and tenants, so the
/// windows of one test never meet another's.
/// </summary>
public sealed class LowLimitsFixture : ApiFixture
{
    public const int AnonymousPermits = 5, MemberPermits = 5, TenantPermits = 12, WebhookPermits = 3, CostlyPermits = 2, CostlyTenantPermits = 3;
    public const int AccountRequestPermits = 2;
    public const int CachedTenants = 20, CachedMisses = 10;

    protected override IEnumerable<KeyValuePair<string, string?>> Overrides => new Dictionary<string, string?>
    {
        ["RateLimits:Anonymous:Permits"] = AnonymousPermits.ToString(),
        ["RateLimits:Anonymous:Window"] = "01:00:00",
        ["RateLimits:Member:Permits"] = MemberPermits.ToString(),
        ["RateLimits:Member:Window"] = "01:00:00",
        ["RateLimits:Tenant:Permits"] = TenantPermits.ToString(),
        ["RateLimits:Tenant:Window"] = "01:00:00",
        ["RateLimits:Webhooks:Permits"] = WebhookPermits.ToString(),
        ["RateLimits:Webhooks:Window"] = "01:00:00",
        ["RateLimits:Costly:Permits"] = CostlyPermits.ToString(),
        ["RateLimits:Costly:Window"] = "01:00:00",
        ["RateLimits:CostlyTenant:Permits"] = CostlyTenantPermits.ToString(),
        ["RateLimits:CostlyTenant:Window"] = "01:00:00",
        ["RateLimits:AccountRequests:Permits"] = AccountRequestPermits.ToString(),
        ["RateLimits:AccountRequests:Window"] = "01:00:00",
        ["Tenancy:MaxCachedTenants"] = CachedTenants.ToString(),
        ["Tenancy:MaxCachedMisses"] = CachedMisses.ToString(),
        ["Proxies:KnownProxies:0"] = "127.0.0." + TrustedProxyOctet,
    };

    /// <summary>The one loopback address whose X-Forwarded-For this host believes.</summary>
    public const int TrustedProxyOctet = 50;

    /// <summary>An HTTP client whose connections come from 127.0.0.<paramref name="octet"/>.</summary>
    public HttpClient From(int octet, string? tenant = null, string? token = null)
    {
        var local = new IPEndPoint(IPAddress.Parse($"127.0.0.{octet}"), 0);
        var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(local);
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (tenant is not null)
        {
            http.DefaultRequestHeaders.Add("X-Civic-Tenant", tenant);
        }

        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}

[CollectionDefinition("low-limits")]
public sealed class LowLimitsCollection : ICollectionFixture<LowLimitsFixture>
{
}

[Collection("low-limits")]
public sealed class RateLimitHostile(LowLimitsFixture api)
{
    private const string Campaigns = "{ campaigns { edges { node { id } } } }";
    private const string Receipt = """
        mutation { requestTaxReceipt(contributionId: "ct_nobody", donor: { name: "A", address: "B" }) { number } }
        """;

    private static async Task<(HttpStatusCode Status, string? Code, HttpResponseMessage Response)> PostAsync(HttpClient http, string query, object? variables = null)
    {
        var response = await http.PostAsync("/graphql", JsonContent(query, variables));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>(), response);
    }

    private static StringContent JsonContent(string query, object? variables) =>
        new(new JsonObject { ["query"] = query, ["variables"] = variables is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(variables) }.ToJsonString(),
            Encoding.UTF8, "application/json");

    private static void AssertOk((HttpStatusCode Status, string? Code, HttpResponseMessage Response) answer) =>
        Assert.Equal((HttpStatusCode.OK, (string?)null), (answer.Status, answer.Code));

    private static void AssertRateLimited((HttpStatusCode Status, string? Code, HttpResponseMessage Response) answer)
    {
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (answer.Status, answer.Code));
        var retryAfter = Assert.Single(answer.Response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter), 1, 3600);
    }

    [Fact]
    public async Task An_anonymous_address_gets_429_past_its_window_and_another_address_does_not()
    {
        var tenant = await api.NewTenantAsync();
        using var first = api.From(10, tenant);
        for (var i = 0; i < LowLimitsFixture.AnonymousPermits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(first, Campaigns)).Status);
        }

        AssertRateLimited(await PostAsync(first, Campaigns));
        using var elsewhere = api.From(10, await api.NewTenantAsync());
        AssertRateLimited(await PostAsync(elsewhere, Campaigns)); // per address, whichever tenant it asks
        using var second = api.From(11, tenant);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(second, Campaigns)).Status);
    }

    [Fact]
    public async Task A_spoofed_forwarded_address_does_not_buy_a_new_window()
    {
        var tenant = await api.NewTenantAsync();
        using var spoofer = api.From(21, tenant);
        for (var i = 0; i <= LowLimitsFixture.AnonymousPermits; i++)
        {
            spoofer.DefaultRequestHeaders.Remove("X-Forwarded-For");
            spoofer.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            var answer = await PostAsync(spoofer, Campaigns);
            if (i < LowLimitsFixture.AnonymousPermits)
            {
                Assert.Equal(HttpStatusCode.OK, answer.Status);
            }
            else
            {
                AssertRateLimited(answer); // 127.0.0.21 is no proxy of ours: its header is ignored
            }
        }
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_window()
    {
        var tenant = await api.NewTenantAsync();
        using var viaProxyA = api.From(LowLimitsFixture.TrustedProxyOctet, tenant);
        viaProxyA.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7, 203.0.113.1");
        for (var i = 0; i < LowLimitsFixture.AnonymousPermits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(viaProxyA, Campaigns)).Status);
        }

        AssertRateLimited(await PostAsync(viaProxyA, Campaigns));

        // Another client behind the same proxy still has its window; the proxy's own address was never counted.
        using var viaProxyB = api.From(LowLimitsFixture.TrustedProxyOctet, tenant);
        viaProxyB.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(viaProxyB, Campaigns)).Status);
        using var proxyItself = api.From(LowLimitsFixture.TrustedProxyOctet, tenant);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(proxyItself, Campaigns)).Status);
    }

    [Fact]
    public async Task A_member_past_their_window_gets_429_their_refused_mutation_writes_nothing_and_another_member_is_served()
    {
        var tenant = await api.NewTenantAsync();
        using var busy = api.From(12, tenant, api.Tokens.Issue(tenant, "busy-admin", Role.Admin));
        for (var i = 0; i < LowLimitsFixture.MemberPermits; i++)
        {
            AssertOk(await PostAsync(busy, Documents.CreateCampaignId, Documents.NewCampaign()));
        }

        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        AssertRateLimited(await PostAsync(busy, Documents.CreateCampaignId, Documents.NewCampaign()));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "a refused createCampaign");

        using var other = api.From(12, tenant, api.Tokens.Issue(tenant, "other-admin", Role.Admin));
        AssertOk(await PostAsync(other, Documents.CreateCampaignId, Documents.NewCampaign()));
    }

    [Fact]
    public async Task A_tenant_past_its_window_gets_429_for_every_member_and_another_tenant_does_not()
    {
        var tenant = await api.NewTenantAsync();
        var sent = 0;
        for (var member = 0; sent < LowLimitsFixture.TenantPermits; member++)
        {
            using var client = api.From(13, tenant, api.Tokens.Issue(tenant, $"m{member}", Role.Member));
            for (var i = 0; i < 4 && sent < LowLimitsFixture.TenantPermits; i++, sent++)
            {
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, Campaigns)).Status);
            }
        }

        using var fresh = api.From(13, tenant, api.Tokens.Issue(tenant, "fresh", Role.Member));
        AssertRateLimited(await PostAsync(fresh, Campaigns));
        var other = await api.NewTenantAsync();
        using var outsider = api.From(13, other, api.Tokens.Issue(other, "fresh", Role.Member));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(outsider, Campaigns)).Status);
    }

    [Fact]
    public async Task Costly_mutations_have_their_own_lower_window_counted_per_field_through_fragments()
    {
        var tenant = await api.NewTenantAsync();
        using var alice = api.From(14, tenant, api.Tokens.Issue(tenant, "alice", Role.Member));
        // Two costly fields (one through a fragment) use both permits; the request itself runs.
        const string two = """
            mutation { a: requestTaxReceipt(contributionId: "ct_a", donor: { name: "A", address: "B" }) { number } ...More }
            fragment More on Mutation { b: requestTaxReceipt(contributionId: "ct_b", donor: { name: "A", address: "B" }) { number } }
            """;
        var first = await PostAsync(alice, two);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.Status);
        Assert.NotEqual("RATE_LIMITED", first.Code);

        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        AssertRateLimited(await PostAsync(alice, Receipt));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "a refused requestTaxReceipt");
        // Cheap operations of the same member still pass; another member's costly window is their own.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(alice, Campaigns)).Status);
        using var bob = api.From(14, tenant, api.Tokens.Issue(tenant, "bob", Role.Member));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostAsync(bob, Receipt)).Status);
    }

    [Fact]
    public async Task Downloads_take_costly_permits_per_address()
    {
        var tenant = await api.NewTenantAsync();
        using var reader = api.From(15, tenant);
        for (var i = 0; i < LowLimitsFixture.CostlyPermits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/exports/transparency.json")).StatusCode);
        }

        using var refused = await reader.GetAsync("/exports/transparency.json");
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (refused.StatusCode, body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>()));
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        using var another = api.From(16, tenant);
        Assert.Equal(HttpStatusCode.OK, (await another.GetAsync("/exports/transparency.json")).StatusCode);
    }

    [Fact]
    public async Task Webhooks_are_limited_per_sending_address()
    {
        using var sender = api.From(17);
        for (var i = 0; i < LowLimitsFixture.WebhookPermits; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await sender.PostAsync("/webhooks/payments/sandbox", new StringContent("{}"))).StatusCode);
        }

        using var refused = await sender.PostAsync("/webhooks/payments/sandbox", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("RATE_LIMITED", await refused.Content.ReadAsStringAsync());
        using var provider = api.From(18);
        Assert.Equal(HttpStatusCode.Unauthorized, (await provider.PostAsync("/webhooks/payments/sandbox", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task Random_tenant_headers_and_hosts_never_grow_the_tenant_caches_past_their_caps()
    {
        var resolver = api.Services.GetRequiredService<TenantResolver>();
        using var flood = api.From(19);
        var random = new Random(8);
        for (var i = 0; i < 300; i++)
        {
            using var byHeader = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent(Campaigns, null) };
            byHeader.Headers.Add("X-Civic-Tenant", "t" + random.NextInt64().ToString("x")); // valid slugs: looked up, cached as misses
            using var byHost = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent(Campaigns, null) };
            byHost.Headers.Host = $"h{random.NextInt64():x}.example";
            using var garbage = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent(Campaigns, null) };
            garbage.Headers.TryAddWithoutValidation("X-Civic-Tenant", $"!{random.NextInt64()}~{new string('x', 200)}");
            foreach (var request in new[] { byHeader, byHost, garbage })
            {
                using var response = await flood.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{response.StatusCode}");
            }
        }

        Assert.InRange(resolver.CachedEntries, 1, 2 * (LowLimitsFixture.CachedTenants + LowLimitsFixture.CachedMisses));
        // A real tenant still resolves (and is cached) after the flood.
        var tenant = await api.NewTenantAsync();
        using var member = api.From(20, tenant, api.Tokens.Issue(tenant, "alice", Role.Member));
        AssertOk(await PostAsync(member, Campaigns));
    }
}
