using Civic.Grains.Interfaces;
using Civic.Silo.Hosting;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Civic.Tests.Faults;

/// <summary>
/// A silo stopped in the middle of a ledger batch keeps its transaction open, and the rows it inserted so far lock out
/// the writes of its grains' new activations until it wakes. Ending the sessions of a silo declared dead
/// (<see cref="DeadSiloSessions"/>) rolls that transaction back at once and lets the writes through.
/// </summary>
[Collection("api")]
public sealed class DeadSiloSessionsEnd(ApiFixture api)
{
    [Fact]
    public async Task Ending_a_dead_silos_sessions_rolls_back_its_open_batch_and_frees_the_writes_it_was_blocking()
    {
        var tenant = await api.NewTenantAsync();
        var campaign = GrainKeys.NewId(IdPrefixes.Campaign);
        var zombieName = "civic-silo 127.0.0.9:11111@" + Random.Shared.Next(1, int.MaxValue);
        const string Insert = """
            insert into civic_contributions (tenant, campaign_id, seq, contribution_id, member_id, amount, currency, idempotency_key, created_at)
            values (@t, @c, 1, @id, @m, 100, 'EUR', @k, now()) on conflict do nothing
            """;

        // The stopped silo: a transaction that inserted seq 1 and never ends.
        await using var zombie = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.ConnectionString) { ApplicationName = zombieName, Pooling = false }.ConnectionString);
        await zombie.OpenAsync();
        var open = await zombie.BeginTransactionAsync();
        await using (var first = new NpgsqlCommand(Insert, zombie, open))
        {
            Parameters(first, tenant, campaign, "zombie");
            Assert.Equal(1, await first.ExecuteNonQueryAsync());
        }

        // The new activation writes seq 1 too, and waits on the zombie's row.
        await using var survivor = new NpgsqlConnection(api.ConnectionString);
        await survivor.OpenAsync();
        await using var second = new NpgsqlCommand(Insert, survivor);
        Parameters(second, tenant, campaign, "survivor");
        var blocked = second.ExecuteNonQueryAsync();
        await UntilWaitingForALockAsync();
        Assert.False(blocked.IsCompleted);

        var dataSource = api.Services.GetRequiredService<NpgsqlDataSource>();
        Assert.Equal(1, await DeadSiloSessions.EndSessionsAsync(dataSource, [zombieName]));
        Assert.Equal(1, await blocked.WaitAsync(TimeSpan.FromSeconds(30))); // the zombie's row rolled back: the survivor's is in
        await Assert.ThrowsAnyAsync<Exception>(() => new NpgsqlCommand("select 1", zombie).ExecuteScalarAsync());
        Assert.Equal("survivor", await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select member_id from civic_contributions where tenant = @t and campaign_id = @c", ("t", tenant), ("c", campaign)));
    }

    [Fact]
    public async Task A_silos_sessions_carry_its_name()
    {
        await api.NewTenantAsync(); // some work, so that the silo has sessions open
        var names = await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from pg_stat_activity where application_name like 'civic-silo %' and datname = current_database()");
        Assert.True(names > 0, "no session of the fixture's silo carries its name");
    }

    private static void Parameters(NpgsqlCommand command, string tenant, string campaign, string member)
    {
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("c", campaign);
        command.Parameters.AddWithValue("id", GrainKeys.NewId(IdPrefixes.Contribution));
        command.Parameters.AddWithValue("m", member);
        command.Parameters.AddWithValue("k", "key-" + member);
    }

    private async Task UntilWaitingForALockAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
                   "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into civic_contributions%'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the second insert never waited for the first");
            await Task.Delay(20); // polls the condition, never waits a fixed time for it
        }
    }
}
