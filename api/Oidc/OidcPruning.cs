using OpenIddict.Abstractions;

namespace Civic.Api.Oidc;

/// <summary>
/// Deletes the OpenID Connect rows nobody can use any more, every <see cref="Every"/> on each API node: tokens
/// (authorization codes, refresh tokens) and authorizations that expired, were redeemed or revoked, once they are
/// older than <see cref="Keep"/> (OpenIddict's own pruning, which keeps a live token whatever its age). Without it
/// every sign-in and refresh would leave a row behind for good. Several nodes pruning at once delete each row once.
/// </summary>
public sealed class OidcPruning(IServiceScopeFactory scopes, TimeProvider time, ILogger<OidcPruning> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>How long a dead row stays (a refresh token replayed within it is still told apart from an unknown one).</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(14);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (tokens, authorizations) = await PruneAsync(time.GetUtcNow() - Keep, stoppingToken);
                if (tokens + authorizations > 0)
                {
                    logger.LogInformation("Pruned {Tokens} OpenID Connect tokens and {Authorizations} authorizations", tokens, authorizations);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not prune OpenID Connect tokens; trying again in {Every}", Every);
            }
        }
    }

    /// <summary>Prunes what died before <paramref name="threshold"/>: answers how many tokens and authorizations went.</summary>
    public async Task<(long Tokens, long Authorizations)> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        return (tokens, authorizations);
    }
}
