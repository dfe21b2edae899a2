using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using Orleans;

namespace Civic.Tests.Api;

/// <summary>Matchfunding calls with their own pools, idempotent top-ups, and matches retried until the pool answers.</summary>
[Collection("api")]
public sealed class MatchfundingCallsApi(ApiFixture api)
{
    private const string CreateCall = """
        mutation($input: CreateMatchCallInput!) {
          createMatchCall(input: $input) {
            id name currency openedAt
            settings { ratioNumerator ratioDenominator capPerContribution capPerProject capPerProjectGoalBasisPoints matchesPerBackerPerProject }
            pool { available { amount currency } spent { amount } exhausted }
          }
        }
        """;

    private const string FundCall = """
        mutation($id: ID!, $amount: Long!, $currency: String!, $key: String!) {
          fundMatchCall(id: $id, amount: $amount, currency: $currency, idempotencyKey: $key) { available { amount currency } spent { amount } exhausted replayed }
        }
        """;

    private const string FundPool = """
        mutation($amount: Long!, $key: String!) {
          fundMatchPool(amount: $amount, currency: "EUR", idempotencyKey: $key) { available { amount } spent { amount } replayed }
        }
        """;

    private const string Calls = "{ matchCalls { id name settings { ratioDenominator } pool { available { amount } spent { amount } } } }";

    private const string Call = "query($id: ID!) { matchCall(id: $id) { id name pool { available { amount } spent { amount } } } }";

    private const string Create = """
        mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id matchCall { id name } matched { amount } } }
        """;

    private const string Pledge = """
        mutation($input: PledgeInput!) { pledge(input: $input) { contribution { id } replayed matched { amount currency } } }
        """;

    private const string Campaign = "query($id: ID!) { campaign(id: $id) { raised { amount } matched { amount } matchCall { id name } } }";

    private const string Pool = "{ matchPool { available { amount } spent { amount } } }";

    private static object CampaignInput(long goal, string? matchCallId = null, bool matchfunding = false, string currency = "EUR") => new
    {
        input = new
        {
            title = "Fresque du quartier",
            goal = new { amount = goal, currency },
            endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"),
            matchfunding,
            matchCallId,
        },
    };

    private static async Task<string> LiveCampaignAsync(GraphQLClient admin, object input)
    {
        var id = (await admin.OkAsync(Create, input))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return id;
    }

    private static async Task<long?> PledgeAsync(GraphQLClient backer, string id, long amount, string key)
    {
        var matched = (await backer.OkAsync(Pledge, new { input = new { campaignId = id, amount, idempotencyKey = key } }))["pledge"]!["matched"];
        return matched?["amount"]!.GetValue<long>();
    }

    private static long Cents(JsonNode node, string field) => node[field]!["amount"]!.GetValue<long>();

    [Fact]
    public async Task A_call_has_its_own_pool_and_rules_apart_from_the_default_pool()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");

