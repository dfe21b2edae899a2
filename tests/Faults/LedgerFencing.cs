using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Civic.Tests.Faults;

/// <summary>
/// The ledger's fence (migration 0055): a writer whose silo the membership table says is dead writes nothing, and
/// the statement that declares it dead waits for a batch already past the check, so no row can land after it. The
/// writers here are real LedgerWriters on the test database, each with the identity of a silo row this test owns
/// (a cluster of its own): the fixture's silos are not disturbed.
/// </summary>
[Collection("api")]
public sealed class LedgerFencing(ApiFixture api)
{
    [Fact]
    public async Task A_silo_declared_dead_writes_nothing_more_and_a_silo_never_registered_writes_nothing()
    {
        var (fence, cluster) = await ZombieSiloAsync();
        await using var writer = Writer(fence);
        var tenant = await api.NewTenantAsync();
        var campaign = GrainKeys.NewId(IdPrefixes.Campaign);

        Assert.Equal(CommitOutcome.Committed, await writer.AppendAsync(Pledge(tenant, campaign, 1)));

        await ExecuteAsync($"update orleans_membership set status = 6 where deploymentid = '{cluster}'");
        var refused = await Assert.ThrowsAsync<LedgerUnavailableException>(() => writer.AppendAsync(Pledge(tenant, campaign, 2)));
        Assert.False(refused.MayHaveCommitted);
        Assert.Equal(ErrorCodes.Unavailable, refused.ToCivicError("The contribution").Code);

        await using var stranger = Writer(fence with { Port = fence.Port + 1 });
        await Assert.ThrowsAsync<LedgerUnavailableException>(() => stranger.AppendAsync(Pledge(tenant, campaign, 3)));

        Assert.Equal(1, await RowsAsync(tenant, campaign));
    }

    [Fact]
    public async Task The_declaration_of_death_waits_for_a_batch_past_the_check_and_refuses_the_batches_after_it()
    {
        var (fence, cluster) = await ZombieSiloAsync();
        await using var writer = Writer(fence);
        var tenant = await api.NewTenantAsync();
        var campaign = GrainKeys.NewId(IdPrefixes.Campaign);

        // A batch holds the silo's row from its check to its commit; here a transaction of the test holds it the same
        // way (FOR SHARE), as a batch in flight would, while another session declares the silo dead.
        await using var batchInFlight = new NpgsqlConnection(api.ConnectionString);
        await batchInFlight.OpenAsync();
        await using var inFlight = await batchInFlight.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand($"select * from civic_ledger_fence('{cluster}', '{fence.Address}', {fence.Port}, {fence.Generation})", batchInFlight, inFlight))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var declaration = ExecuteAsync($"update orleans_membership set status = 6 where deploymentid = '{cluster}'");
        await WaitForLockWaitAsync("update orleans_membership");
        Assert.False(declaration.IsCompleted); // blocked by the batch in flight
        await inFlight.CommitAsync();
        await declaration;

        var refused = await Assert.ThrowsAsync<LedgerUnavailableException>(() => writer.AppendAsync(Pledge(tenant, campaign, 1)));
        Assert.False(refused.MayHaveCommitted);
        Assert.Equal(0, await RowsAsync(tenant, campaign));
    }

    private LedgerWriter Writer(LedgerFence fence) => new(
        api.Services.GetRequiredService<NpgsqlDataSource>(), Options.Create(new LedgerOptions()), NullLogger<LedgerWriter>.Instance, fence);

    private static ContributionEntry Pledge(string tenant, string campaign, long seq) =>
        new(tenant, campaign, seq, GrainKeys.NewId(IdPrefixes.Contribution), "m" + seq, 100, "EUR", "k" + seq, DateTimeOffset.UtcNow);

    /// <summary>An active silo of a cluster of its own in the membership table, and the fence naming it.</summary>
    private async Task<(LedgerFence Fence, string Cluster)> ZombieSiloAsync()
    {
        var cluster = "fence-" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"insert into orleans_membership_version (deploymentid) values ('{cluster}')");
        await ExecuteAsync($"""
            insert into orleans_membership (deploymentid, address, port, generation, siloname, hostname, status, starttime, iamalivetime)
            values ('{cluster}', '127.0.0.9', 11111, 42, 'zombie', 'zombie', 3, now(), now())
            """);
        return (new LedgerFence(cluster, "127.0.0.9", 11111, 42), cluster);
    }

    /// <summary>Until a session whose query starts with <paramref name="query"/> waits for a lock (at most 10 s).</summary>
    private async Task WaitForLockWaitAsync(string query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
                   "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like @q", ("q", query + "%")) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the declaration of death never waited for the batch in flight");
            await Task.Delay(20); // polls the condition, never waits a fixed time for it
        }
    }

    private Task<long> RowsAsync(string tenant, string campaign) => PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
        "select count(*) from civic_contributions where tenant = @t and campaign_id = @c", ("t", tenant), ("c", campaign));

    private Task ExecuteAsync(string sql) => PostgresServerFixture.ScalarAsync<object?>(api.ConnectionString, sql);
}
