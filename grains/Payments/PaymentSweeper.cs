using Civic.Grains.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Civic.Grains.Payments;

/// <summary>
/// Settles the payments a fault left PENDING, whether or not the backer ever retries: the provider's answer was
/// lost (a timeout, the provider down) or the write that recorded it failed (PostgreSQL restarting). Every
/// <see cref="PaymentOptions.SweepEvery"/> (on the business clock), one silo at a time (a PostgreSQL advisory
/// lock), it reads the contributions PENDING for longer than <see cref="PaymentOptions.SweepAfter"/> and asks the
/// provider what became of each under the payment's own key (the contribution id). A CONFIRMED or FAILED answer
/// goes to the campaign grain as a provider event would (<see cref="ICampaignGrain.SettlePaymentAsync"/>: the
/// ledger first, then the book, once per contribution however many flows race), so money taken is counted once
/// and money not taken releases what it held. A payment still PENDING at the provider (a transfer, a card
/// waiting for strong authentication) waits for its webhook; a key the provider never saw fails after
/// <see cref="PaymentOptions.FailUnknownAfter"/>. Each contribution is asked again after a wait that doubles,
/// up to <see cref="PaymentOptions.SweepMaxBackoff"/>.
/// It also follows up the charges made before their row (a contribution is charged first and written once): it
/// reads the key blocks (civic_payment_key_blocks) older than <see cref="PaymentOptions.SweepAfter"/> and not yet
/// swept, and for every id of a block without a row whose payment the provider holds, the campaign grain refunds
/// it; a block is swept once no money is left under any of its ids without a row.
/// </summary>
public sealed class PaymentSweeper(
    NpgsqlDataSource dataSource,
    IGrainFactory grains,
    IEnumerable<IPaymentProvider> providers,
    IOptions<PaymentOptions> options,
    DomainClock clock,
    ILogger<PaymentSweeper> logger) : BackgroundService
{
    /// <summary>The advisory lock only one silo's sweeper holds at a time ("civicswp").</summary>
    private const long LockKey = 0x63697669_63737770;

    /// <summary>Most contributions looked at in one pass (the oldest first).</summary>
    private const int BatchSize = 200;

    private readonly PaymentOptions _options = options.Value;
    private readonly Dictionary<string, (int Attempts, DateTimeOffset NextAt)> _backoff = new(StringComparer.Ordinal);

    /// <summary>Passes completed (for tests and diagnostics).</summary>
    public long Passes { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SweepEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Payment sweep failed; trying again in {Every}", _options.SweepEvery);
            }
        }
    }

    /// <summary>One pass: settles what the provider has settled, under the lock; false when another silo holds it.</summary>
    public async Task<bool> SweepAsync(CancellationToken cancellationToken = default)
    {
        var provider = providers.FirstOrDefault(p => p.Name == _options.Provider);
        if (provider is null)
        {
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await ScalarAsync<bool>(connection, "select pg_try_advisory_lock($1)", cancellationToken))
        {
            return false;
        }

        try
        {
            var now = clock.GetUtcNow();
            var pending = await PendingAsync(connection, now - _options.SweepAfter, cancellationToken);
            var stillPending = pending.Select(p => p.ContributionId).ToHashSet(StringComparer.Ordinal);
            foreach (var id in _backoff.Keys.Where(id => !stillPending.Contains(id) && !id.StartsWith("block:", StringComparison.Ordinal)).ToList())
            {
                _backoff.Remove(id); // settled meanwhile (a webhook, a retry, this sweeper)
            }

            foreach (var row in pending)
            {
                if (_backoff.TryGetValue(row.ContributionId, out var wait) && wait.NextAt > now)
                {
                    continue;
                }

                if (await SettleAsync(provider, row, now, cancellationToken))
                {
                    _backoff.Remove(row.ContributionId);
                }
                else
                {
                    var attempts = wait.Attempts + 1;
                    var delay = TimeSpan.FromTicks(Math.Min(_options.SweepMaxBackoff.Ticks, _options.SweepEvery.Ticks << Math.Min(attempts, 20)));
                    _backoff[row.ContributionId] = (attempts, now + delay);
                }
            }

            foreach (var block in await DueKeyBlocksAsync(connection, now - _options.SweepAfter, cancellationToken))
            {
                var backoffKey = "block:" + block.BlockId;
                if (_backoff.TryGetValue(backoffKey, out var wait) && wait.NextAt > now)
                {
                    continue;
                }

                if (await SweepBlockAsync(connection, provider, block, cancellationToken))
                {
                    _backoff.Remove(backoffKey);
                    await MarkSweptAsync(connection, block.BlockId, now, cancellationToken);
                }
                else
                {
                    var attempts = wait.Attempts + 1;
                    var delay = TimeSpan.FromTicks(Math.Min(_options.SweepMaxBackoff.Ticks, _options.SweepEvery.Ticks << Math.Min(attempts, 20)));
                    _backoff[backoffKey] = (attempts, now + delay);
                }
            }

            Passes++;
            return true;
        }
        finally
        {
            await ScalarAsync<bool>(connection, "select pg_advisory_unlock($1)", CancellationToken.None);
        }
    }

    /// <summary>Asks the provider about one contribution and hands a final answer to its campaign; true when it is settled.</summary>
    private async Task<bool> SettleAsync(IPaymentProvider provider, Pending row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        PaymentResult? answer;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ProviderTimeout);
            answer = await provider.FindPaymentAsync(row.ContributionId, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation(ex, "Provider {Provider} has no answer yet about pending contribution {Contribution}", provider.Name, row.ContributionId);
            return false;
        }

        PaymentNotice notice;
        if (answer is null)
        {
            if (now - row.CreatedAt < _options.FailUnknownAfter)
            {
                return false; // the backer may still retry, and the charge be made then
            }

            notice = new PaymentNotice(row.ContributionId, PaymentStatus.Failed, provider.Name, null, "payment_never_made");
        }
        else if (answer.Status is PaymentStatus.Confirmed or PaymentStatus.Failed)
        {
            notice = new PaymentNotice(row.ContributionId, answer.Status, provider.Name, answer.ProviderReference, answer.FailureReason);
        }
        else
        {
            return false; // still open at the provider: its webhook settles it, or a later pass
        }

        try
        {
            var status = await grains.GetGrain<ICampaignGrain>(GrainKeys.Compound(row.Tenant, row.CampaignId)).SettlePaymentAsync(notice);
            logger.LogInformation("Payment sweeper settled contribution {Contribution} of campaign {Campaign}: {Status}", row.ContributionId, row.CampaignId, status);
            return status != PaymentStatus.Pending;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Pending contribution {Contribution} of campaign {Campaign} not settled yet", row.ContributionId, row.CampaignId);
            return false;
        }
    }

    /// <summary>
    /// Looks at every id a key block may have handed out that has no contribution row: the provider never took
    /// money under it (nothing to do), or it did and the campaign grain refunds it
    /// (<see cref="ICampaignGrain.ReleaseUnrecordedPaymentAsync"/>, which knows whether its pledge is still in
    /// flight). True when no money is left under any of them without a row.
    /// </summary>
    private async Task<bool> SweepBlockAsync(NpgsqlConnection connection, IPaymentProvider provider, KeyBlock block, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, block.Used ?? block.Size).Select(i => GrainKeys.InBlock(block.BlockId, i)).ToArray();
        await using var command = new NpgsqlCommand("""
            select k from unnest($1::text[]) k
            where not exists (select 1 from civic_contributions c where c.contribution_id = k)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        var unrecorded = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                unrecorded.Add(reader.GetString(0));
            }
        }

        var settled = true;
        foreach (var id in unrecorded)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.ProviderTimeout);
                var answer = await provider.FindPaymentAsync(id, timeout.Token).WaitAsync(timeout.Token);
                if (answer is null or { Status: PaymentStatus.Failed or PaymentStatus.Refunded })
                {
                    continue; // no money under this id
                }

                if (!await grains.GetGrain<ICampaignGrain>(GrainKeys.Compound(block.Tenant, block.CampaignId)).ReleaseUnrecordedPaymentAsync(id))
                {
                    settled = false;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Charge {Contribution} of campaign {Campaign} has no row and is not settled yet", id, block.CampaignId);
                settled = false;
            }
        }

        return settled;
    }

    private static async Task<List<KeyBlock>> DueKeyBlocksAsync(NpgsqlConnection connection, DateTimeOffset openedBefore, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select block_id, tenant, campaign_id, size, used
            from civic_payment_key_blocks
            where swept_at is null and opened_at <= $1
            order by opened_at
            limit $2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = openedBefore });
        command.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
        var blocks = new List<KeyBlock>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            blocks.Add(new KeyBlock(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        }

        return blocks;
    }

    private static async Task MarkSweptAsync(NpgsqlConnection connection, string blockId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("update civic_payment_key_blocks set swept_at = $2 where block_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = blockId });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<Pending>> PendingAsync(NpgsqlConnection connection, DateTimeOffset madeBefore, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select tenant, campaign_id, contribution_id, created_at
            from civic_contributions
            where payment_status = 'pending' and created_at <= $1
            order by created_at
            limit $2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = madeBefore });
        command.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
        var rows = new List<Pending>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Pending(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return rows;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LockKey });
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record Pending(string Tenant, string CampaignId, string ContributionId, DateTimeOffset CreatedAt);

    private sealed record KeyBlock(string BlockId, string Tenant, string CampaignId, int Size, int? Used);
}
