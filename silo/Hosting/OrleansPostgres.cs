using Orleans.Configuration;

namespace Civic.Silo.Hosting;

/// <summary>Orleans ADO.NET providers (clustering, grain storage, reminders) on PostgreSQL.</summary>
public static class OrleansPostgres
{
    /// <summary>ADO.NET invariant of Npgsql. Orleans resolves it itself (assembly "Npgsql", type NpgsqlFactory):
    /// no DbProviderFactories registration is needed, only the Npgsql assembly next to the app.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Name of the Civic grain storage; also registered as the default storage.</summary>
    public const string StorageName = "civic";

    /// <summary>
    /// Membership, grain state (default storage and "civic") and reminders in the PostgreSQL database the
    /// migrations created. Cluster and service ids are the caller's to set.
    /// </summary>
    public static ISiloBuilder UseCivicPostgres(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorageAsDefault(options => ConfigureStorage(options, connectionString));
        silo.AddAdoNetGrainStorage(StorageName, options => ConfigureStorage(options, connectionString));
        // The same storages behind a fault translation (a later keyed registration wins): no Npgsql exception leaves an activation.
        foreach (var name in new[] { Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, StorageName })
        {
            silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(name, (services, key) =>
                new Civic.Grains.Faults.FaultTranslatingGrainStorage(Orleans.Storage.AdoNetGrainStorageFactory.Create(services, (string)key!)));
        }

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>The failure detection and timeouts of section <c>Orleans:Timings</c> (<see cref="Civic.Api.Hosting.ClusterTimings"/>).</summary>
    public static ISiloBuilder UseCivicClusterTimings(this ISiloBuilder silo, Microsoft.Extensions.Configuration.IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var timings = Civic.Api.Hosting.ClusterTimings.From(configuration);
        timings.Apply(silo.Services);
        silo.Services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = timings.ResponseTimeout);
        return silo;
    }

    private static void ConfigureStorage(AdoNetGrainStorageOptions options, string connectionString)
    {
        options.Invariant = Invariant;
        options.ConnectionString = connectionString;
    }
}
