using Orleans.Configuration;

namespace Civic.Api.Hosting;

/// <summary>
/// Configuration section <c>Orleans:Timings</c>: how fast the cluster notices a dead silo and how fast clients
/// follow. The defaults make a killed silo (one of three) cost a few seconds: each silo probes its peers about
/// every <see cref="ProbeTimeout"/>; <see cref="MissedProbesLimit"/> missed probes make it suspect the peer, and
/// <see cref="VotesForDeath"/> suspicions declare it dead in the membership table. From that moment its
/// activations are placed again on the survivors, and every call still waiting for it fails at once (the
/// client sees OUTCOME_UNKNOWN or UNAVAILABLE) instead of waiting for <see cref="ResponseTimeout"/>.
/// </summary>
public sealed class ClusterTimings
{
    public const string Section = "Orleans:Timings";

    /// <summary>Initial liveness probe timeout (Orleans adapts it between half and four times this). Orleans' default: 5 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest a probe's timeout may grow to under load. It also sets how long a peer that sent anything recently is
    /// believed alive whatever its probes say (Orleans' connection liveness check: this times
    /// <see cref="MissedProbesLimit"/>, 6 s here): a silo stopped (SIGSTOP, a frozen VM) is suspected only after that.
    /// Orleans' default: four times <see cref="ProbeTimeout"/> (a 12 s window here).
    /// </summary>
    public TimeSpan MaxProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo suspects a peer. Orleans' default: 3.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>Suspicions (from different silos) that declare a silo dead; capped by Orleans for small clusters. Orleans' default: 2.</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>How often each silo reads the membership table besides gossip (a restarted silo is seen by then). Orleans' default: 60 s.</summary>
    public TimeSpan TableRefresh { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest a grain call may wait for its answer, on silos and clients: the backstop for a call the
    /// membership protocol cannot break (a silo alive but stuck). Calls that take longer by design have their own
    /// (imports, exports, closing a vote); the hot writes have a shorter one (<c>WriteTimeout</c>, 5 s). Orleans' default: 30 s.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a client (an API node) reads the live gateways from the membership table, so it spreads over a silo that came back. Orleans' default: 60 s.</summary>
    public TimeSpan GatewayListRefresh { get; set; } = TimeSpan.FromSeconds(2);

    public static ClusterTimings From(Microsoft.Extensions.Configuration.IConfiguration? configuration) =>
        configuration?.GetSection(Section).Get<ClusterTimings>() ?? new ClusterTimings();

    /// <summary>The client's side: response timeout and gateway list refresh.</summary>
    public void Apply(IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh);
    }

    /// <summary>The silo's side: membership probes, votes and table refresh (the silo host sets its response timeout from <see cref="ResponseTimeout"/>).</summary>
    public void Apply(IServiceCollection silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = ProbeTimeout;
            o.MaxProbeTimeout = MaxProbeTimeout;
            o.NumMissedProbesLimit = MissedProbesLimit;
            o.NumVotesForDeathDeclaration = VotesForDeath;
            o.TableRefreshTimeout = TableRefresh;
        });
        silo.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh);
    }
}
