using System.Globalization;
using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Civic.Tools.DevHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Civic.Bench;

/// <summary>
/// Civic in this process, as <c>./civic up</c> runs it (the one embedded host configuration): an Orleans silo on
/// the benchmark's PostgreSQL, with the ledger writer configured for <c>writers</c>, driven through its grains. The
/// HTTP scenario runs the same host in its own process instead (<see cref="WrkScenario"/>).
/// </summary>
public sealed class CivicUnderTest : IAsyncDisposable
{
    /// <summary>A fresh key per run, so the host runs as in production (no Development-only checks on the hot path).</summary>
    private static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _db;

    private CivicUnderTest(WebApplication app, NpgsqlDataSource db, string tenant)
    {
        _app = app;
        _db = db;
        Tenant = tenant;
    }

    public string Tenant { get; }

    public NpgsqlDataSource Db => _db;

    /// <summary>Development tokens signed with this host's key (it accepts them: Jwt:AcceptDevelopmentTokens).</summary>
    public DevTokens Tokens { get; } = new(new JwtSettings { SigningKey = SigningKey }, TimeProvider.System);

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The host's HTTP address (a free loopback port): the live scenario's sockets connect to it.</summary>
    public Uri BaseAddress => new(_app.Urls.First());

    public static async Task<CivicUnderTest> StartAsync(string connectionString, int writers, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var app = await EmbeddedHost.BuildAsync(new EmbeddedHostOptions
        {
            ConnectionString = connectionString,
            SigningKey = SigningKey,
            ClusterId = "bench-" + Guid.NewGuid().ToString("N")[..8],
            Environment = Environments.Production,
            Settings = [.. BenchSettings(writers), .. settings ?? []],
        });
        await app.StartAsync();
        var tenant = "bench-w" + writers.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(tenant).CreateAsync(
            new CreateTenant("Bench city", "fr", new Branding("#000000", "#ffffff", null), [TenantModule.Crowdfunding], []),
            new Actor(tenant, "operator", Role.Operator));
        return new CivicUnderTest(app, new NpgsqlDataSourceBuilder(connectionString).Build(), tenant);
    }

    /// <summary>The benchmark's settings over the embedded host's: the ledger writers measured, and quiet logs.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> BenchSettings(int writers) =>
    [
        new("Ledger:Writers", writers.ToString(CultureInfo.InvariantCulture)),
        new("Logging:LogLevel:Default", "Warning"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
        new("Logging:LogLevel:Orleans", "Warning"),

        // The http-oidc run signs up one account per connection from one address: more than a person's allowance.
        new("RateLimits:AccountRequests:Permits", "100000"),

        // The host runs as production on plain HTTP over loopback: its OpenID Connect endpoints must accept that.
        new("Oidc:AllowHttp", "true"),

        // The http-graphql run pledges with development member tokens (the baseline Civic's own tokens are compared
        // with): a production host takes only operator ones unless told.
        new("Jwt:AcceptDevelopmentTokens", "true"),

        // Measured as production runs by default: no exporter, no dashboard (./civic up turns both on).
        new("Telemetry:Prometheus", "false"),
        new("Telemetry:Dashboard", "false"),
    ];

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
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }
}
