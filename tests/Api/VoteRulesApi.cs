using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>The Pabulib rules of issue 12 on votes created through GraphQL, and the import's warnings.</summary>
[Collection("api")]
public sealed class VoteRulesApi(ApiFixture api)
{
    private static object Cast(string voteId, params string[] choices) => new { input = new { voteId, choices } };

    private static object Input(string rule, long? minProjectScore, object[] options) => new
    {
        input = new
        {
            title = "Rules", ballotType = "APPROVAL", rule, minProjectScore, options,
            budget = new { amount = 100_000, currency = "EUR" }, closesAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        },
    };

    [Fact]
    public async Task Greedy_threshold_votes_fund_only_projects_reaching_the_threshold()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var options = new object[] { new { title = "A", cost = 40_000L }, new { title = "B", cost = 10_000L } };
        var vote = (await admin.OkAsync("mutation($input: CreateVoteInput!) { createVote(input: $input) { id rule minProjectScore importWarnings } }",
            Input("GREEDY_THRESHOLD", 2, options)))["createVote"]!;
        Assert.Equal("GREEDY_THRESHOLD", vote["rule"]!.GetValue<string>());
        Assert.Equal(2, vote["minProjectScore"]!.GetValue<long>());
        Assert.Empty(vote["importWarnings"]!.AsArray());
        var id = vote["id"]!.GetValue<string>();

        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        await alice.OkAsync(Documents.CastBallot, Cast(id, "p1", "p2"));
        await bob.OkAsync(Documents.CastBallot, Cast(id, "p1"));

