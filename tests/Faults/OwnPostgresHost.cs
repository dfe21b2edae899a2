using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tools.DevHost;
using Civic.Tools.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Civic.Tests.Faults;

/// <summary>
/// Civic in one process (silo and API, on a real Kestrel port) on a PostgreSQL server of its own, which a test
/// may stop and start again (<see cref="StopPostgresAsync"/>): the shared test server is never stopped under the
/// other fixtures.
/// </summary>
public sealed class OwnPostgresHost : IAsyncLifetime
{
    private LocalPostgres? _server;
    private WebApplication? _app;

    public string ConnectionString { get; private set; } = "";

    public Uri BaseAddress { get; private set; } = null!;

    public DevTokens Tokens { get; } = new(new JwtSettings { SigningKey = ApiFixture.SigningKey }, TimeProvider.System);

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        _server = await LocalPostgres.StartAsync(new LocalPostgresOptions { Durable = false });
        ConnectionString = await _server.CreateDatabaseAsync("faults");
        _app = await EmbeddedHost.BuildAsync(new EmbeddedHostOptions
        {
            ConnectionString = ConnectionString,
            SigningKey = ApiFixture.SigningKey,
            WebhookSecret = ApiFixture.WebhookSecret,
            Environment = Environments.Development,
            Settings =
            [
                new("Logging:LogLevel:Default", "Error"),
                new("RateLimits:Enabled", "false"),
                new("Payments:ProviderTimeout", "00:00:02"),
            ],
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }
        finally
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }

    /// <summary>Stops PostgreSQL (<c>pg_ctl stop -m fast</c>: every session is cut); the data stays.</summary>
    public Task StopPostgresAsync() => _server!.StopAsync();

    /// <summary>Starts the same PostgreSQL again, on the same port and data.</summary>
    public Task StartPostgresAsync() => _server!.StartAgainAsync();

    public async Task<string> NewTenantAsync(params TenantModule[] modules)
    {
        var slug = "t" + Guid.NewGuid().ToString("N")[..10];
        await Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(slug).CreateAsync(
            new CreateTenant("Fault city " + slug, "fr", new Branding("#000000", "#ffffff", null), modules.Length > 0 ? [.. modules] : [TenantModule.Crowdfunding], []),
            new Actor(slug, "operator", Role.Operator));
        return slug;
    }

    public GraphQLClient Member(string tenant, string user) => new(BaseAddress, tenant, Tokens.Issue(tenant, user, Role.Member));

    public GraphQLClient Admin(string tenant) => new(BaseAddress, tenant, Tokens.Issue(tenant, "admin", Role.Admin));
}
