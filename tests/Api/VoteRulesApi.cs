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
}