        // A scores 2 (reaches 2), B 1: B fits the budget but is not funded.
        var closed = (await admin.OkAsync("mutation($id: ID!) { closeVote(id: $id) { results { rule selected { id } } } }", new { id }))["closeVote"]!;
        Assert.Equal("GREEDY_THRESHOLD", closed["results"]!["rule"]!.GetValue<string>());
        Assert.Equal(["p1"], closed["results"]!["selected"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task A_minimum_score_needs_the_threshold_rule_and_comparison_is_offered()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var options = new object[] { new { title = "A", cost = 40_000L } };
        const string Create = "mutation($input: CreateVoteInput!) { createVote(input: $input) { id rule } }";
        Assert.Equal("VALIDATION", (await admin.SendAsync(Create, Input("GREEDY", 2, options))).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(Create, Input("GREEDY_THRESHOLD", -1, options))).FirstCode);
        var vote = (await admin.OkAsync(Create, Input("EQUAL_SHARES_ADD_1_COMPARISON", null, options)))["createVote"]!;
        Assert.Equal("EQUAL_SHARES_ADD_1_COMPARISON", vote["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_names_the_keys_it_does_not_honour()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        const string Import = "mutation($input: ImportPabulibInput!) { importPabulib(input: $input) { rule importWarnings } }";
        const string File = "META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy-exclusive\nmax_sum_cost;50\nPROJECTS\nproject_id;cost\na;10\nVOTES\nvoter_id;vote\n1;a\n";
        var vote = (await admin.OkAsync(Import, new { input = new { content = File } }))["importPabulib"]!;
        Assert.Equal("GREEDY", vote["rule"]!.GetValue<string>());
        var warnings = vote["importWarnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Contains(warnings, w => w.Contains("greedy-exclusive", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("max_sum_cost 50", StringComparison.Ordinal));

        var refused = await admin.SendAsync(Import, new { input = new { content = File.Replace("greedy-exclusive", "phragmen") } });
        Assert.Equal("INVALID_FILE", refused.FirstCode);
    }

    private const string CreateFull = "mutation($input: CreateVoteInput!) { createVote(input: $input) { id rule minProjectScore exclusiveSets } }";

    /// <summary>
    /// One small vote counted by every rule a vote created through GraphQL can take (majority judgment has its own ballot
    /// form: VoteBallotForms). Budget 1,100 EUR; A 600, B 500, C 400, D 100; ballots {A} {A} {A,D} {B} {B,C} {C}: scores
    /// A 3, B 2, C 2, D 1. Greedy: A, then C (ties B on score, cheaper), B no longer fits, D does. No-skip stops at B.
    /// Threshold 3: A alone. Exclusive {A, C}: A, C excluded, B, D no longer fits. Equal shares (183.33 each): only D is
    /// affordable (A's 3 supporters hold 550). add1: from 200.33 each A and C are affordable and, from 300 each, D after
    /// them (A, C, D = 1,100); from 350 B too (over budget): A, C, D. Comparison: greedy funds the same set, kept.
    /// </summary>
    [Theory]
    [InlineData("GREEDY", null, false, "p1,p3,p4")]
    [InlineData("GREEDY_NO_SKIP", null, false, "p1,p3")]
    [InlineData("GREEDY_THRESHOLD", 3L, false, "p1")]
    [InlineData("GREEDY_EXCLUSIVE", null, true, "p1,p2")]
    [InlineData("EQUAL_SHARES", null, false, "p4")]
    [InlineData("EQUAL_SHARES_ADD_1", null, false, "p1,p3,p4")]
    [InlineData("EQUAL_SHARES_ADD_1_COMPARISON", null, false, "p1,p3,p4")]
    public async Task Every_rule_counts_a_vote_created_through_graphql(string rule, long? minProjectScore, bool exclusive, string expected)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var options = new object[]
        {
            new { title = "A", cost = 60_000L }, new { title = "B", cost = 50_000L }, new { title = "C", cost = 40_000L }, new { title = "D", cost = 10_000L },
        };
        var vote = (await admin.OkAsync(CreateFull, new
        {
            input = new
            {
                title = "Rules", ballotType = "APPROVAL", rule, minProjectScore, options,
                exclusiveSets = exclusive ? new[] { new[] { "p1", "p3" } } : null,
                budget = new { amount = 110_000, currency = "EUR" }, closesAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
            },
        }))["createVote"]!;
        Assert.Equal(rule, vote["rule"]!.GetValue<string>());
        Assert.Equal(minProjectScore ?? 0, vote["minProjectScore"]!.GetValue<long>());
        Assert.Equal(exclusive ? 1 : 0, vote["exclusiveSets"]!.AsArray().Count);
        var id = vote["id"]!.GetValue<string>();

        string[][] ballots = [["p1"], ["p1"], ["p1", "p4"], ["p2"], ["p2", "p3"], ["p3"]];
        for (var i = 0; i < ballots.Length; i++)
        {
            using var voter = api.Member(tenant, "v" + i);
            await voter.OkAsync(Documents.CastBallot, Cast(id, ballots[i]));
        }

        var closed = (await admin.OkAsync("mutation($id: ID!) { closeVote(id: $id) { results { rule selected { id } } } }", new { id }))["closeVote"]!;
        Assert.Equal(rule, closed["results"]!["rule"]!.GetValue<string>());
        Assert.Equal(expected, string.Join(",", closed["results"]!["selected"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Order()));
    }

    [Fact]
    public async Task Exclusive_sets_are_checked_and_only_for_the_exclusive_rule()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var options = new object[] { new { title = "A", cost = 40_000L }, new { title = "B", cost = 10_000L } };
        object Input(string rule, string[][] sets, DateTimeOffset? opensAt = null) => new
        {
            input = new
            {
                title = "Sets", ballotType = "APPROVAL", rule, options, exclusiveSets = sets, opensAt = opensAt?.ToString("O"),
                budget = new { amount = 100_000, currency = "EUR" }, closesAt = DateTimeOffset.UtcNow.AddDays(2).ToString("O"),
            },
        };
        Assert.Equal("VALIDATION", (await admin.SendAsync(CreateFull, Input("GREEDY", [["p1", "p2"]]))).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(CreateFull, Input("GREEDY_EXCLUSIVE", [["p1", "p3"]]))).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(CreateFull, Input("GREEDY_EXCLUSIVE", [["p1", "p1"]]))).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(CreateFull, Input("GREEDY_EXCLUSIVE", [["p2"]]))).FirstCode);

