using Xunit;

namespace Civic.Tests.Infrastructure;

/// <summary>The Orleans ADO.NET providers on our PostgreSQL schema, through a real two-silo cluster.</summary>
public sealed class OrleansOnPostgres(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const int Active = 3;

    [Fact]
    public async Task Two_silos_are_active_in_the_membership_table()
    {
        var active = await PostgresServerFixture.ScalarAsync<long>(
            fixture.ConnectionString,
            "SELECT count(*) FROM orleans_membership WHERE deploymentid = @cluster AND status = @active",
            ("cluster", fixture.ClusterId), ("active", Active));

        Assert.Equal(2L, active);
        Assert.Equal(2, fixture.Cluster.GetActiveSilos().Count());
    }

    [Fact]
    public async Task Grain_state_survives_a_cluster_restart()
    {
        var key = "counter-" + Guid.NewGuid().ToString("N");
        Assert.Equal(1, await fixture.Client.GetGrain<ICounterTestGrain>(key).IncrementAsync());
        Assert.Equal(2, await fixture.Client.GetGrain<ICounterTestGrain>(key).IncrementAsync());

        await fixture.RestartClusterAsync();

        var grain = fixture.Client.GetGrain<ICounterTestGrain>(key);
        Assert.Equal(2, await grain.GetAsync());
        Assert.Equal(3, await grain.IncrementAsync());
        Assert.Equal(3, await PostgresServerFixture.ScalarAsync<int>(
            fixture.ConnectionString,
            "SELECT version FROM orleans_storage WHERE serviceid = @service AND grainidextensionstring LIKE '%' || @key",
            ("service", fixture.ServiceId), ("key", key)));
    }

    [Fact]
    public async Task A_registered_reminder_is_stored()
    {
        var key = "reminded-" + Guid.NewGuid().ToString("N");

        await fixture.Client.GetGrain<ICounterTestGrain>(key).RegisterTickAsync(TimeSpan.FromMinutes(5));

        var period = await PostgresServerFixture.ScalarAsync<long>(
            fixture.ConnectionString,
            "SELECT period FROM orleans_reminders WHERE serviceid = @service AND remindername = 'tick' AND grainid LIKE '%' || @key",
            ("service", fixture.ServiceId), ("key", key));
        Assert.Equal((long)TimeSpan.FromMinutes(5).TotalMilliseconds, period);
    }
}
