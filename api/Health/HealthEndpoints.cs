using Civic.Api.Hosting;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;

namespace Civic.Api.Health;

public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// /health/live: the process answers. /health/ready: PostgreSQL answers and the cluster serves a
    /// grain call (which also reads grain storage), each within a few seconds, and the node has run its
    /// start-up warm-up (<see cref="StartupWarmup"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapCivicHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Json(new { status = "live" }));
        app.MapGet("/health/ready", async (ContributionReads reads, IClusterClient cluster, StartupWarmup warmup, CancellationToken ct) =>
        {
            var warmedUp = warmup.Completed;
            var database = await ProbeAsync(token => reads.PingAsync(token), ct);
            var clusterUp = await ProbeAsync(
                async _ => await cluster.GetGrain<ITenantGrain>("health-probe").GetAsync() is null, ct);
            var ready = database && clusterUp && warmedUp;
            return Results.Json(
                new { status = ready ? "ready" : "not-ready", database, cluster = clusterUp, warmedUp },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    private static async Task<bool> ProbeAsync(Func<CancellationToken, Task<bool>> probe, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            return await probe(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
