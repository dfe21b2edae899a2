using System.Collections.Concurrent;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Concurrency;

[Collection("api")]
public sealed class ConcurrentBallots(ApiFixture api)
{
    [Fact]
    public async Task Five_hundred_members_sending_two_to_five_ballots_each_count_once()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        // Live tallies: the per-option counts are read while the vote is open.
        var id = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote(liveTallies: true)))["createVote"]!["id"]!.GetValue<string>();

        var random = new Random(42);
        string[] options = ["p1", "p2", "p3", "p4", "p5"];
        var accepted = new ConcurrentDictionary<int, string[]>();
        var refused = 0;
        var members = Enumerable.Range(0, 500).Select(i => (Index: i, Client: api.Member(tenant, $"voter-{i}"))).ToArray();
        var attempts = members.SelectMany(m => Enumerable.Range(0, random.Next(2, 6)).Select(_ =>
                (m.Index, m.Client, Choices: options.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray())))
            .ToArray();

        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(attempts.Select(async a =>
        {
            await gate.WaitAsync();
            try
            {
                var result = await a.Client.SendAsync(Documents.CastBallot, new { input = new { voteId = id, choices = a.Choices } });
                if (result.Errors is null)
                {
                    Assert.True(accepted.TryAdd(a.Index, a.Choices), $"Voter {a.Index} had two ballots accepted.");
                }
                else
                {
                    Assert.Equal("ALREADY_VOTED", result.FirstCode);
                    Interlocked.Increment(ref refused);
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.Equal(500, accepted.Count);
        Assert.Equal(attempts.Length - 500, refused);

        var vote = (await admin.OkAsync(Documents.Vote, new { id }))["vote"]!;
        Assert.Equal(500, vote["ballots"]!.GetValue<int>());
        foreach (var option in vote["options"]!.AsArray())
        {
            var optionId = option!["id"]!.GetValue<string>();
            var expected = accepted.Values.Count(c => c.Contains(optionId));
            Assert.Equal(expected, option["votes"]!.GetValue<int>());
            Assert.Equal((long)expected, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
                "select count(*) from civic_ballots where vote_id = @id and @option = any(choices)", ("id", id), ("option", optionId)));
        }

        Assert.Equal(500L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_ballots where vote_id = @id", ("id", id)));
        foreach (var m in members)
        {
            m.Client.Dispose();
        }
    }
}
