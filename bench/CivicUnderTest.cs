using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Civic.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Civic.Bench;

/// <summary>
/// Civic in this process, as <c>./civic up</c> runs it: an Orleans silo on the benchmark's PostgreSQL and
/// the GraphQL API on Kestrel at 127.0.0.1, with the ledger writer configured for <c>writers</c>.
/// </summary>
public sealed class CivicUnderTest : IAsyncDisposable
{
    /// <summary>A fresh key per run, so the host runs as in production (no Development-only checks on the hot path).</summary>
    private static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
    private const string PledgeDocument = """
        mutation Pledge($input: PledgeInput!) {
          pledge(input: $input) { contribution { id amount { amount currency } } raised { amount } replayed }
        }
        """;

    private static readonly string PledgeDocumentJson = JsonSerializer.Serialize(PledgeDocument);

    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _db;
    private readonly DevTokens _tokens = new(new JwtSettings { SigningKey = SigningKey }, TimeProvider.System);
    private HttpClient? _http;

    private CivicUnderTest(WebApplication app, NpgsqlDataSource db, string tenant, Uri baseAddress)
    {
        _app = app;
        _db = db;
        Tenant = tenant;
        BaseAddress = baseAddress;
    }

    public string Tenant { get; }

    public Uri BaseAddress { get; }

