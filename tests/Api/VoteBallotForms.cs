using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>Every ballot form and the district rules, through the API.</summary>
[Collection("api")]
public sealed class VoteBallotForms(ApiFixture api)
{
    private static object Options(params (string Title, long Cost, string? District)[] options) =>
        options.Select(o => new { title = o.Title, cost = o.Cost, district = o.District }).ToArray();

    private async Task<(string Tenant, string Id)> CreateAsync(object input)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var vote = (await admin.OkAsync(Documents.CreateVote, new { input }))["createVote"]!;
        return (tenant, vote["id"]!.GetValue<string>());
    }

    private static object Cast(string voteId, string[] choices, int[]? points = null, string? district = null) =>
        new { input = new { voteId, choices, points, district } };

    private async Task<Dictionary<string, long>> ScoresAfterCloseAsync(string tenant, string id)
    {
        using var admin = api.Admin(tenant);
        var closed = (await admin.OkAsync(Documents.CloseVote, new { id }))["closeVote"]!;
        return closed["results"]!["selected"]!.AsArray().Count >= 0
            ? (await admin.OkAsync("query($id: ID!) { vote(id: $id) { options { id score } } }", new { id }))["vote"]!["options"]!.AsArray()
                .ToDictionary(o => o!["id"]!.GetValue<string>(), o => o!["score"]!.GetValue<long>())
            : [];
    }

    [Fact]
    public async Task Cumulative_ballots_spread_points_within_limits()
    {
        var (tenant, id) = await CreateAsync(new
        {
            title = "Cumulative", ballotType = "CUMULATIVE", minChoices = 1, maxChoices = 3, maxPointsPerProject = 3, maxTotalPoints = 5,
            options = Options(("A", 100, null), ("B", 100, null), ("C", 100, null)),
            budget = new { amount = 200, currency = "EUR" }, closesAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        });
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        Assert.Equal("BALLOT_TOO_MANY_POINTS", (await alice.SendAsync(Documents.CastBallot, Cast(id, ["p1"], [4]))).FirstCode);
        Assert.Equal("BALLOT_TOO_MANY_POINTS", (await alice.SendAsync(Documents.CastBallot, Cast(id, ["p1", "p2"], [3, 3]))).FirstCode);
        Assert.Equal("VALIDATION", (await alice.SendAsync(Documents.CastBallot, Cast(id, ["p1", "p2"], [3]))).FirstCode);
        await alice.OkAsync(Documents.CastBallot, Cast(id, ["p1", "p2"], [3, 2]));
        await bob.OkAsync(Documents.CastBallot, Cast(id, ["p2", "p3"], [2, 3]));

        var scores = await ScoresAfterCloseAsync(tenant, id);
        Assert.Equal(new Dictionary<string, long> { ["p1"] = 3, ["p2"] = 4, ["p3"] = 3 }, scores);
    }

    [Fact]
    public async Task Ordinal_ballots_rank_exactly_k_and_score_by_rank()
    {
        var (tenant, id) = await CreateAsync(new
        {
            title = "Ordinal", ballotType = "ORDINAL", maxChoices = 2,
            options = Options(("A", 100, null), ("B", 100, null), ("C", 100, null)),
            closesAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        });
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        Assert.Equal("BALLOT_TOO_FEW", (await alice.SendAsync(Documents.CastBallot, Cast(id, ["p1"]))).FirstCode);
        await alice.OkAsync(Documents.CastBallot, Cast(id, ["p3", "p1"]));
        await bob.OkAsync(Documents.CastBallot, Cast(id, ["p1", "p2"]));

        var scores = await ScoresAfterCloseAsync(tenant, id);
        Assert.Equal(new Dictionary<string, long> { ["p1"] = 3, ["p2"] = 1, ["p3"] = 2 }, scores);
    }

    [Fact]
    public async Task Knapsack_ballots_stay_within_the_budget_and_spend_the_minimum()
    {
        var (tenant, id) = await CreateAsync(new
        {
            title = "Knapsack", ballotType = "KNAPSACK", minimumSpendPercent = 70,
            options = Options(("A", 600, null), ("B", 500, null), ("C", 300, null), ("D", 100, null)),
            budget = new { amount = 1_000, currency = "EUR" }, closesAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        });
        using var alice = api.Member(tenant);
        Assert.Equal("BALLOT_OVER_BUDGET", (await alice.SendAsync(Documents.CastBallot, Cast(id, ["p1", "p2"]))).FirstCode);
        Assert.Equal("BALLOT_UNDER_MINIMUM", (await alice.SendAsync(Documents.CastBallot, Cast(id, ["p3", "p4"]))).FirstCode);
        await alice.OkAsync(Documents.CastBallot, Cast(id, ["p1", "p3", "p4"]));
    }

    [Fact]
    public async Task Majority_judgment_grades_every_option_and_ranks_by_median()
    {
        var (tenant, id) = await CreateAsync(new
        {
            title = "Jugement majoritaire", ballotType = "MAJORITY_JUDGMENT", gradeScale = 5,
            options = Options(("A", 100, null), ("B", 100, null)),
            budget = new { amount = 100, currency = "EUR" }, closesAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        });
        using var v1 = api.Member(tenant, "v1");
        using var v2 = api.Member(tenant, "v2");
        using var v3 = api.Member(tenant, "v3");
        Assert.Equal("BALLOT_TOO_FEW", (await v1.SendAsync(Documents.CastBallot, Cast(id, ["p1"], [4]))).FirstCode);
        Assert.Equal("BALLOT_INVALID_GRADE", (await v1.SendAsync(Documents.CastBallot, Cast(id, ["p1", "p2"], [5, 0]))).FirstCode);
        await v1.OkAsync(Documents.CastBallot, Cast(id, ["p1", "p2"], [4, 2]));
        await v2.OkAsync(Documents.CastBallot, Cast(id, ["p1", "p2"], [1, 3]));
        await v3.OkAsync(Documents.CastBallot, Cast(id, ["p1", "p2"], [2, 3]));

        using var admin = api.Admin(tenant);
        var closed = (await admin.OkAsync(Documents.CloseVote, new { id }))["closeVote"]!;
        // Medians: p1 {1,2,4} = 2, p2 {2,3,3} = 3: p2 is funded (budget fits one).
        Assert.Equal("p2", closed["results"]!["selected"]!.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Members_vote_in_their_district_and_at_most_one_more()
    {
        var (tenant, id) = await CreateAsync(new
        {
            title = "Budget des quartiers", ballotType = "APPROVAL", minChoices = 1, maxChoices = 2, allowSecondDistrict = true,
            districts = new[] { new { name = "nord", budget = 500L }, new { name = "sud", budget = 500L }, new { name = "est", budget = 500L } },
            options = Options(("A", 300, "nord"), ("B", 300, "nord"), ("C", 400, "sud"), ("D", 100, "sud"), ("E", 500, "est")),
            closesAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        });
        using var alice = api.Member(tenant, "alice", district: "nord");
        using var bob = api.Member(tenant, "bob", district: "sud");
        using var nowhere = api.Member(tenant, "carol");

        Assert.Equal("DISTRICT_REQUIRED", (await nowhere.SendAsync(Documents.CastBallot, Cast(id, ["p1"]))).FirstCode);
        Assert.Equal("BALLOT_UNKNOWN_PROJECT", (await alice.SendAsync(Documents.CastBallot, Cast(id, ["p3"]))).FirstCode);
        await alice.OkAsync(Documents.CastBallot, Cast(id, ["p1"]));                   // her own district
        await alice.OkAsync(Documents.CastBallot, Cast(id, ["p3", "p4"], district: "sud")); // one more
        Assert.Equal("SECOND_DISTRICT_USED", (await alice.SendAsync(Documents.CastBallot, Cast(id, ["p5"], district: "est"))).FirstCode);
        Assert.Equal("ALREADY_VOTED", (await alice.SendAsync(Documents.CastBallot, Cast(id, ["p2"]))).FirstCode);
        await bob.OkAsync(Documents.CastBallot, Cast(id, ["p3"]));

        using var admin = api.Admin(tenant);
        var closed = (await admin.OkAsync(
            "mutation($id: ID!) { closeVote(id: $id) { districts { name ballots } results { districts { district selected ballots allocated } } } }", new { id }))["closeVote"]!;
        var ballots = closed["districts"]!.AsArray().ToDictionary(d => d!["name"]!.GetValue<string>(), d => d!["ballots"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { ["nord"] = 1, ["sud"] = 2, ["est"] = 0 }, ballots);
        var sud = closed["results"]!["districts"]!.AsArray().Single(d => d!["district"]!.GetValue<string>() == "sud")!;
        Assert.Equal(new[] { "p3", "p4" }, sud["selected"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray());
        Assert.Equal(500, sud["allocated"]!.GetValue<long>());
    }

    [Fact]
    public async Task Without_a_second_district_members_vote_only_at_home()
    {
        var (tenant, id) = await CreateAsync(new
        {
            title = "Quartiers", ballotType = "CHOOSE_ONE", minChoices = 1, maxChoices = 1,
            districts = new[] { new { name = "nord", budget = 500L }, new { name = "sud", budget = 500L } },
            options = Options(("A", 300, "nord"), ("C", 400, "sud")),
            closesAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        });
        using var alice = api.Member(tenant, "alice", district: "nord");
        Assert.Equal("NOT_YOUR_DISTRICT", (await alice.SendAsync(Documents.CastBallot, Cast(id, ["p2"], district: "sud"))).FirstCode);
        await alice.OkAsync(Documents.CastBallot, Cast(id, ["p1"]));
    }

    [Fact]
    public async Task Paper_ballots_count_once_per_voter_reference()
    {
        var (tenant, id) = await CreateAsync(new
        {
            title = "Urnes", ballotType = "APPROVAL", minChoices = 1, maxChoices = 2,
            options = Options(("A", 100, null), ("B", 100, null)),
            closesAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        });
        using var admin = api.Admin(tenant);
        const string record = "mutation($input: RecordPaperBallotsInput!) { recordPaperBallots(input: $input) { accepted duplicates rejected ballots } }";
        var result = (await admin.OkAsync(record, new
        {
            input = new
            {
                voteId = id,
                ballots = new object[]
                {
                    new { voterRef = "urne-1/001", choices = new[] { "p1" } },
                    new { voterRef = "urne-1/002", choices = new[] { "p1", "p2" } },
                    new { voterRef = "urne-1/001", choices = new[] { "p2" } },
                    new { voterRef = "urne-1/003", choices = new[] { "p9" } },
                },
            },
        }))["recordPaperBallots"]!;
        Assert.Equal(2, result["accepted"]!.GetValue<int>());
        Assert.Equal(1, result["duplicates"]!.GetValue<int>());
        Assert.Equal("urne-1/003: BALLOT_UNKNOWN_PROJECT", result["rejected"]!.AsArray().Single()!.GetValue<string>());
        using var alice = api.Member(tenant);
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(record, new { input = new { voteId = id, ballots = Array.Empty<object>() } })).FirstCode);
        Assert.Equal(2L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_ballots where vote_id = @id", ("id", id)));
    }
}
