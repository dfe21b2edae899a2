using System.Net;
using Civic.Api.Auth;
using Civic.Api.Hosting;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tests.Api.Live;
using Civic.Tests.Grains;
using Civic.Tests.Infrastructure;
using Civic.Tools.DevHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Civic.Tests.Operations;

/// <summary>
/// A host with Prometheus and the Orleans Dashboard on, as <c>./civic up</c> runs: after a pledge, <c>/metrics</c> has the
/// ledger's entries by kind and tenant, its commit times and the HTTP server's requests; both pages answer callers on
/// the machine and operators, and 404 to anyone else (a client seen through a trusted proxy). A live subscription is in
/// the subscribers gauge under its tenant while it runs, and leaves it when its socket closes.
/// </summary>
[Collection("postgres")]
public sealed class TelemetryEndpoints : IAsyncLifetime
{
    private const string Key = ApiFixture.SigningKey;
    private WebApplication? _host;
    private Uri _address = null!;
    private readonly DevTokens _tokens = new(new JwtSettings { SigningKey = Key }, TimeProvider.System);

    public async Task InitializeAsync()
    {
        await PostgresServerFixture.AcquireAsync();
        _host = await EmbeddedHost.BuildAsync(new EmbeddedHostOptions
        {
            ConnectionString = await PostgresServerFixture.CreateMigratedDatabaseAsync("otel"),
            SigningKey = Key,
            ClusterId = "otel-" + Guid.NewGuid().ToString("N")[..8],
            Environment = Environments.Development,
            Settings =
            [
                new("Logging:LogLevel:Default", "Warning"),
                new("Telemetry:Prometheus", "true"),
                new("Telemetry:Dashboard", "true"),
                new("Proxies:KnownProxies:0", "127.0.0.1"),
                new("Telemetry:ScrapeNetworks:0", "198.51.100.0/24"),
            ],
        });
        await _host.StartAsync();
        _address = new Uri(_host.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }

        await PostgresServerFixture.ReleaseAsync();
    }

    [Fact]
    public async Task Metrics_show_the_ledger_and_http_and_both_pages_answer_the_machine_and_operators_only()
    {
        var tenant = "m" + Guid.NewGuid().ToString("N")[..8];
        using (var platform = new GraphQLClient(_address, null, _tokens.Issue("platform", "root", Role.Operator)))
        {
            var created = await platform.SendAsync("mutation($input: CreateTenantInput!) { createTenant(input: $input) { slug } }",
                new { input = new { slug = tenant, name = "Ville mesurée" } });
            Assert.True(created.Errors is null, created.Body);
        }

        string refusedCode;
        string campaign;
        using (var admin = new GraphQLClient(_address, tenant, _tokens.Issue(tenant, "admin", Role.Admin)))
        using (var member = new GraphQLClient(_address, tenant, _tokens.Issue(tenant, "alice", Role.Member)))
        {
            campaign = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
            await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
            await member.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 2_500, idempotencyKey = "m-1" } });
            var refused = await member.SendAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 1, idempotencyKey = "m-2" } });
            refusedCode = refused.FirstCode ?? throw new Xunit.Sdk.XunitException("a pledge below the minimum was taken: " + refused.Body);
        }

        using var http = new HttpClient { BaseAddress = _address };
        var subscribers = $"civic_live_subscribers\\{{[^}}]*tenant=\"{tenant}\"[^}}]*\\}} ";
        string metrics;
        await using (var live = await LiveSocket.InitAsync(_address, tenant, _tokens.Issue(tenant, "bob", Role.Member)))
        {
            await live.SubscribeAsync("1", "subscription($id: ID!) { campaignUpdated(id: $id) { raised { amount } } }", new { id = campaign });
            Assert.Equal("next", (await live.ReceiveAsync())?["type"]?.GetValue<string>());
            metrics = await http.GetStringAsync(CivicTelemetry.MetricsPath);
            Assert.Matches(subscribers + "1\\b", metrics); // the open subscription, under its tenant
            Assert.Matches("civic_live_connections(\\{[^}]*\\})? [1-9]", metrics);
        }

        // Closed: the subscription is gone from the gauge (the exporter may answer a cached scrape for a moment).
        await GrainTestData.EventuallyAsync(() => http.GetStringAsync(CivicTelemetry.MetricsPath),
            text => System.Text.RegularExpressions.Regex.IsMatch(text, subscribers + "0\\b"), "the closed subscription to leave the gauge");
        Assert.Contains("civic_ledger_entries_total{", metrics, StringComparison.Ordinal);
        Assert.Contains($"tenant=\"{tenant}\"", metrics, StringComparison.Ordinal);
        Assert.Contains("kind=\"contribution\"", metrics, StringComparison.Ordinal);
        Assert.Contains("civic_ledger_commit_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Matches($"civic_graphql_errors_total\\{{[^}}]*code=\"{refusedCode}\"[^}}]*\\}} [1-9]", metrics); // errors by code
        Assert.DoesNotContain("alice", metrics, StringComparison.Ordinal); // tenants and kinds, never people

        using var dashboard = await http.GetAsync(CivicTelemetry.DashboardPath + "/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        // A client elsewhere, seen through the trusted proxy: nothing there, unless it carries an operator token.
        foreach (var path in new[] { CivicTelemetry.MetricsPath, CivicTelemetry.DashboardPath + "/" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await FromElsewhereAsync(http, path, null)).StatusCode);
            Assert.Equal(path == CivicTelemetry.MetricsPath ? HttpStatusCode.OK : HttpStatusCode.NotFound,
                (await FromElsewhereAsync(http, path, null, "198.51.100.9")).StatusCode); // the scrapers' network: metrics only
            Assert.Equal(HttpStatusCode.NotFound, (await FromElsewhereAsync(http, path, _tokens.Issue(tenant, "admin", Role.Admin))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await FromElsewhereAsync(http, path, _tokens.Issue("platform", "root", Role.Operator))).StatusCode);
        }
    }

    [Fact]
    public void A_scrape_network_that_is_no_network_is_refused_by_name()
    {
        Assert.Equal(2, CivicTelemetry.ParseNetworks(["10.0.0.0/8", "fd00::/8"]).Length);
        var refused = Assert.Throws<InvalidOperationException>(() => CivicTelemetry.ParseNetworks(["10.0.0.0/8", "pods"]));
        Assert.Contains("'pods'", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> FromElsewhereAsync(HttpClient http, string path, string? token, string from = "203.0.113.7")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", from);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }
}