        const string Set = "mutation($id: ID!, $sets: [[ID!]!]!) { setVoteExclusiveSets(id: $id, exclusiveSets: $sets) { rule exclusiveSets } }";
        // A draft vote counted greedily takes sets and becomes greedy-exclusive; an open one does not.
        var draft = (await admin.OkAsync(CreateFull, Input("GREEDY", [], DateTimeOffset.UtcNow.AddDays(1))))["createVote"]!["id"]!.GetValue<string>();
        var set = (await admin.OkAsync(Set, new { id = draft, sets = new[] { new[] { "p2", "p1" } } }))["setVoteExclusiveSets"]!;
        Assert.Equal("GREEDY_EXCLUSIVE", set["rule"]!.GetValue<string>());
        Assert.Equal(["p2", "p1"], set["exclusiveSets"]!.AsArray().Single()!.AsArray().Select(p => p!.GetValue<string>()).ToArray());
        var open = (await admin.OkAsync(CreateFull, Input("GREEDY", [])))["createVote"]!["id"]!.GetValue<string>();
        Assert.Equal("VALIDATION", (await admin.SendAsync(Set, new { id = open, sets = new[] { new[] { "p1", "p2" } } })).FirstCode);
        using var member = api.Member(tenant, "m");
        Assert.Equal("FORBIDDEN", (await member.SendAsync(Set, new { id = draft, sets = new[] { new[] { "p1", "p2" } } })).FirstCode);
    }

    [Fact]
    public async Task An_imported_greedy_exclusive_vote_counts_its_sets_once_added()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        // a (3 votes) and b (2) are exclusive; both fit the budget. As greedy: a, b. With the set: a, then c.
        const string File = "META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy-exclusive\nPROJECTS\nproject_id;cost\na;40\nb;30\nc;50\n"
            + "VOTES\nvoter_id;vote\n1;a,b\n2;a,b\n3;a,c\n";
        var imported = (await admin.OkAsync("mutation($input: ImportPabulibInput!) { importPabulib(input: $input) { id rule importWarnings options { id externalId } } }",
            new { input = new { content = File } }))["importPabulib"]!;
        Assert.Equal("GREEDY", imported["rule"]!.GetValue<string>());
        Assert.Contains(imported["importWarnings"]!.AsArray(), w => w!.GetValue<string>().Contains("exclusion sets must be added", StringComparison.Ordinal));
        var id = imported["id"]!.GetValue<string>();
        var ids = imported["options"]!.AsArray().ToDictionary(o => o!["externalId"]!.GetValue<string>(), o => o!["id"]!.GetValue<string>());

        var set = (await admin.OkAsync("mutation($id: ID!, $sets: [[ID!]!]!) { setVoteExclusiveSets(id: $id, exclusiveSets: $sets) { rule } }",
            new { id, sets = new[] { new[] { ids["a"], ids["b"] } } }))["setVoteExclusiveSets"]!;
        Assert.Equal("GREEDY_EXCLUSIVE", set["rule"]!.GetValue<string>());

        var closed = (await admin.OkAsync("mutation($id: ID!) { closeVote(id: $id) { results { rule selected { id } } } }", new { id }))["closeVote"]!;
        Assert.Equal("GREEDY_EXCLUSIVE", closed["results"]!["rule"]!.GetValue<string>());
        Assert.Equal([ids["a"], ids["c"]], closed["results"]!["selected"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToArray());
        Assert.Equal("VOTE_CLOSED", (await admin.SendAsync("mutation($id: ID!, $sets: [[ID!]!]!) { setVoteExclusiveSets(id: $id, exclusiveSets: $sets) { rule } }",
            new { id, sets = new[] { new[] { ids["a"], ids["c"] } } })).FirstCode);
    }
}
