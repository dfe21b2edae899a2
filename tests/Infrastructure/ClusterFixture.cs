using System.Collections.Concurrent;
using Civic.Api.Hosting;
using Civic.Grains.Interfaces;
using Civic.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace Civic.Tests.Infrastructure;

/// <summary>
/// A two-silo (or <see cref="InitialSilos"/>) <see cref="TestCluster"/> on the real ADO.NET providers (membership, grain storage, reminders)
/// over its own migrated database of the shared test PostgreSQL server. Service and cluster ids stay the
/// same across <see cref="RestartClusterAsync"/>, so a restarted cluster sees the state of the previous one.
/// </summary>
/// <remarks>
/// The silos' <see cref="DomainClock"/> wraps <see cref="Time"/> (the wall clock unless a subclass says
/// otherwise); Orleans' own <see cref="TimeProvider"/> stays the system one.
/// </remarks>
public class ClusterFixture : IAsyncLifetime
{
    public const string ConnectionStringKey = "ConnectionStrings:Civic";

    /// <summary>Names the fixture whose <see cref="Time"/> a silo's domain clock wraps (the silos are built from types, in process).</summary>
    private const string ClockKey = "Civic:TestClock";

    private static readonly ConcurrentDictionary<string, TimeProvider> Clocks = new();

    private TestCluster? _cluster;

    public string ConnectionString { get; private set; } = "";

    public string ServiceId { get; } = "civic-test-" + Guid.NewGuid().ToString("N")[..8];

    public string ClusterId { get; } = "civic-test-cluster-" + Guid.NewGuid().ToString("N")[..8];

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public IClusterClient Client => Cluster.Client;

    /// <summary>Where the silos' mail sender writes the mails grains enqueue (no SMTP in grain tests): one .eml file each.</summary>
    public string MailDirectory => Path.Combine(Path.GetTempPath(), "civic-cluster-mail-" + ServiceId);

    /// <summary>The clock of business dates the silos run on (<see cref="DomainClock"/>).</summary>
    public virtual TimeProvider Time => TimeProvider.System;

    /// <summary>Now on <see cref="Time"/>: the instant tests date campaigns and votes from.</summary>
    public DateTimeOffset Now => Time.GetUtcNow();

    public async Task InitializeAsync()
    {
        await PostgresServerFixture.AcquireAsync();
        ConnectionString = await PostgresServerFixture.CreateMigratedDatabaseAsync("cluster");
        _cluster = await StartClusterAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await StopClusterAsync();
        }
        finally
        {
            Clocks.TryRemove(ServiceId, out _);
            if (Directory.Exists(MailDirectory))
            {
                Directory.Delete(MailDirectory, recursive: true);
            }

            await PostgresServerFixture.ReleaseAsync();
        }
    }

    /// <summary>Stops every silo gracefully, then starts a new cluster on the same database.</summary>
    public async Task RestartClusterAsync()
    {
        await StopClusterAsync();
        _cluster = await StartClusterAsync();
    }

    private async Task StopClusterAsync()
    {
        if (_cluster is not null)
        {
            var cluster = _cluster;
            _cluster = null;
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Stops a silo gracefully (it marks itself dead in the membership table).</summary>
    public Task StopSiloAsync(SiloHandle silo) => Cluster.StopSiloAsync(silo);

    /// <summary>Kills a silo abruptly: no goodbye, the others must detect it.</summary>
    public Task KillSiloAsync(SiloHandle silo) => Cluster.KillSiloAsync(silo);

    public Task<SiloHandle> StartAdditionalSiloAsync() => Cluster.StartAdditionalSiloAsync();

    /// <summary>How many silos the cluster starts with.</summary>
    protected virtual short InitialSilos => 2;

    /// <summary>Changes to the test cluster a subclass needs (real TCP, for clients outside the test cluster).</summary>
    protected virtual void ConfigureCluster(TestClusterBuilder builder)
    {
    }

    private async Task<TestCluster> StartClusterAsync()
    {
        var builder = new TestClusterBuilder(InitialSilos);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = ClusterId;
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[ConnectionStringKey] = ConnectionString;
        Clocks[ServiceId] = Time;
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                [ConnectionStringKey] = ConnectionString,
                [ClockKey] = ServiceId,
                ["Mail:Directory"] = MailDirectory, // the silos' mail sender writes here, not under the working directory
            }));
        builder.AddSiloBuilderConfigurator<CivicSiloConfigurator>();
        builder.AddClientBuilderConfigurator<CivicClientConfigurator>();
        ConfigureCluster(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static string RequiredConnectionString(IConfiguration configuration) =>
        configuration[ConnectionStringKey]
        ?? throw new InvalidOperationException($"Configuration key {ConnectionStringKey} is missing in the test cluster.");

    private sealed class CivicSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            // Registered before ConfigureCivic, whose DomainClock.Wall then stays out (TryAdd).
            var clock = siloBuilder.Configuration[ClockKey] is { } key && Clocks.TryGetValue(key, out var time) ? time : TimeProvider.System;
            siloBuilder.Services.AddSingleton(new DomainClock(clock));
            siloBuilder.Services.AddSingleton<Civic.Grains.Votes.VoteCountRunner, HeldVoteCounts>(); // counts as shipped unless a test holds one
            siloBuilder.ConfigureCivic(RequiredConnectionString(siloBuilder.Configuration));
        }
    }

    private sealed class CivicClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseCivicPostgresClustering(RequiredConnectionString(configuration), configuration);
    }
}
