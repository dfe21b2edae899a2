namespace Civic.Api.Hosting;

/// <summary>Cluster client side of the PostgreSQL membership: finds gateways in the silos' membership table.</summary>
public static class OrleansClientPostgres
{
    public const string Invariant = "Npgsql";

    /// <summary>
    /// ADO.NET gateway discovery on PostgreSQL, with the <see cref="ClusterTimings"/> of <paramref name="configuration"/>
    /// (section <c>Orleans:Timings</c>; its defaults when null). Cluster and service ids are the caller's to set.
    /// </summary>
    public static IClientBuilder UseCivicPostgresClustering(this IClientBuilder client, string connectionString, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        client.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        ClusterTimings.From(configuration).Apply(client);
        return client;
    }
}
