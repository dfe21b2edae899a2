using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api.Live;

/// <summary>voteUpdated over a real WebSocket: the participation moves live, the results come with the close, no tally while open.</summary>
[Collection("live")]
public sealed class LiveVotes(LiveApiFixture api)
{
    private const string VoteUpdated =
        "subscription Live($id: ID!) { voteUpdated(id: $id) { id status ballots districts { name ballots } results { selected { id votes } allocated } } }";

    private async Task<(string Tenant, string VoteId)> OpenVoteAsync(object? input = null)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var vote = (await admin.OkAsync(Documents.CreateVote, input ?? Documents.NewVote()))["createVote"]!;
        return (tenant, vote["id"]!.GetValue<string>());
    }

    private static JsonNode Figures(JsonNode? message)
    {
        Assert.Equal("next", message!["type"]!.GetValue<string>());
        return message["payload"]!["data"]!["voteUpdated"]!;
    }

    private async Task CastAsync(string tenant, string id, string user, string[] choices, string? district = null)
    {
        using var member = api.Member(tenant, user, district);
        await member.OkAsync(Documents.CastBallot, new { input = new { voteId = id, choices } });
    }

    [Fact]
    public async Task A_subscriber_gets_the_ballots_so_far_first_a_burst_as_few_messages_then_the_results_at_the_close()
    {
        var (tenant, id) = await OpenVoteAsync();
        await CastAsync(tenant, id, "first", ["p1"]);
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "watcher", Role.Member));

        await live.SubscribeAsync("v", VoteUpdated, new { id });
        var first = Figures(await live.ReceiveAsync());
        Assert.Equal(id, first["id"]!.GetValue<string>());
        Assert.Equal("OPEN", first["status"]!.GetValue<string>());
        Assert.Equal(1, first["ballots"]!.GetValue<int>());
        Assert.Null(first["results"]);

        const int ballots = 60;
        await Parallel.ForEachAsync(Enumerable.Range(0, ballots), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await CastAsync(tenant, id, "voter-" + i, i % 3 == 0 ? ["p2"] : ["p1"]));

        var messages = 0;
        JsonNode figures;
        do
        {
            figures = Figures(await live.ReceiveAsync());
            Assert.Equal("OPEN", figures["status"]!.GetValue<string>());
            Assert.Null(figures["results"]);
            messages++;
        }
        while (figures["ballots"]!.GetValue<int>() != ballots + 1);

        Assert.True(messages < ballots / 4, $"{messages} messages for {ballots} ballots: not coalesced");

        using var admin = api.Admin(tenant);
        await admin.OkAsync(Documents.CloseVote, new { id });
        var closed = Figures(await live.ReceiveAsync());
        Assert.Equal("CLOSED", closed["status"]!.GetValue<string>());
        Assert.Equal(ballots + 1, closed["ballots"]!.GetValue<int>());

        // p1 (600k, 41 ballots) then p2 (300k, 20 ballots) fit the 1,000,000 budget: the results name their counts now.
        var selected = closed["results"]!["selected"]!.AsArray().Select(s => (s!["id"]!.GetValue<string>(), s["votes"]!.GetValue<int>())).ToList();
        Assert.Equal([("p1", 41), ("p2", 20)], selected);
        Assert.Equal(900_000, closed["results"]!["allocated"]!.GetValue<long>());
    }

    [Fact]
    public async Task No_option_count_can_be_asked_of_an_open_vote_over_the_socket()
    {
        using var http = api.Client(null, null);
        var fields = (await http.OkAsync("{ __type(name: \"VoteLive\") { fields { name } } }"))["__type"]!["fields"]!.AsArray()
            .Select(f => f!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["ballots", "districts", "id", "liveTallies", "results", "status", "tallies"], fields);

        var (tenant, id) = await OpenVoteAsync();
        await CastAsync(tenant, id, "alice", ["p1"]);
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "watcher", Role.Admin));
        await live.SubscribeAsync("o", "subscription Live($id: ID!) { voteUpdated(id: $id) { options { id votes } } }", new { id });
        var refused = await live.ReceiveAsync();
        Assert.Equal("error", refused!["type"]!.GetValue<string>());

        // The vote does not show live tallies (the default): asking for them is refused, even through a fragment and an alias.
        await live.SubscribeAsync("t", "subscription Live($id: ID!) { voteUpdated(id: $id) { ...F } } fragment F on VoteLive { counts: tallies { id votes } }", new { id });
        var forbidden = await live.ReceiveAsync();
        Assert.Equal("error", forbidden!["type"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", forbidden["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());

        await live.SubscribeAsync("r", VoteUpdated, new { id });
        var figures = Figures(await live.ReceiveAsync());
        Assert.Equal(1, figures["ballots"]!.GetValue<int>());
        Assert.Null(figures["results"]);
    }

    [Fact]
    public async Task Ballots_move_per_district()
    {
        var (tenant, id) = await OpenVoteAsync(new
        {
            input = new
            {
                title = "Budget des quartiers",
                ballotType = "APPROVAL",
                options = new[]
                {
                    new { title = "Parc", cost = 100_000L, district = "Nord" },
                    new { title = "Piste", cost = 100_000L, district = "Sud" },
                },
                districts = new[] { new { name = "Nord", budget = 500_000L }, new { name = "Sud", budget = 500_000L } },
                closesAt = DateTimeOffset.UtcNow.AddDays(7).ToString("O"),
            },
        });
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "watcher", Role.Member));
        await live.SubscribeAsync("d", VoteUpdated, new { id });
        var first = Figures(await live.ReceiveAsync());
        Assert.Equal([("Nord", 0), ("Sud", 0)], Districts(first));

        await CastAsync(tenant, id, "n1", ["p1"], "Nord");
        await CastAsync(tenant, id, "n2", ["p1"], "Nord");
        await CastAsync(tenant, id, "s1", ["p2"], "Sud");
        JsonNode figures;
        do
        {
            figures = Figures(await live.ReceiveAsync());
        }
        while (figures["ballots"]!.GetValue<int>() != 3);

        Assert.Equal([("Nord", 2), ("Sud", 1)], Districts(figures));
    }

    [Fact]
    public async Task A_vote_is_subscribed_to_where_vote_id_shows_it_and_nowhere_else()
    {
        var (tenant, id) = await OpenVoteAsync();
        var other = await api.NewTenantAsync();

        // vote(id) answers null on another tenant's host and for an id that was never created: so does the subscription.
        using (var elsewhere = api.Member(other))
        {
            Assert.Null((await elsewhere.OkAsync(Documents.Vote, new { id }))["vote"]);
        }

        await using var stranger = await LiveSocket.InitAsync(api.BaseAddress, other, api.Tokens.Issue(other, "alice", Role.Member));
        await stranger.SubscribeAsync("x", VoteUpdated, new { id });
        var refused = await stranger.ReceiveAsync();
        Assert.Equal("error", refused!["type"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());

        await using var member = await LiveSocket.InitAsync(api.BaseAddress, tenant, api.Tokens.Issue(tenant, "alice", Role.Member));
        await member.SubscribeAsync("m", VoteUpdated, new { id = GrainKeys.NewId(IdPrefixes.Vote) });
        Assert.Equal("error", (await member.ReceiveAsync())!["type"]!.GetValue<string>());

        // A vote is public within its tenant: the query shows it to anyone on its host, and so does the subscription.
        await using var anonymous = await LiveSocket.InitAsync(api.BaseAddress, tenant, token: null);
        await anonymous.SubscribeAsync("a", VoteUpdated, new { id });
        Assert.Equal("OPEN", Figures(await anonymous.ReceiveAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_vote_with_live_tallies_pushes_its_per_option_counts_while_open()
    {
        var input = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Documents.NewVote()))!;
        input["input"]!["liveTallies"] = true;
        var (tenant, id) = await OpenVoteAsync(input);
        using (var http = api.Member(tenant, "reader"))
        {
            Assert.True((await http.OkAsync("query($id: ID!) { vote(id: $id) { liveTallies } }", new { id }))["vote"]!["liveTallies"]!.GetValue<bool>());
        }

        await CastAsync(tenant, id, "first", ["p1"]);
        await using var live = await LiveSocket.InitAsync(api.BaseAddress, tenant, token: null);
        await live.SubscribeAsync("t", "subscription Live($id: ID!) { voteUpdated(id: $id) { ballots liveTallies tallies { id votes } } }", new { id });
        var first = Figures(await live.ReceiveAsync());
        Assert.True(first["liveTallies"]!.GetValue<bool>());
        Assert.Equal([("p1", 1), ("p2", 0)], Tallies(first).Take(2).ToList());

        await CastAsync(tenant, id, "second", ["p2"]);
        await CastAsync(tenant, id, "third", ["p2"]);
        JsonNode figures;
        do
        {
            figures = Figures(await live.ReceiveAsync());
        }
        while (figures["ballots"]!.GetValue<int>() != 3);

        Assert.Equal([("p1", 1), ("p2", 2)], Tallies(figures).Take(2).ToList());
    }

    private static List<(string, int)> Tallies(JsonNode figures) =>
        [.. figures["tallies"]!.AsArray().Select(o => (o!["id"]!.GetValue<string>(), o["votes"]!.GetValue<int>()))];

    private static List<(string, int)> Districts(JsonNode figures) =>
        [.. figures["districts"]!.AsArray().Select(d => (d!["name"]!.GetValue<string>(), d["ballots"]!.GetValue<int>()))];
}
