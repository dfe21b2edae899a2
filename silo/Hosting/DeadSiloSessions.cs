using Civic.Grains.Ledger;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Civic.Silo.Hosting;

/// <summary>
/// Ends the database sessions of every silo the cluster declared dead. A silo stopped in the middle of a ledger batch
/// (SIGSTOP, a frozen VM, a long pause) leaves its transaction open with the rows it inserted so far, and the new
/// activations of its grains, writing the same sequence numbers and keys, would wait on those locks until it woke: its
/// pledges would stay stuck for as long as it sleeps although the cluster already moved on. Each silo names its Civic
/// sessions after itself (<see cref="ApplicationName"/>); on every membership change, the live silos terminate the
/// sessions of the dead ones, which rolls their transactions back at once (what they had not committed was never
/// acknowledged). What a dead silo sends later is refused by the ledger's fence (<see cref="LedgerFence"/>).
/// </summary>
public sealed class DeadSiloSessions(IClusterMembershipService membership, NpgsqlDataSource dataSource, ILogger<DeadSiloSessions> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly HashSet<SiloAddress> _ended = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watch;

    /// <summary>The application name of a silo's Civic sessions (PostgreSQL keeps 63 bytes of it).</summary>
    public static string ApplicationName(SiloAddress silo)
    {
        var name = "civic-silo " + silo.ToParsableString();
        return name.Length <= 63 ? name : name[..63];
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DeadSiloSessions), ServiceLifecycleStage.Active, _ =>
        {
            _watch = Task.Run(() => WatchAsync(_stopping.Token));
            return Task.CompletedTask;
        }, async _ =>
        {
            await _stopping.CancelAsync();
            if (_watch is not null)
            {
                await _watch.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });

    private async Task WatchAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
            {
                var dead = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && !_ended.Contains(m.SiloAddress))
                    .Select(m => m.SiloAddress)
                    .ToList();
                if (dead.Count > 0 && await EndSessionsAsync(dead, stopping) is { } ended)
                {
                    _ended.UnionWith(dead);
                    logger.Log(ended > 0 ? LogLevel.Warning : LogLevel.Information,
                        "Ended {Sessions} database sessions of silos declared dead: {Silos}", ended, string.Join(", ", dead));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Terminates the sessions of the given silos; how many, or null when the database could not be asked (the next change asks again).</summary>
    private async Task<long?> EndSessionsAsync(List<SiloAddress> silos, CancellationToken stopping)
    {
        try
        {
            return await EndSessionsAsync(dataSource, silos.Select(ApplicationName).ToArray(), stopping);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not end the database sessions of silos declared dead ({Silos})", string.Join(", ", silos));
            return null;
        }
    }

    /// <summary>Terminates every session whose application name is one of <paramref name="names"/>; returns how many.</summary>
    public static async Task<long> EndSessionsAsync(NpgsqlDataSource dataSource, string[] names, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select count(*) filter (where pg_terminate_backend(pid))
            from pg_stat_activity
            where application_name = any($1) and pid <> pg_backend_pid()
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = names });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