    public NpgsqlDataSource Db => _db;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<CivicUnderTest> StartAsync(string connectionString, int writers)
    {
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var app = await SiloHost.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Civic"] = connectionString,
                ["Civic:HostApi"] = "true",
                ["Jwt:SigningKey"] = SigningKey,
                ["Ledger:Writers"] = writers.ToString(CultureInfo.InvariantCulture),
                ["Orleans:ClusterId"] = clusterId,
                ["Orleans:ServiceId"] = clusterId,
                ["Orleans:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["Orleans:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Orleans"] = "Warning",
            });
        }, environment: Environments.Production);
        await app.StartAsync();
        var tenant = "bench-w" + writers.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(tenant).CreateAsync(
            new CreateTenant("Bench city", "fr", new Branding("#000000", "#ffffff", null), [TenantModule.Crowdfunding], []),
            new Actor(tenant, "operator", Role.Operator));
        return new CivicUnderTest(app, new NpgsqlDataSourceBuilder(connectionString).Build(), tenant, new Uri(app.Urls.First()));
    }

    private Actor Admin => new(Tenant, "admin", Role.Admin);

    /// <summary>A live donation campaign that no realistic run can fill or cap.</summary>
    public async Task<string> NewLiveCampaignAsync()
    {
        var id = GrainKeys.NewId(IdPrefixes.Campaign);
        var grain = Campaign(id);
        var now = DateTimeOffset.UtcNow;
        await grain.CreateAsync(new CreateCampaign(
            "Bench campaign", "", FinancingMode.Donation, FundingRule.KeepItAll, new Money(1_000_000_000, "EUR"),
            now, now.AddDays(1), MinContribution: 1, MaxContribution: 1_000_000), Admin);
        var published = await grain.PublishAsync(Admin);
        if (published.Status != CampaignStatus.Live)
        {
            throw new InvalidOperationException($"The bench campaign is {published.Status}, not live.");
        }

        return id;
    }

    /// <summary>
    /// The same campaign with a reward every pledge takes (a stock no run exhausts) and the tenant's match
    /// pool on, funded and set so that every pledge is matched (no per-backer or per-project limit bites).
    /// </summary>
    public async Task<string> NewRewardedMatchedCampaignAsync()
    {
        await Grains.GetGrain<IMatchPoolGrain>(Tenant).FundAsync(new FundMatchPool(
            new Money(100_000_000_000, "EUR"), "bench-pool",
            new MatchSettings(1, 1, CapPerContribution: 10_000, CapPerProject: 100_000_000_000, CapPerProjectGoalBasisPoints: null,
                MatchesPerBackerPerProject: 1_000_000)), Admin);
        var id = GrainKeys.NewId(IdPrefixes.Campaign);
        var grain = Campaign(id);
        var now = DateTimeOffset.UtcNow;
        await grain.CreateAsync(new CreateCampaign(
            "Bench campaign with rewards and matchfunding", "", FinancingMode.Donation, FundingRule.KeepItAll, new Money(1_000_000_000, "EUR"),
            now, now.AddDays(1), MinContribution: 1, MaxContribution: 1_000_000,
            Rewards: [new NewReward("A thank-you card", MinAmount: 1, Stock: 100_000_000)], Matchfunding: true), Admin);
        var published = await grain.PublishAsync(Admin);
        if (published.Status != CampaignStatus.Live)
        {
            throw new InvalidOperationException($"The bench campaign is {published.Status}, not live.");
        }

        return id;
    }

    public ICampaignGrain Campaign(string id) => Grains.GetGrain<ICampaignGrain>(GrainKeys.Compound(Tenant, id));

    /// <summary>
    /// (a) Through the grain, from the in-process cluster client. With <paramref name="rewardAndMatch"/>
    /// every pledge takes reward r1 and must come back matched.
    /// </summary>
    public PledgeOperation GrainPledges(string campaignId, int concurrency, bool rewardAndMatch = false)
    {
        var grain = Campaign(campaignId);
        var actors = Enumerable.Range(0, concurrency).Select(i => new Actor(Tenant, Members.Id(i), Role.Member)).ToArray();
        var reward = rewardAndMatch ? "r1" : null;
        var keyPrefix = rewardAndMatch ? "m" : "g"; // keys are unique per member in the whole tenant
        return async (worker, sequence) =>
        {
            var amount = Amounts.For(worker, sequence);
            var receipt = await grain.PledgeAsync(new Pledge(actors[worker], amount, keyPrefix + sequence.ToString(CultureInfo.InvariantCulture), reward));
            if (receipt.Replayed || receipt.Amount.Amount != amount || receipt.Status != PaymentStatus.Confirmed
                || rewardAndMatch && (receipt.Reward?.Id != reward || receipt.Matched is not { Amount: > 0 }))
            {
                throw new InvalidOperationException($"Unexpected receipt {receipt}.");
            }

            return amount;
        };
    }

    /// <summary>(b) End to end: GraphQL over HTTP/1.1 to Kestrel on loopback, one member token per caller.</summary>
    public PledgeOperation HttpPledges(string campaignId, int concurrency)
    {
        _http ??= new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var endpoint = new Uri(BaseAddress, "/graphql");
        var bearers = Enumerable.Range(0, concurrency)
            .Select(i => new AuthenticationHeaderValue("Bearer", _tokens.Issue(Tenant, Members.Id(i), Role.Member)))
            .ToArray();
        var accept = new MediaTypeWithQualityHeaderValue("application/graphql-response+json");
        var json = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var http = _http;
        var bodyStart = $$"""{"query":{{PledgeDocumentJson}},"variables":{"input":{"campaignId":"{{campaignId}}","amount":""";
        return async (worker, sequence) =>
        {
            var amount = Amounts.For(worker, sequence);
            var body = string.Concat(
                bodyStart, amount.ToString(CultureInfo.InvariantCulture),
                ",\"idempotencyKey\":\"h", sequence.ToString(CultureInfo.InvariantCulture), "\"}}}");
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = json } },
            };
            request.Headers.Accept.Add(accept);
            request.Headers.Authorization = bearers[worker];
            request.Headers.Add("X-Civic-Tenant", Tenant);
            using var response = await http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
            }

            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.TryGetProperty("errors", out _)
                || !root.TryGetProperty("data", out var data)
                || data.GetProperty("pledge").GetProperty("replayed").GetBoolean()
                || data.GetProperty("pledge").GetProperty("contribution").GetProperty("amount").GetProperty("amount").GetInt64() != amount)
            {
                throw new InvalidOperationException("Unexpected response: " + Encoding.UTF8.GetString(bytes));
            }

            return amount;
        };
    }

    public async Task<Totals> ReadTotalsAsync(string campaignId)
    {
        var summary = await Campaign(campaignId).GetAsync(Admin)
            ?? throw new InvalidOperationException($"Campaign {campaignId} not found.");
        await using var command = _db.CreateCommand("""
            select coalesce(sum(amount), 0)::bigint, count(*)
            from civic_counted_contributions where tenant = $1 and campaign_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = campaignId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Totals(summary.Raised.Amount, summary.Contributions, reader.GetInt64(0), reader.GetInt64(1));
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
