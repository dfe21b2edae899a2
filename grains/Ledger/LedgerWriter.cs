using System.Threading.Channels;
using Civic.Grains.Interfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Grains.Ledger;

/// <summary>
/// Group commit: entries from every grain of the silo that arrive while a transaction is in
/// flight are written together in the next one. At low load a batch of one starts at once;
/// under load batches grow by themselves, so the cost of a commit (the fsync) is shared.
/// A caller's task completes only after its transaction has committed. Every batch is fenced
/// (<see cref="LedgerFence"/>): once the cluster declared this silo dead, nothing more of it is written.
/// </summary>
public sealed class LedgerWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<LedgerWriter> _logger;
    private readonly LedgerOptions _options;
    private readonly LedgerFence _fence;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Task[] _writers;

    public LedgerWriter(NpgsqlDataSource dataSource, IOptions<LedgerOptions> options, ILogger<LedgerWriter> logger, LedgerFence fence)
    {
        _dataSource = dataSource;
        _fence = fence;
        _logger = logger;
        _options = options.Value;
        _writers = Enumerable.Range(0, Math.Max(1, _options.Writers))
            .Select(_ => Task.Run(WriteLoopAsync))
            .ToArray();
    }

    public Task<CommitOutcome> AppendAsync(LedgerEntry entry)
    {
        var pending = new Pending(entry);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(LedgerWriter));
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_options.MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            await CommitIsolatingAsync(batch);
            batch.Clear();
        }
    }

    /// <summary>
    /// Commits a batch and answers each of its callers. When the database refuses the batch because of its
    /// data (<see cref="IsRefusedByData"/>), the batch is split in halves and each half retried, down to
    /// single rows: a row refused on its own answers <see cref="CommitOutcome.Rejected"/>, every other row
    /// commits. One bad row costs about 2·log2(batch) extra transactions; the other callers only wait.
    /// Any other failure (connection, server) fails the whole (sub-)batch as unavailable.
    /// </summary>
    private async Task CommitIsolatingAsync(List<Pending> batch)
    {
        try
        {
            var started = LedgerMetrics.Start();
            var inserted = await WriteBatchAsync(batch);
            LedgerMetrics.Committed(batch.Count, started);
            foreach (var pending in batch)
            {
                var committed = inserted.Contains(pending.RowId);
                LedgerMetrics.Outcome(pending.Entry, committed ? "committed" : "duplicate");
                pending.Completion.TrySetResult(committed ? CommitOutcome.Committed : CommitOutcome.Duplicate);
            }
        }
        catch (Exception ex) when (IsRefusedByData(ex))
        {
            if (batch.Count == 1)
            {
                _logger.LogWarning(ex, "Ledger refused entry {Row} of tenant {Tenant}", batch[0].RowId, batch[0].Entry.Tenant);
                LedgerMetrics.Outcome(batch[0].Entry, "rejected");
                batch[0].Completion.TrySetResult(CommitOutcome.Rejected);
                return;
            }

            var half = batch.Count / 2;
            await CommitIsolatingAsync(batch.GetRange(0, half));
            await CommitIsolatingAsync(batch.GetRange(half, batch.Count - half));
        }
        catch (PostgresException ex) when (ex.SqlState == LedgerFence.SqlState)
        {
            // Declared dead (it was stopped past the membership timeout): its grains live elsewhere now. Nothing was
            // written; the callers answer UNAVAILABLE and their clients' retries reach the new activations.
            _logger.LogError("Ledger batch of {Count} entries refused: this silo was declared dead ({Reason})", batch.Count, ex.MessageText);
            foreach (var pending in batch)
            {
                LedgerMetrics.Outcome(pending.Entry, "fenced");
                pending.Completion.TrySetException(new LedgerUnavailableException(ex, mayHaveCommitted: false));
            }
        }
        catch (Exception ex)
        {
            var fault = ex is LedgerNotReachedException notReached ? notReached.InnerException! : ex;
            var mayHaveCommitted = ex is not LedgerNotReachedException && !RolledBack(ex);
            _logger.LogError(fault, "Ledger batch of {Count} entries failed ({Outcome})", batch.Count, mayHaveCommitted ? "outcome unknown" : "not written");
            foreach (var pending in batch)
            {
                LedgerMetrics.Outcome(pending.Entry, mayHaveCommitted ? "unknown" : "unavailable");
                pending.Completion.TrySetException(new LedgerUnavailableException(fault, mayHaveCommitted));
            }
        }
    }

    /// <summary>
    /// A failure that belongs to the rows, not to the database: two rows of a batch for one key (class 21, e.g.
    /// the same member's support twice in one upsert), a data exception (SQLSTATE class 22, e.g. a
    /// NUL in a text), an integrity violation (class 23: a check or foreign key), an error a trigger raised
    /// (P0001), or a text the client cannot encode (a lone surrogate). Retrying the same rows fails again;
    /// retrying the others does not.
    /// </summary>
    public static bool IsRefusedByData(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("21", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("22", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("23", StringComparison.Ordinal)
            || pg.SqlState == PostgresErrorCodes.RaiseException,
        System.Text.EncoderFallbackException => true,
        NpgsqlException { InnerException: System.Text.EncoderFallbackException } => true,
        _ => false,
    };

    /// <summary>
    /// The server answered the batch with an error of its own (a conflict, a deadlock, a statement it refused): the
    /// implicit transaction rolled back. Not so for errors that can end a session after its commit: the server
    /// shutting down or crashing (SQLSTATE class 57), a connection (08), system (58) or internal (XX) error.
    /// </summary>
    private static bool RolledBack(Exception ex) =>
        ex is PostgresException pg && pg.SqlState.Length == 5
        && pg.SqlState[..2] is not ("57" or "08" or "58" or "XX");

    /// <summary>Writes the batch in one implicit transaction; returns the ids of the rows actually inserted.</summary>
    private async Task<HashSet<string>> WriteBatchAsync(List<Pending> batch)
    {
        var contributions = new List<ContributionEntry>();
        var ballots = new List<BallotEntry>();
        var payments = new List<PaymentEntry>();
        var supports = new List<SupportEntry>();
        var withdrawals = new List<SupportEntry>();
        var commentVotes = new List<CommentVoteEntry>();
        var matches = new List<MatchEntry>();
        foreach (var pending in batch)
        {
            switch (pending.Entry)
            {
                case ContributionEntry c: contributions.Add(c); break;
                case BallotEntry b: ballots.Add(b); break;
                case PaymentEntry p: payments.Add(p); break;
                case SupportEntry { Withdraw: false } s: supports.Add(s); break;
                case SupportEntry s: withdrawals.Add(s); break;
                case CommentVoteEntry v: commentVotes.Add(v); break;
                case MatchEntry m: matches.Add(m); break;
                default: throw new InvalidOperationException($"Unknown ledger entry {pending.Entry.GetType().Name}.");
            }
        }

        NpgsqlConnection opened;
        try
        {
            opened = await _dataSource.OpenConnectionAsync();
        }
        catch (Exception ex)
        {
            throw new LedgerNotReachedException(ex); // nothing was sent: nothing can have committed
        }

        await using var connection = opened;
        await using var command = new NpgsqlBatch(connection);
        if (contributions.Count > 0)
        {
            command.BatchCommands.Add(InsertContributions(contributions));
        }

        if (ballots.Count > 0)
        {
            command.BatchCommands.Add(InsertBallots(ballots));
        }

        if (payments.Count > 0)
        {
            command.BatchCommands.Add(UpdatePayments(payments));
        }

        if (supports.Count > 0)
        {
            command.BatchCommands.Add(InsertSupports(supports));
        }

        if (withdrawals.Count > 0)
        {
            command.BatchCommands.Add(WithdrawSupports(withdrawals));
        }

        if (commentVotes.Count > 0)
        {
            command.BatchCommands.Add(InsertCommentVotes(commentVotes));
        }

        if (matches.Count > 0)
        {
            command.BatchCommands.Add(InsertMatches(matches));
        }

        // Last, so that the silo's membership row is locked from the check to the commit only (see LedgerFence).
        command.BatchCommands.Add(_fence.Command());

        var inserted = new HashSet<string>(batch.Count, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                inserted.Add(reader.GetString(0));
            }
        }
        while (await reader.NextResultAsync());

        return inserted;
    }

    private static NpgsqlBatchCommand InsertContributions(List<ContributionEntry> rows)
    {
        var command = new NpgsqlBatchCommand("""
            insert into civic_contributions
                (tenant, campaign_id, seq, contribution_id, member_id, amount, currency, idempotency_key, created_at, reward_id, payment_status,
                 payment_provider, payment_reference, payment_method, payment_failure, settled_at)
            select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::timestamptz[], $10::text[], $11::text[],
                                 $12::text[], $13::text[], $14::text[], $15::text[], $16::timestamptz[])
            on conflict do nothing
            returning contribution_id
            """);
        command.Parameters.Add(Array(rows, r => r.Tenant, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.CampaignId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.Seq, NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(rows, r => r.ContributionId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.MemberId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.Amount, NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(rows, r => r.Currency, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.IdempotencyKey, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(rows, r => r.RewardId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => PaymentStatuses.ToSql(r.Payment), NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.PaymentProvider, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.PaymentReference, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.PaymentMethod, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.PaymentFailure, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.SettledAt?.UtcDateTime, NpgsqlDbType.TimestampTz));
        return command;
    }

    /// <summary>
    /// Moves payment statuses; a row is updated only by an allowed move (or the same status again, which
    /// keeps it), so a late or repeated status can never undo a later one.
    /// </summary>
    private static NpgsqlBatchCommand UpdatePayments(List<PaymentEntry> rows)
    {
        var command = new NpgsqlBatchCommand("""
            update civic_contributions c
            set payment_status = u.s,
                payment_provider = u.p,
                payment_reference = coalesce(u.r, c.payment_reference),
                payment_method = coalesce(u.m, c.payment_method),
                payment_failure = coalesce(u.f, c.payment_failure),
                refund_reference = coalesce(u.rr, c.refund_reference),
                settled_at = case when u.s = 'pending' then c.settled_at else coalesce(c.settled_at, u.a) end
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[])
                as u(id, s, p, r, m, f, a, rr, t)
            where c.contribution_id = u.id and c.tenant = u.t
              and (c.payment_status = u.s
                   or (c.payment_status = 'pending' and u.s in ('confirmed', 'failed'))
                   or (c.payment_status = 'confirmed' and u.s = 'refunded'))
            returning 'pay:' || c.contribution_id
            """);
        command.Parameters.Add(Array(rows, r => r.ContributionId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => PaymentStatuses.ToSql(r.Status), NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.Provider, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.Reference, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.Method, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.FailureReason, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.At.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(rows, r => r.RefundReference, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.Tenant, NpgsqlDbType.Text));
        return command;
    }

    private static NpgsqlBatchCommand InsertBallots(List<BallotEntry> rows)
    {
        // unnest cannot produce an array per row from a 2-D array, so choices and points travel
        // as one unit-separated string each and are split back in SQL.
        var command = new NpgsqlBatchCommand("""
            insert into civic_ballots (tenant, vote_id, seq, ballot_id, voter_key, choices, cast_at, points, district, voter_ref, is_extra)
            select t, v, s, b, k, string_to_array(c, chr(31)), a,
                   coalesce(string_to_array(p, chr(31))::int[], '{}'), d, r, e
            from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                        $8::text[], $9::text[], $10::text[], $11::boolean[])
                as x(t, v, s, b, k, c, a, p, d, r, e)
            on conflict do nothing
            returning ballot_id
            """);
        command.Parameters.Add(Array(rows, r => r.Tenant, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.VoteId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.Seq, NpgsqlDbType.Bigint));
        command.Parameters.Add(Array(rows, r => r.BallotId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.VoterKey, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => string.Join('\u001f', r.Choices), NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.CastAt.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Array(rows, r => r.Points.IsDefaultOrEmpty ? null : string.Join('\u001f', r.Points), NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.District, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.VoterRef, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.IsExtra, NpgsqlDbType.Boolean));
        return command;
    }

    /// <summary>A new support, or a withdrawn one supported again; a live support stays as it is (not returned: a duplicate).</summary>
    private static NpgsqlBatchCommand InsertSupports(List<SupportEntry> rows)
    {
        var command = new NpgsqlBatchCommand("""
            insert into civic_idea_supports as s (tenant, idea_id, member_id, box_id, supported_at)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
            on conflict (tenant, idea_id, member_id) do update
                set supported_at = excluded.supported_at, withdrawn_at = null
                where s.withdrawn_at is not null
            returning 'sup:' || s.idea_id || ':' || s.member_id
            """);
        command.Parameters.Add(Array(rows, r => r.Tenant, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.IdeaId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.MemberId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.BoxId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.At.UtcDateTime, NpgsqlDbType.TimestampTz));
        return command;
    }

    private static NpgsqlBatchCommand WithdrawSupports(List<SupportEntry> rows)
    {
        var command = new NpgsqlBatchCommand("""
            update civic_idea_supports s set withdrawn_at = u.a
            from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) as u(t, i, m, a)
            where s.tenant = u.t and s.idea_id = u.i and s.member_id = u.m and s.withdrawn_at is null
            returning 'unsup:' || s.idea_id || ':' || s.member_id
            """);
        command.Parameters.Add(Array(rows, r => r.Tenant, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.IdeaId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.MemberId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.At.UtcDateTime, NpgsqlDbType.TimestampTz));
        return command;
    }

    /// <summary>
    /// Votes on comments, new, changed (the other value) or withdrawn (value 0: the row is deleted), and in the same
    /// statement their effect on the comments' counts, computed from the value each row held before it. A vote equal
    /// to the member's current one, or a withdrawal of no vote, changes nothing and is not returned (a duplicate).
    /// The comment's grain sends at most one entry per member and comment at a time, so the rows read before are the
    /// rows the statement changes.
    /// </summary>
    private static NpgsqlBatchCommand InsertCommentVotes(List<CommentVoteEntry> rows)
    {
        var command = new NpgsqlBatchCommand("""
            with u as (
                select * from unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::timestamptz[]) as u(t, c, m, v, a)),
            before as (
                select x.tenant, x.comment_id, x.member_id, x.value from civic_comment_votes x
                join u on x.tenant = u.t and x.comment_id = u.c and x.member_id = u.m),
            removed as (
                delete from civic_comment_votes x using u
                where u.v = 0 and x.tenant = u.t and x.comment_id = u.c and x.member_id = u.m
                returning x.tenant, x.comment_id, x.member_id, 0::smallint as value),
            written as (
                insert into civic_comment_votes as x (tenant, comment_id, member_id, value, voted_at)
                select t, c, m, v, a from u where v <> 0
                on conflict (tenant, comment_id, member_id) do update set value = excluded.value, voted_at = excluded.voted_at
                    where x.value <> excluded.value
                returning x.tenant, x.comment_id, x.member_id, x.value),
            changed as (
                select n.tenant, n.comment_id, n.member_id, n.value as now, coalesce(b.value, 0) as was
                from (select * from written union all select * from removed) n
                left join before b on b.tenant = n.tenant and b.comment_id = n.comment_id and b.member_id = n.member_id),
            counted as (
                update civic_comments c set ups = c.ups + x.ups, downs = c.downs + x.downs
                from (select tenant, comment_id,
                             sum((now > 0)::int - (was > 0)::int)::int as ups, sum((now < 0)::int - (was < 0)::int)::int as downs
                      from changed group by tenant, comment_id) x
                where c.tenant = x.tenant and c.comment_id = x.comment_id)
            select 'cv:' || comment_id || ':' || member_id from changed
            """);
        command.Parameters.Add(Array(rows, r => r.Tenant, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.CommentId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.MemberId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => (short)r.Value, NpgsqlDbType.Smallint));
        command.Parameters.Add(Array(rows, r => r.At.UtcDateTime, NpgsqlDbType.TimestampTz));
        return command;
    }

    private static NpgsqlBatchCommand InsertMatches(List<MatchEntry> rows)
    {
        var command = new NpgsqlBatchCommand("""
            insert into civic_matches (tenant, call_id, campaign_id, contribution_id, backer, amount)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
            on conflict do nothing
            returning 'match:' || contribution_id
            """);
        command.Parameters.Add(Array(rows, r => r.Tenant, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.CallId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.CampaignId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.ContributionId, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.Backer, NpgsqlDbType.Text));
        command.Parameters.Add(Array(rows, r => r.Amount, NpgsqlDbType.Bigint));
        return command;
    }

    private static NpgsqlParameter Array<TRow, TValue>(List<TRow> rows, Func<TRow, TValue> select, NpgsqlDbType type)
    {
        var values = new TValue[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = select(rows[i]);
        }

        return new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };
    }

    private sealed class Pending(LedgerEntry entry)
    {
        public LedgerEntry Entry { get; } = entry;

        public string RowId { get; } = entry switch
        {
            ContributionEntry c => c.ContributionId,
            BallotEntry b => b.BallotId,
            PaymentEntry p => "pay:" + p.ContributionId,
            SupportEntry { Withdraw: false } s => $"sup:{s.IdeaId}:{s.MemberId}",
            SupportEntry s => $"unsup:{s.IdeaId}:{s.MemberId}",
            CommentVoteEntry v => $"cv:{v.CommentId}:{v.MemberId}",
            MatchEntry m => "match:" + m.ContributionId,
            _ => throw new InvalidOperationException($"Unknown ledger entry {entry.GetType().Name}."),
        };

        public TaskCompletionSource<CommitOutcome> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>
/// The ledger could not be written. <see cref="MayHaveCommitted"/> says whether the entry may have committed all
/// the same (the batch was sent and its answer lost) or certainly did not (no connection could be opened, or the
/// server answered with an error and rolled back).
/// </summary>
public sealed class LedgerUnavailableException(Exception inner, bool mayHaveCommitted = true)
    : Exception(mayHaveCommitted ? "The ledger failed; the entry may have committed." : "The ledger is unavailable; the entry was not written.", inner)
{
    public bool MayHaveCommitted { get; } = mayHaveCommitted;

    /// <summary>
    /// What the caller of a write answers: <see cref="ErrorCodes.OutcomeUnknown"/> when the entry may be in the
    /// ledger (retry with the same idempotency key), else <see cref="ErrorCodes.Unavailable"/>.
    /// </summary>
    public CivicException ToCivicError(string what) => MayHaveCommitted
        ? new CivicException(ErrorCodes.OutcomeUnknown, $"{what} may or may not have been recorded: send it again as it was (with the same idempotency key); a repeat of what was recorded is recognised.")
        : new CivicException(ErrorCodes.Unavailable, $"{what} was not recorded: try again in a moment.");
}

/// <summary>No connection to the ledger could be opened: nothing of the batch was sent.</summary>
internal sealed class LedgerNotReachedException(Exception inner) : Exception("The ledger could not be reached.", inner);
