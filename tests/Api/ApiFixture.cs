using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using Civic.Tools.DevHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Civic.Tests.Api;

/// <summary>
/// Civic in one process (silo + API, as <c>./civic up</c> runs it) on a real Kestrel port and its own
/// database of the shared test PostgreSQL, with a fresh tenant per test via <see cref="NewTenantAsync"/>.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public const string SigningKey = "civic-tests-signing-key-0123456789abcdef";

    /// <summary>The sandbox payment provider's webhook secret in the tests.</summary>
    public const string WebhookSecret = "civic-tests-webhook-secret";

    /// <summary>How long a call to the payment provider may take in the tests (the sandbox's slow card outwaits it).</summary>
    public static readonly TimeSpan ProviderTimeout = TimeSpan.FromSeconds(2);

    private WebApplication? _app;

    public string ConnectionString { get; private set; } = "";

    public Uri BaseAddress { get; private set; } = null!;

    public DevTokens Tokens { get; } = new(new JwtSettings { SigningKey = SigningKey }, TimeProvider.System);

    public IGrainFactory Grains => _app!.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _app!.Services;

    /// <summary>
    /// The SMTP server the host sends its mails to (section <c>Mail:Smtp</c> points at it): started before the host,
    /// so a test reads the mails Civic sent as a mail server received them (<see cref="SmtpSink.WaitForAsync"/>).
    /// </summary>
    public SmtpSink Mail { get; } = new();

    /// <summary>
    /// The clock of business dates the host runs on (<see cref="DomainClock"/>: campaign and vote dates,
    /// payouts, receipts): the system clock here, a fake one in <see cref="ClockedApiFixture"/>.
    /// Orleans, tokens and webhook signatures stay on the system clock in both.
    /// </summary>
    public virtual TimeProvider Time => TimeProvider.System;

    /// <summary>Now on <see cref="Time"/>: the instant tests date campaigns and votes from.</summary>
    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Settings on top of the tests' own, for a fixture that needs other limits.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Overrides => [];

    /// <summary>Service registrations made after Civic's own, so they replace its defaults (a fake clock) or observe the silo (a grain call filter).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The tests' settings, over the embedded host's (connection string, keys, cluster, ports).</summary>
    private static IEnumerable<KeyValuePair<string, string?>> TestSettings =>
    [
        new("Logging:LogLevel:Default", "Warning"),
        new("Civic:MaxImportBytes", MaxImportBytes.ToString()),
        new("GraphQL:MaxBodyBytes", (4 * 1024 * 1024).ToString()),
        new("Payments:ProviderTimeout", ProviderTimeout.ToString()),
        new("Payments:RetryEvery", "00:00:02"),
        // Every test sends from 127.0.0.1: sign-ups and reset requests of all tests must not share one small window.
        new("RateLimits:AccountRequests:Permits", "100000"),
    ];

    /// <summary>The server's import folder: a copy of the pabulib samples that hostile tests may add links and FIFOs to.</summary>
    public string ImportDirectory { get; } = Path.Combine(Path.GetTempPath(), "civic-imports-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Civic:MaxImportBytes in the tests: above the largest sample (3.2 MB).</summary>
    public const long MaxImportBytes = 4 * 1024 * 1024;

    public async Task InitializeAsync()
    {
        await PostgresServerFixture.AcquireAsync();
        ConnectionString = await PostgresServerFixture.CreateMigratedDatabaseAsync("api");
        await Mail.StartAsync();
        var samples = Path.GetDirectoryName(Civic.Tests.Domain.Pabulib.PabulibFiles.PathOf("France_Toulouse_2022.pb"))!;
        Directory.CreateDirectory(ImportDirectory);
        foreach (var sample in Directory.GetFiles(samples, "*.pb"))
        {
            File.Copy(sample, Path.Combine(ImportDirectory, Path.GetFileName(sample)));
        }

        _app = await EmbeddedHost.BuildAsync(new EmbeddedHostOptions
        {
            ConnectionString = ConnectionString,
            SigningKey = SigningKey,
            WebhookSecret = WebhookSecret,
            ImportDirectory = ImportDirectory,
            ClusterId = "api-" + Guid.NewGuid().ToString("N")[..8],
            Environment = Environments.Development, // the tests sign with a key published in this repository
            Settings = [.. TestSettings, .. Mail.Settings, .. Overrides],
            Services = services =>
            {
                // The one place the tests choose the host's business clock; Orleans keeps TimeProvider.System.
                services.Replace(ServiceDescriptor.Singleton(new DomainClock(Time)));
                ConfigureServices(services);
            },
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    public virtual async Task DisposeAsync()
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
            await Mail.DisposeAsync();
            if (Directory.Exists(ImportDirectory))
            {
                Directory.Delete(ImportDirectory, recursive: true);
            }

            await PostgresServerFixture.ReleaseAsync();
        }
    }

    /// <summary>Creates a tenant with a unique slug, through the grain as the platform operator would.</summary>
    public async Task<string> NewTenantAsync()
    {
        var slug = "t" + Guid.NewGuid().ToString("N")[..10];
        await Grains.GetGrain<ITenantGrain>(slug).CreateAsync(
            new CreateTenant("Test city " + slug, "fr", new Branding("#000000", "#ffffff", null),
                [TenantModule.Crowdfunding, TenantModule.Votes], []),
            new Actor(slug, "operator", Role.Operator));
        return slug;
    }

    public GraphQLClient Client(string? tenant, string? token) => new(BaseAddress, tenant, token);

    public GraphQLClient Member(string tenant, string user = "alice", string? district = null) =>
        Client(tenant, Tokens.Issue(tenant, user, Role.Member, district: district));

    public GraphQLClient Admin(string tenant) => Client(tenant, Tokens.Issue(tenant, "admin", Role.Admin));
}

[CollectionDefinition("api")]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
}
