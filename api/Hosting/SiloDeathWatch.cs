using System.Net.Sockets;
using Civic.Grains.Interfaces;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Civic.Api.Hosting;

/// <summary>
/// Ends the wait of the hot writes (pledge, invest, castBallot) the moment a silo of the cluster is declared dead.
/// Orleans fails a call stranded on a killed silo only at its response timeout (<see cref="WriteTimeout"/>, 5 s): a
/// gateway does not tie the call it forwarded to the silo it went to. The survivors declare the death in the
/// membership table within about two seconds, and the table's trigger (migration 0057) notifies channel
/// <see cref="Channel"/>; this service LISTENs on its own connection and cancels <see cref="Token"/>, so every write
/// waiting through <see cref="GuardAsync{T}(Task{T})"/> answers <see cref="ErrorCodes.OutcomeUnknown"/> at once (and each
/// tenant lookup, through <see cref="GuardReadAsync{T}"/>, <see cref="ErrorCodes.Unavailable"/>). Its client
/// retries with the same idempotency key and the retry reaches the grain on a survivor. A write that was in fact on a
/// survivor is answered the same (its retry finds it recorded): a death costs one retry, never a double count. While
/// PostgreSQL is away no notice comes and the response timeout stays the backstop.
/// </summary>
public sealed class SiloDeathWatch(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster, TimeProvider time, ILogger<SiloDeathWatch> logger)
    : BackgroundService
{
    public const string Channel = "civic_silo_death";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(10);

    private readonly string _clusterId = cluster.Value.ClusterId;
    private CancellationTokenSource _current = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled when a silo of this cluster is declared dead (and replaced by a fresh one for the writes after).</summary>
    public CancellationToken Token => Volatile.Read(ref _current).Token;

    /// <summary>Completes once the first LISTEN is in place (tests wait for it).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Silo deaths seen since start.</summary>
    public int Deaths { get; private set; }

    /// <summary>
    /// The answer of <paramref name="write"/>, or <see cref="ErrorCodes.OutcomeUnknown"/> as soon as a silo is declared
    /// dead while it waits. The abandoned call goes on to its own end, observed and ignored.
    /// </summary>
    public Task<T> GuardAsync<T>(Task<T> write) => GuardAsync(write, mayHaveWritten: true);

    /// <summary>
    /// As <see cref="GuardAsync{T}(Task{T})"/> for a call that records nothing (a lookup): <see cref="ErrorCodes.Unavailable"/>
    /// at a silo's death, so that every request behind it is not held for the whole response timeout.
    /// </summary>
    public Task<T> GuardReadAsync<T>(Task<T> read) => GuardAsync(read, mayHaveWritten: false);

    private async Task<T> GuardAsync<T>(Task<T> write, bool mayHaveWritten)
    {
        ArgumentNullException.ThrowIfNull(write);
        var token = Token;
        try
        {
            return await write.WaitAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            if (write.IsCompleted)
            {
                return await write; // it answered as the notice came: its own answer (or its own error)
            }

            _ = write.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw mayHaveWritten
                ? new CivicException(ErrorCodes.OutcomeUnknown, InfrastructureFaults.OutcomeUnknownMessage)
                : new CivicException(ErrorCodes.Unavailable, InfrastructureFaults.UnavailableMessage);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notice) => OnNotice(notice.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _listening.TrySetResult();
                backoff = FirstBackoff;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or SocketException or TimeoutException or InvalidOperationException)
            {
                // PostgreSQL restarting or unreachable: the response timeout covers the writes meanwhile.
                logger.LogWarning("Silo death notices interrupted ({Reason}); listening again in {Backoff}", ex.Message, backoff);
                await Task.Delay(backoff, time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LongestBackoff.Ticks));
            }
        }
    }

    private void OnNotice(string payload)
    {
        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !string.Equals(payload[..space], _clusterId, StringComparison.Ordinal))
        {
            return; // another cluster sharing the database
        }

        // Not disposed: a request may still be about to wait on the old token.
        var dead = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        Deaths++;
        logger.LogInformation("Silo {Silo} declared dead: the writes waiting on the cluster answer {Written}, the lookups {Read}",
            payload[(space + 1)..], ErrorCodes.OutcomeUnknown, ErrorCodes.Unavailable);
        dead.Cancel();
    }
}
