using System.Collections.Concurrent;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Concurrency;

[Collection("api")]
public sealed class ConcurrentPledges(ApiFixture api)
{
    [Fact]
    public async Task Two_thousand_pledges_from_two_hundred_members_add_up_to_the_ledger()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: 100_000_000)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });

        var members = Enumerable.Range(0, 200).Select(i => api.Member(tenant, $"member-{i}")).ToArray();
        var random = new Random(20261127);
        var pledges = Enumerable.Range(0, 2_000)
            .Select(i => (Member: members[i % members.Length], Amount: random.Next(100, 50_000), Key: $"k-{i}"))
            .ToArray();

        // Every pledge is sent once; a fifth of them are sent again with the same key, some concurrently
        // with the first attempt, as a client retrying after a timeout would.
        var acknowledged = new ConcurrentDictionary<string, (string ContributionId, long Amount)>();
        using var gate = new SemaphoreSlim(64);
        var sends = pledges.SelectMany((p, i) => i % 5 == 0 ? new[] { p, p } : new[] { p })
            .OrderBy(_ => random.Next())
            .Select(async p =>
            {
                await gate.WaitAsync();
                try
                {
                    var result = await p.Member.SendAsync(Documents.Pledge,
                        new { input = new { campaignId = id, amount = p.Amount, idempotencyKey = p.Key } });
                    Assert.True(result.Errors is null, result.Body);
                    var contribution = result.Data!["pledge"]!["contribution"]!["id"]!.GetValue<string>();
                    var first = acknowledged.GetOrAdd(p.Key, (contribution, p.Amount));
                    Assert.Equal(first.ContributionId, contribution); // a retry gets the first contribution back
                }
                finally
                {
                    gate.Release();
                }
            });
        await Task.WhenAll(sends);

        var expected = pledges.Sum(p => (long)p.Amount);
        Assert.Equal(2_000, acknowledged.Count);
        Assert.Equal(expected, acknowledged.Values.Sum(v => v.Amount));

        var campaign = (await admin.OkAsync(Documents.Campaign, new { id }))["campaign"]!;
        Assert.Equal(expected, campaign["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(2_000, campaign["contributions"]!.GetValue<int>());
        Assert.Equal(200, campaign["backers"]!.GetValue<int>());
        Assert.Equal(expected, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select sum(amount)::bigint from civic_counted_contributions where campaign_id = @id", ("id", id)));
        Assert.Equal(2_000L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_contributions where campaign_id = @id", ("id", id)));

        foreach (var member in members)
        {
            member.Dispose();
        }
    }
}