        var input = new
        {
            input = new
            {
                name = "Culture 2027",
                currency = "EUR",
                settings = new { ratioNumerator = 1, ratioDenominator = 2, capPerProjectGoalBasisPoints = 1_000, matchesPerBackerPerProject = 2 },
            },
        };
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(CreateCall, input)).FirstCode);
        var call = (await admin.OkAsync(CreateCall, input))["createMatchCall"]!;
        var callId = call["id"]!.GetValue<string>();
        Assert.StartsWith(IdPrefixes.MatchCall + "_", callId);
        Assert.Equal("Culture 2027", call["name"]!.GetValue<string>());
        Assert.Equal(2, call["settings"]!["ratioDenominator"]!.GetValue<long>());
        Assert.Null(call["settings"]!["capPerProject"]?.GetValue<long>());          // a share of the goal alone
        Assert.Equal(0, Cents(call["pool"]!, "available"));
        var other = (await admin.OkAsync(CreateCall, new { input = new { name = "Sport 2027", currency = "EUR" } }))["createMatchCall"]!;

        var listed = (await alice.OkAsync(Calls))["matchCalls"]!.AsArray();
        Assert.Equal(
            new[] { other["id"]!.GetValue<string>(), callId },
            listed.Select(c => c!["id"]!.GetValue<string>()).ToArray());          // newest first

        Assert.Equal(40_000, Cents((await admin.OkAsync(FundCall, new { id = callId, amount = 40_000, currency = "EUR", key = "c1" }))["fundMatchCall"]!, "available"));
        Assert.Equal("CURRENCY_MISMATCH", (await admin.SendAsync(FundCall, new { id = callId, amount = 1_000, currency = "USD", key = "c2" })).FirstCode);
        Assert.Equal("NOT_FOUND", (await admin.SendAsync(FundCall, new { id = "mc_0000000000000000", amount = 1_000, currency = "EUR", key = "c3" })).FirstCode);

        Assert.Equal("NOT_FOUND", (await admin.SendAsync(Create, CampaignInput(100_000, "mc_0000000000000000"))).FirstCode);
        Assert.Equal("NOT_FOUND", (await admin.SendAsync(Create, CampaignInput(100_000, "not-a-call"))).FirstCode);
        Assert.Equal("CURRENCY_MISMATCH", (await admin.SendAsync(Create, CampaignInput(100_000, callId, currency: "CHF"))).FirstCode);

        var id = await LiveCampaignAsync(admin, CampaignInput(100_000, callId));
        Assert.Equal(2_000, await PledgeAsync(alice, id, 4_000, "a1"));    // 1:2
        Assert.Equal(1_500, await PledgeAsync(alice, id, 3_000, "a2"));    // a second matched contribution per backer
        Assert.Equal(0, await PledgeAsync(alice, id, 3_000, "a3"));        // not a third
        Assert.Equal(6_500, await PledgeAsync(bob, id, 20_000, "b1"));     // partial: the project cap is 10 % of 100,000
        Assert.Equal(0, await PledgeAsync(bob, id, 2_000, "b2"));          // project cap reached

        var campaign = (await alice.OkAsync(Campaign, new { id }))["campaign"]!;
        Assert.Equal(32_000, Cents(campaign, "raised"));
        Assert.Equal(10_000, Cents(campaign, "matched"));
        Assert.Equal(callId, campaign["matchCall"]!["id"]!.GetValue<string>());
        Assert.Equal("Culture 2027", campaign["matchCall"]!["name"]!.GetValue<string>());

        var pool = (await alice.OkAsync(Call, new { id = callId }))["matchCall"]!["pool"]!;
        Assert.Equal(30_000, Cents(pool, "available"));
        Assert.Equal(10_000, Cents(pool, "spent"));
        Assert.Null((await alice.OkAsync(Pool))["matchPool"]);              // the default pool is untouched
        Assert.Equal(10_000L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_matches where tenant = @t and call_id = @c", ("t", tenant), ("c", callId)));

        // The tenant-wide pool still works beside the calls, for campaigns that opt in without a call.
        await admin.OkAsync(FundPool, new { amount = 5_000, key = "p1" });
        var plain = await LiveCampaignAsync(admin, CampaignInput(100_000, matchfunding: true));
        Assert.Equal(3_000, await PledgeAsync(alice, plain, 3_000, "a4"));
        Assert.Null((await alice.OkAsync(Campaign, new { id = plain }))["campaign"]!["matchCall"]);
        Assert.Equal(2_000, Cents((await alice.OkAsync(Pool))["matchPool"]!, "available"));
        Assert.Equal(30_000, Cents((await alice.OkAsync(Call, new { id = callId }))["matchCall"]!["pool"]!, "available"));
    }

    [Fact]
    public async Task The_same_top_up_key_twice_adds_once_and_answers_the_first_top_up()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var callId = (await admin.OkAsync(CreateCall, new { input = new { name = "Solidarité", currency = "EUR" } }))["createMatchCall"]!["id"]!.GetValue<string>();

        var first = (await admin.OkAsync(FundCall, new { id = callId, amount = 25_000, currency = "EUR", key = "top-1" }))["fundMatchCall"]!;
        Assert.False(first["replayed"]!.GetValue<bool>());
        var again = (await admin.OkAsync(FundCall, new { id = callId, amount = 25_000, currency = "EUR", key = "top-1" }))["fundMatchCall"]!;
        Assert.True(again["replayed"]!.GetValue<bool>());
        Assert.Equal(25_000, Cents(again, "available"));

        // Durable: after every idle grain is deactivated, the key still answers the first top-up.
        await api.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var afterRestart = (await admin.OkAsync(FundCall, new { id = callId, amount = 25_000, currency = "EUR", key = "top-1" }))["fundMatchCall"]!;
        Assert.True(afterRestart["replayed"]!.GetValue<bool>());
        Assert.Equal(25_000, Cents(afterRestart, "available"));

        Assert.Equal("IDEMPOTENCY_KEY_REUSED", (await admin.SendAsync(FundCall, new { id = callId, amount = 30_000, currency = "EUR", key = "top-1" })).FirstCode);
        Assert.Equal(35_000, Cents((await admin.OkAsync(FundCall, new { id = callId, amount = 10_000, currency = "EUR", key = "top-2" }))["fundMatchCall"]!, "available"));

        var pool = (await admin.OkAsync(Call, new { id = callId }))["matchCall"]!["pool"]!;
        Assert.Equal(35_000, Cents(pool, "available"));
        Assert.Equal(0, Cents(pool, "spent"));

        // The default pool keys its top-ups the same way.
        Assert.False((await admin.OkAsync(FundPool, new { amount = 7_000, key = "top-1" }))["fundMatchPool"]!["replayed"]!.GetValue<bool>());
        Assert.True((await admin.OkAsync(FundPool, new { amount = 7_000, key = "top-1" }))["fundMatchPool"]!["replayed"]!.GetValue<bool>());
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", (await admin.SendAsync(FundPool, new { amount = 7_001, key = "top-1" })).FirstCode);
        Assert.Equal(7_000, Cents((await admin.OkAsync(Pool))["matchPool"]!, "available"));
    }

    [Fact]
    public async Task A_match_whose_first_attempt_failed_is_recorded_exactly_once()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        await admin.OkAsync(FundPool, new { amount = 10_000, key = "p1" });
        var id = await LiveCampaignAsync(admin, CampaignInput(100_000, matchfunding: true));

        // A real failure: the database refuses this tenant's match rows until the trigger is dropped.
        await ExecuteAsync($"""
            create function fail_matches_{tenant}() returns trigger language plpgsql as $$
            begin
                if new.tenant = '{tenant}' then raise exception 'matches refused for the test'; end if;
                return new;
            end $$;
            create trigger fail_matches_{tenant} before insert on civic_matches
                for each row execute function fail_matches_{tenant}();
            """);
        Assert.Null(await PledgeAsync(alice, id, 2_000, "a1"));            // the pledge counts, its match is unknown
        Assert.Equal(0, Cents((await alice.OkAsync(Campaign, new { id }))["campaign"]!, "matched"));
        Assert.Equal(0L, await MatchRowsAsync(tenant));

        await ExecuteAsync($"drop trigger fail_matches_{tenant} on civic_matches; drop function fail_matches_{tenant}();");
        var campaign = await Civic.Tests.Grains.GrainTestData.EventuallyAsync(
            async () => (await alice.OkAsync(Campaign, new { id }))["campaign"]!,
            c => Cents(c, "matched") > 0,
            "the failed match to be retried");

        Assert.Equal(2_000, Cents(campaign, "matched"));
        Assert.Equal(2_000, Cents(campaign, "raised"));
        Assert.Equal(1L, await MatchRowsAsync(tenant));
        var pool = (await alice.OkAsync(Pool))["matchPool"]!;
        Assert.Equal(8_000, Cents(pool, "available"));
        Assert.Equal(2_000, Cents(pool, "spent"));

        // The retried match counted as the backer's one matched contribution, and a replay adds nothing.
        Assert.True((await alice.OkAsync(Pledge, new { input = new { campaignId = id, amount = 2_000, idempotencyKey = "a1" } }))["pledge"]!["replayed"]!.GetValue<bool>());
        Assert.Equal(0, await PledgeAsync(alice, id, 1_000, "a2"));
        Assert.Equal(1L, await MatchRowsAsync(tenant));
        Assert.Equal(2_000, Cents((await alice.OkAsync(Campaign, new { id }))["campaign"]!, "matched"));
    }

    private Task<long> MatchRowsAsync(string tenant) => PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
        "select count(*) from civic_matches where tenant = @t", ("t", tenant));

    private Task ExecuteAsync(string sql) => PostgresServerFixture.ScalarAsync<object?>(api.ConnectionString, sql);
}
