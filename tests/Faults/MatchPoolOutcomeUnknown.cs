using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Civic.Tests.Grains.GrainTestData;

namespace Civic.Tests.Faults;

/// <summary>
/// A match whose write committed but whose answer was lost (the pool sees OUTCOME_UNKNOWN) keeps its money held:
/// the pool's available money plus what the database says it matched stays its budget, and the next match cannot
/// spend the money twice. Made real with PostgreSQL's synchronous replication to a standby that does not exist: the
/// commit is durable locally and the session waits for an acknowledgement that never comes, until it is cut.
/// </summary>
public sealed class MatchPoolOutcomeUnknown(OwnPostgresHost host) : IClassFixture<OwnPostgresHost>
{
    /// <summary>The ledger batch waiting for its commit: its last statement is the fence (<c>civic_ledger_fence</c>); only the match writes here.</summary>
    private const string WaitingMatch = "select {0} from pg_stat_activity where wait_event = 'SyncRep' and query like '%civic_ledger_fence%'";

    [Fact]
    public async Task A_match_committed_behind_a_lost_answer_stays_held_and_the_pool_is_never_overdrawn()
    {
        var tenant = await host.NewTenantAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var pool = grains.GetGrain<IMatchPoolGrain>(MatchPools.Key(tenant, null));
        await pool.FundAsync(new FundMatchPool(new Money(10_000, "EUR"), "fund-1"), Admin(tenant));
        var campaign = GrainKeys.NewId(IdPrefixes.Campaign);
        var first = GrainKeys.NewId(IdPrefixes.Contribution);

        CivicException failure;
        await CommitsHangAsync(true);
        try
        {
            var ask = pool.MatchAsync(campaign, 1_000_000, "alice", first, new Money(6_000, "EUR"));
            await EventuallyAsync(() => ScalarAsync<long>(WaitingMatch.Replace("{0}", "count(*)", StringComparison.Ordinal)),
                n => n > 0, "the match's commit to wait for the standby");

            // The commit is in the WAL; the session is cut before it can answer.
            await ScalarAsync<long>($"select count(*) from ({WaitingMatch.Replace("{0}", "pg_terminate_backend(pid)", StringComparison.Ordinal)}) t");
            failure = await Assert.ThrowsAsync<CivicException>(() => ask);
        }
        finally
        {
            await CommitsHangAsync(false);
        }

        var lost = await MatchedInDatabaseAsync(tenant);
        Assert.Equal(6_000, lost);
        var status = await pool.GetStatusAsync();
        Assert.Equal(10_000, status!.Available.Amount + lost);

        // Another backer's match gets only what is really left.
        var second = await pool.MatchAsync(campaign, 1_000_000, "bob", GrainKeys.NewId(IdPrefixes.Contribution), new Money(6_000, "EUR"));
        Assert.Equal(4_000, second);
        Assert.Equal(10_000, await MatchedInDatabaseAsync(tenant));
        Assert.Equal(ErrorCodes.OutcomeUnknown, failure.Code);

        // The campaign asks again for the first contribution (its retry): the match it already has.
        Assert.Equal(6_000, await pool.MatchAsync(campaign, 1_000_000, "alice", first, new Money(6_000, "EUR")));
        Assert.Equal(0, await pool.MatchAsync(campaign, 1_000_000, "carol", GrainKeys.NewId(IdPrefixes.Contribution), new Money(1_000, "EUR")));
        status = await pool.GetStatusAsync();
        Assert.Equal(0, status!.Available.Amount);
        Assert.Equal(10_000, status.Spent.Amount);
        Assert.Equal(6_000, await pool.MatchedForAsync(campaign) - second);
        Assert.Equal(10_000, await MatchedInDatabaseAsync(tenant));
    }

    /// <summary>
    /// Makes every new session's commit wait for a synchronous standby that does not exist (true), or puts the
    /// server back (false: waiting commits are released). The silo's idle connections are dropped so the next
    /// write opens a session with the setting.
    /// </summary>
    private async Task CommitsHangAsync(bool hang)
    {
        var database = new NpgsqlConnectionStringBuilder(host.ConnectionString).Database!;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(host.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in hang
            ? [$"alter database \"{database}\" set synchronous_commit = on", "alter system set synchronous_standby_names = 'nobody'", "select pg_reload_conf()"]
            : new[] { $"alter database \"{database}\" reset synchronous_commit", "alter system reset synchronous_standby_names", "select pg_reload_conf()" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        host.Services.GetRequiredService<NpgsqlDataSource>().Clear();
        if (hang)
        {
            await UntilCommitsHangAsync();
        }
    }

    /// <summary>
    /// The server applies a reload when its processes get to it: probes (a write: a temporary table,
    /// from a new session) until one waits for the standby, then cancels that wait (the probe commits).
    /// </summary>
    private async Task UntilCommitsHangAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var probe = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(host.ConnectionString) { Pooling = false }.ConnectionString);
            await probe.OpenAsync();
            var pid = probe.ProcessID;
            await using var command = new NpgsqlCommand("create temp table civic_probe (a int)", probe);
            var commit = command.ExecuteScalarAsync();
            while (!commit.IsCompleted)
            {
                if (await ScalarAsync<long>($"select count(*) from pg_stat_activity where wait_event = 'SyncRep' and pid = {pid}") > 0)
                {
                    await ScalarAsync<bool>($"select pg_cancel_backend({pid})");
                    await commit;
                    return;
                }

                await Task.Delay(20);
            }

            await commit;
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("Timed out waiting for commits to wait for the standby.");
            }

            await Task.Delay(50);
        }
    }

    private Task<long> MatchedInDatabaseAsync(string tenant) => PostgresServerFixture.ScalarAsync<long>(host.ConnectionString,
        "select coalesce(sum(amount), 0)::bigint from civic_matches where tenant = @t and returned_at is null", ("t", tenant));

    private Task<T> ScalarAsync<T>(string sql) => PostgresServerFixture.ScalarAsync<T>(host.ConnectionString, sql);
}
