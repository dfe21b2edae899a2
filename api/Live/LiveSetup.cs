namespace Civic.Api.Live;

public static class LiveSetup
{
    /// <summary>The fan-out hub (the transport's limits come with <see cref="AddLiveLimits"/>).</summary>
    public static IServiceCollection AddCivicLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLiveLimits(configuration);
        services.AddSingleton<LiveHub>();

        // An API node is a cluster client: it hears when a silo's gateway goes away (none of this in the embedded
        // mode, where the API is in the silo and a dead silo is a dead node).
        services.AddSingleton<GatewayCountChangedHandler>(provider => (_, change) =>
        {
            if (change.NumberOfConnectedGateways < change.PreviousNumberOfConnectedGateways)
            {
                provider.GetRequiredService<LiveHub>().GatewayLost();
            }
        });
        return services;
    }

    /// <summary>The live transport's limits (section <c>Live</c>) and its connection counts; the GraphQL transport registers them.</summary>
    public static IServiceCollection AddLiveLimits(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(LiveConnections)))
        {
            return services;
        }

        services.AddOptions<LiveOptions>().Bind(configuration.GetSection(LiveOptions.SectionName))
            .Validate(o => o.MaxSubscriptionsPerConnection > 0 && o.MaxConnectionsPerAddress > 0 && o.MaxConnectionsPerMember > 0
                && o.MaxQueuedMessages > 0 && o.MaxMessageBytes > 0 && o.MinInterval >= TimeSpan.Zero && o.RefreshInterval > TimeSpan.Zero,
                "Live: the limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<LiveConnections>();
        return services;
    }
}

/// <summary>Open WebSocket connections counted per client address and per member, against <see cref="LiveOptions"/>.</summary>
public sealed class LiveConnections(Microsoft.Extensions.Options.IOptions<LiveOptions> options)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Takes one place for the key, unless <paramref name="limit"/> are taken; release it with <see cref="Release"/>.</summary>
    public bool TryTake(string key, int limit)
    {
        lock (_lock)
        {
            var count = _counts.GetValueOrDefault(key);
            if (count >= limit)
            {
                return false;
            }

            _counts[key] = count + 1;
            return true;
        }
    }

    public void Release(string key)
    {
        lock (_lock)
        {
            if (_counts.TryGetValue(key, out var count))
            {
                if (count <= 1)
                {
                    _counts.Remove(key);
                }
                else
                {
                    _counts[key] = count - 1;
                }
            }
        }
    }

    public LiveOptions Options => options.Value;

    private long _slowConsumers;

    /// <summary>Connections closed because they did not drain their queue (since this node started).</summary>
    public long SlowConsumers => Interlocked.Read(ref _slowConsumers);

    public void SlowConsumerDropped() => Interlocked.Increment(ref _slowConsumers);
}
