using Civic.Api.Hosting;
using Civic.Grains.Interfaces;
using Orleans.Configuration;

namespace Civic.Tools.DevHost.Chaos;

/// <summary>
/// The operator's view of the chaos cluster as an Orleans client: which silo holds the campaign under load, so that
/// the silo killed is the one whose loss the pledges feel (a silo holding none of the load's grains would prove nothing).
/// </summary>
public sealed class ChaosPlacement : IAsyncDisposable
{
    private readonly IHost _host;

    private ChaosPlacement(IHost host) => _host = host;

    public static async Task<ChaosPlacement> ConnectAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseCivicPostgresClustering(connectionString);
            client.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = clusterId);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ChaosPlacement(host);
    }

    /// <summary>The silo port of the silo holding the campaign's activation; null when it is not active anywhere.</summary>
    public async Task<int?> CampaignSiloPortAsync(string tenant, string campaignId)
    {
        var cluster = _host.Services.GetRequiredService<IClusterClient>();
        var grain = cluster.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, campaignId));
        var address = await cluster.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return address?.Endpoint.Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
