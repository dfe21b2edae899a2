using System.Collections.Concurrent;
using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using Npgsql;
using static Civic.Tests.Grains.GrainTestData;

namespace Civic.Tests.Faults;

/// <summary>Totals reload equal to the ledger after restarts and silo kills; no acknowledged pledge is lost.</summary>
public sealed class ClusterRecovery(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private async Task<(string Tenant, string Id, ICampaignGrain Grain)> LiveCampaignAsync()
    {
        var tenant = NewTenant();
        var id = GrainKeys.NewId(IdPrefixes.Campaign);
        var grain = fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, id));
        await grain.CreateAsync(new CreateCampaign("Jardin", "", FinancingMode.Donation, FundingRule.KeepItAll,
            new Money(1_000_000_000, "EUR"), DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddDays(1), 1, 1_000_000), Admin(tenant));
        await grain.PublishAsync(Admin(tenant));
        return (tenant, id, grain);
    }

    private async Task<(long Sum, long Count, HashSet<string> Ids)> LedgerAsync(string id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select contribution_id, amount from civic_contributions where campaign_id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>();
        long sum = 0;
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
            sum += reader.GetInt64(1);
        }

        return (sum, ids.Count, ids);
    }

    [Fact]
    public async Task Totals_reload_equal_to_the_ledger_after_a_full_cluster_restart()
    {
        var (tenant, id, grain) = await LiveCampaignAsync();
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            grain.PledgeAsync(new Pledge(Member(tenant, $"m{i % 25}"), 100 + i, $"k{i}"))));
        var before = await grain.GetAsync(null);

        await fixture.RestartClusterAsync();

        var after = await fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, id)).GetAsync(null);
        var ledger = await LedgerAsync(id);
        Assert.Equal(before!.Raised, after!.Raised);
        Assert.Equal(ledger.Sum, after.Raised.Amount);
        Assert.Equal(ledger.Count, after.Contributions);
        Assert.Equal(25, after.Backers);
    }

    [Fact]
    public async Task Killing_a_silo_during_a_pledge_load_loses_no_acknowledged_pledge()
    {
        var (tenant, id, _) = await LiveCampaignAsync();
        var acknowledged = new ConcurrentDictionary<string, long>();
        var failures = 0;
        using var stop = new CancellationTokenSource();
        var sent = 0;

        async Task LoadAsync(int worker)
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 2_000; i++)
            {
                var n = Interlocked.Increment(ref sent);
                try
                {
                    var receipt = await fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, id))
                        .PledgeAsync(new Pledge(Member(tenant, $"w{worker}"), 100 + n % 50, $"k{n}"));
                    acknowledged[receipt.ContributionId] = receipt.Amount.Amount;
                }
                catch (Exception)
                {
                    // A pledge in flight on the killed silo may fail: it was not acknowledged, so it may or
                    // may not be in the ledger; what matters is that every acknowledged one is.
                    Interlocked.Increment(ref failures);
                }
            }
        }

        var load = Enumerable.Range(0, 16).Select(w => Task.Run(() => LoadAsync(w))).ToArray();
        await EventuallyAsync(() => Task.FromResult(acknowledged.Count), c => c >= 200, "pledges to flow");

        var victim = fixture.Cluster.Silos.First(s => s != fixture.Cluster.Primary);
        await fixture.KillSiloAsync(victim);
        var atKill = acknowledged.Count;
        await EventuallyAsync(() => Task.FromResult(acknowledged.Count), c => c >= atKill + 200, "pledges to flow again after the kill", TimeSpan.FromSeconds(90));
        stop.Cancel();
        await Task.WhenAll(load);

        var ledger = await LedgerAsync(id);
        Assert.All(acknowledged.Keys, k => Assert.Contains(k, ledger.Ids));

        // The grain's totals equal the ledger, live and after a full restart.
        var live = await fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, id)).GetAsync(null);
        Assert.Equal(ledger.Sum, live!.Raised.Amount);
        await fixture.RestartClusterAsync();
        var reloaded = await fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, id)).GetAsync(null);
        Assert.Equal(ledger.Sum, reloaded!.Raised.Amount);
        Assert.Equal(ledger.Count, reloaded.Contributions);
    }
}
