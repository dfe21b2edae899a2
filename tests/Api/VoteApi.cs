using System.Text.Json.Nodes;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

[Collection("api")]
public sealed class VoteApi(ApiFixture api)
{
    private const string OptionCounts = "query($id: ID!) { vote(id: $id) { status liveTallies options { id votes score } } }";

    private async Task<(string Tenant, string VoteId)> OpenVoteAsync(object? input = null)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var vote = (await admin.OkAsync(Documents.CreateVote, input ?? Documents.NewVote()))["createVote"]!;
        Assert.Equal("OPEN", vote["status"]!.GetValue<string>());
        return (tenant, vote["id"]!.GetValue<string>());
    }

    private static Dictionary<string, (int? Votes, long? Score)> Counts(JsonNode vote) =>
        vote["options"]!.AsArray().ToDictionary(o => o!["id"]!.GetValue<string>(), o => (o!["votes"]?.GetValue<int>(), o["score"]?.GetValue<long>()));

    private async Task CastAllAsync(string tenant, string id, string[][] ballots)
    {
        for (var i = 0; i < ballots.Length; i++)
        {
            using var member = api.Member(tenant, $"voter-{i}");
            await member.OkAsync(Documents.CastBallot, new { input = new { voteId = id, choices = ballots[i] } });
        }
    }

    [Fact]
    public async Task Participation_is_live_and_option_counts_come_at_the_close_with_the_results()
    {
        var (tenant, id) = await OpenVoteAsync();
        await CastAllAsync(tenant, id, [["p1", "p2"], ["p1"], ["p2", "p3", "p5"], ["p1", "p5"], ["p4"]]);

        using var alice = api.Member(tenant, "voter-0");
        var live = (await alice.OkAsync(Documents.Vote, new { id }))["vote"]!;
        Assert.Equal(5, live["ballots"]!.GetValue<int>());
        Assert.True(live["hasVoted"]!.GetValue<bool>());
        Assert.Null(live["results"]);

        // No option's count while open (liveTallies off), for anyone: as voteUpdated refuses its tallies.
        using var admin = api.Admin(tenant);
        using var anonymous = api.Client(tenant, null);
        foreach (var reader in new[] { alice, admin, anonymous })
        {
            var vote = (await reader.OkAsync(OptionCounts, new { id }))["vote"]!;
            Assert.Equal("OPEN", vote["status"]!.GetValue<string>());
            Assert.False(vote["liveTallies"]!.GetValue<bool>());
            Assert.All(Counts(vote).Values, c => Assert.Equal(((int?)null, (long?)null), c));
        }

        var closed = (await admin.OkAsync(Documents.CloseVote, new { id }))["closeVote"]!;
        Assert.Equal("CLOSED", closed["status"]!.GetValue<string>());
        var counted = new Dictionary<string, int?> { ["p1"] = 3, ["p2"] = 2, ["p3"] = 1, ["p4"] = 1, ["p5"] = 2 };
        Assert.Equal(counted, Counts(closed).ToDictionary(c => c.Key, c => c.Value.Votes));
        Assert.Equal(counted, Counts((await anonymous.OkAsync(OptionCounts, new { id }))["vote"]!).ToDictionary(c => c.Key, c => c.Value.Votes));

        // Budget 1,000,000: p1 (600k) then p2 (300k) by count; p5 (100k, 2 votes, cheaper than p2) comes first among
        // the 2-vote ties, then p2 no longer fits (600k+100k+300k = 1,000,000 fits exactly), then p3/p4 do not fit.
        var selected = closed["results"]!["selected"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["p1", "p5", "p2"], selected);
        Assert.Equal(1_000_000, closed["results"]!["allocated"]!.GetValue<long>());
        Assert.Equal(0, closed["results"]!["leftOver"]!.GetValue<long>());

        using var late = api.Member(tenant, "late");
        var refused = await late.SendAsync(Documents.CastBallot, new { input = new { voteId = id, choices = new[] { "p1" } } });
        Assert.Equal("VOTE_CLOSED", refused.FirstCode);
    }

    [Fact]
    public async Task A_vote_with_live_tallies_shows_its_option_counts_while_open()
    {
        var (tenant, id) = await OpenVoteAsync(Documents.NewVote(liveTallies: true));
        await CastAllAsync(tenant, id, [["p1", "p2"], ["p1"], ["p4"]]);

        using var anonymous = api.Client(tenant, null);
        var vote = (await anonymous.OkAsync(OptionCounts, new { id }))["vote"]!;
        Assert.Equal("OPEN", vote["status"]!.GetValue<string>());
        Assert.True(vote["liveTallies"]!.GetValue<bool>());
        Assert.Equal(
            new Dictionary<string, (int? Votes, long? Score)> { ["p1"] = (2, 2), ["p2"] = (1, 1), ["p3"] = (0, 0), ["p4"] = (1, 1), ["p5"] = (0, 0) },
            Counts(vote));
    }

    [Fact]
    public async Task A_second_ballot_is_refused()
    {
        var (tenant, id) = await OpenVoteAsync();
        using var alice = api.Member(tenant);
        await alice.OkAsync(Documents.CastBallot, new { input = new { voteId = id, choices = new[] { "p1" } } });
        var again = await alice.SendAsync(Documents.CastBallot, new { input = new { voteId = id, choices = new[] { "p2" } } });
        Assert.Equal("ALREADY_VOTED", again.FirstCode);
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_ballots where vote_id = @id", ("id", id)));
    }

    [Theory]
    [InlineData(new[] { "p1", "p2", "p3", "p4" }, "BALLOT_TOO_MANY")]
    [InlineData(new string[0], "BALLOT_TOO_FEW")]
    [InlineData(new[] { "p42" }, "BALLOT_UNKNOWN_PROJECT")]
    [InlineData(new[] { "p1", "p1" }, "BALLOT_DUPLICATE_CHOICE")]
    public async Task Invalid_ballots_are_refused_with_a_reason(string[] choices, string code)
    {
        var (tenant, id) = await OpenVoteAsync();
        using var alice = api.Member(tenant);
        var result = await alice.SendAsync(Documents.CastBallot, new { input = new { voteId = id, choices } });
        Assert.Equal(code, result.FirstCode);

        // Nothing was counted and the member can still vote.
        await alice.OkAsync(Documents.CastBallot, new { input = new { voteId = id, choices = new[] { "p1" } } });
    }

    [Fact]
    public async Task Choose_one_takes_exactly_one()
    {
        var (tenant, id) = await OpenVoteAsync(Documents.NewVote("CHOOSE_ONE", 1, 1));
        using var alice = api.Member(tenant);
        var two = await alice.SendAsync(Documents.CastBallot, new { input = new { voteId = id, choices = new[] { "p1", "p2" } } });
        Assert.Equal("BALLOT_TOO_MANY", two.FirstCode);
        await alice.OkAsync(Documents.CastBallot, new { input = new { voteId = id, choices = new[] { "p3" } } });
    }

    [Fact]
    public async Task Only_admins_create_and_close_votes()
    {
        var (tenant, id) = await OpenVoteAsync();
        using var alice = api.Member(tenant);
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(Documents.CreateVote, Documents.NewVote())).FirstCode);
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(Documents.CloseVote, new { id })).FirstCode);
    }

    [Fact]
    public async Task Votes_are_listed_for_the_tenant()
    {
        var (tenant, id) = await OpenVoteAsync();
        using var anonymous = api.Client(tenant, null);
        var data = await anonymous.OkAsync("{ votes(first: 10) { edges { node { id status } } } }");
        Assert.Contains(data["votes"]!["edges"]!.AsArray(), e => e!["node"]!["id"]!.GetValue<string>() == id);
    }
}
