using Civic.Api.Hosting;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Civic.Tests.Faults;

/// <summary>
/// A hot write stranded on a killed silo answers OUTCOME_UNKNOWN when the silo is declared dead, not at its response
/// timeout (and a tenant lookup, which records nothing, UNAVAILABLE): the membership table's trigger (migration 0057) notifies the API nodes, whose <see cref="SiloDeathWatch"/>
/// ends the writes waiting on the cluster. The silo rows here are the test's own clusters on the test database (the
/// fixture's silos are not disturbed); the watch is the API's own class on a real LISTEN connection.
/// </summary>
[Collection("api")]
public sealed class SiloDeathNotices(ApiFixture api)
{
    [Fact]
    public async Task A_write_waiting_on_the_cluster_answers_outcome_unknown_when_a_silo_of_its_cluster_is_declared_dead()
    {
        var cluster = await SiloAsync("deaths");
        var stranger = await SiloAsync("elsewhere");
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        var watch = new SiloDeathWatch(dataSource, Options.Create(new ClusterOptions { ClusterId = cluster }), TimeProvider.System, NullLogger<SiloDeathWatch>.Instance);
        await watch.StartAsync(CancellationToken.None);
        try
        {
            await watch.Listening.WaitAsync(TimeSpan.FromSeconds(10));
            var stranded = new TaskCompletionSource<PledgeReceipt>(); // a call no silo will ever answer
            var waiting = watch.GuardAsync(stranded.Task);
            var lookup = watch.GuardReadAsync(new TaskCompletionSource<string>().Task); // a tenant lookup stranded the same way

            // Neither a silo of another cluster dying nor ours merely stopping ends the wait (counted below) ...
            await ExecuteAsync($"update orleans_membership set status = 6 where deploymentid = '{stranger}'");
            await ExecuteAsync($"update orleans_membership set status = 4 where deploymentid = '{cluster}'");
            // ... its death does, as soon as it is declared.
            await ExecuteAsync($"update orleans_membership set status = 6 where deploymentid = '{cluster}'");

            var error = await Assert.ThrowsAsync<CivicException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(ErrorCodes.OutcomeUnknown, error.Code);
            Assert.Equal(ErrorCodes.Unavailable, (await Assert.ThrowsAsync<CivicException>(() => lookup.WaitAsync(TimeSpan.FromSeconds(10)))).Code); // it recorded nothing
            Assert.Equal(1, watch.Deaths); // the notices came in commit order: the stranger's was seen and ignored before

            // The writes after the death wait on the next one and get their own answers.
            var answer = new TaskCompletionSource<int>();
            var next = watch.GuardAsync(answer.Task);
            answer.SetResult(7);
            Assert.Equal(7, await next);
        }
        finally
        {
            await watch.StopAsync(CancellationToken.None);
        }
    }

    private async Task<string> SiloAsync(string prefix)
    {
        var cluster = prefix + "-" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"insert into orleans_membership_version (deploymentid) values ('{cluster}')");
        await ExecuteAsync($"""
            insert into orleans_membership (deploymentid, address, port, generation, siloname, hostname, status, starttime, iamalivetime)
            values ('{cluster}', '127.0.0.9', 11111, 42, 'doomed', 'doomed', 3, now(), now())
            """);
        return cluster;
    }

    private Task ExecuteAsync(string sql) => PostgresServerFixture.ScalarAsync<object?>(api.ConnectionString, sql);
}
