using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>Loan campaigns through GraphQL: per-lender caps across pledges and under load, schedules on success.</summary>
[Collection("api-clock")]
public sealed class CampaignLoanApi(ClockedApiFixture api)
{
    private const string Create = """
        mutation($input: CreateCampaignInput!) {
          createCampaign(input: $input) { id mode loanTerms { annualRateBasisPoints termMonths firstRepaymentOn } }
        }
        """;

    private const string Pledge = "mutation($input: PledgeInput!) { pledge(input: $input) { contribution { id } replayed } }";

    private const string Schedule = """
        query($id: ID!) { myLoanSchedule(campaignId: $id) { number dueOn principal interest total remainingPrincipal } }
        """;

    private DateOnly FirstRepayment { get; } = DateOnly.FromDateTime(api.Now.UtcDateTime.AddDays(40));

    private async Task<(string Tenant, string Id)> LiveLoanAsync(int rateBp, DateTimeOffset? endsAt = null, string rule = "ALL_OR_NOTHING")
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var created = (await admin.OkAsync(Create, new
        {
            input = new
            {
                title = "Chaufferie bois",
                mode = "LOAN",
                rule,
                goal = new { amount = 100_000, currency = "EUR" },
                endsAt = (endsAt ?? api.Now.AddDays(10)).ToString("O"),
                loanTerms = new { annualRateBasisPoints = rateBp, termMonths = 12, firstRepaymentOn = FirstRepayment.ToString("yyyy-MM-dd") },
            },
        }))["createCampaign"]!;
        Assert.Equal("LOAN", created["mode"]!.GetValue<string>());
        Assert.Equal(rateBp, created["loanTerms"]!["annualRateBasisPoints"]!.GetValue<int>());
        var id = created["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return (tenant, id);
    }

    private static object P(string id, int amount, string key) => new { input = new { campaignId = id, amount, idempotencyKey = key } };

    [Fact]
    public async Task A_loan_campaign_needs_its_terms()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var missing = await admin.SendAsync(Create, new
        {
            input = new { title = "Sans termes", mode = "LOAN", goal = new { amount = 100_000, currency = "EUR" }, endsAt = api.Now.AddDays(3).ToString("O") },
        });
        Assert.Equal("VALIDATION", missing.FirstCode);
    }

    [Fact]
    public async Task The_interest_bearing_cap_is_2000_EUR_across_a_lenders_pledges()
    {
        var (tenant, id) = await LiveLoanAsync(rateBp: 300);
        using var alice = api.Member(tenant, "alice");
        await alice.OkAsync(Pledge, P(id, 150_000, "a1"));
        Assert.Equal("LENDER_CAP_EXCEEDED", (await alice.SendAsync(Pledge, P(id, 60_000, "a2"))).FirstCode);
        await alice.OkAsync(Pledge, P(id, 50_000, "a3"));
        Assert.Equal("LENDER_CAP_EXCEEDED", (await alice.SendAsync(Pledge, P(id, 100, "a4"))).FirstCode);
        var replay = (await alice.OkAsync(Pledge, P(id, 50_000, "a3")))["pledge"]!;
        Assert.True(replay["replayed"]!.GetValue<bool>());

        using var bob = api.Member(tenant, "bob");
        await bob.OkAsync(Pledge, P(id, 200_000, "b1"));
    }

    [Fact]
    public async Task The_interest_free_cap_is_5000_EUR()
    {
        var (tenant, id) = await LiveLoanAsync(rateBp: 0);
        using var alice = api.Member(tenant, "alice");
        await alice.OkAsync(Pledge, P(id, 400_000, "a1"));
        await alice.OkAsync(Pledge, P(id, 100_000, "a2"));
        Assert.Equal("LENDER_CAP_EXCEEDED", (await alice.SendAsync(Pledge, P(id, 100, "a3"))).FirstCode);
    }

    [Fact]
    public async Task Forty_concurrent_pledges_of_100_EUR_by_one_lender_make_exactly_2000_EUR()
    {
        var (tenant, id) = await LiveLoanAsync(rateBp: 250);
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var alice = api.Member(tenant, "alice");
            return await alice.SendAsync(Pledge, P(id, 10_000, $"k{i}"));
        }));

        Assert.Equal(20, results.Count(r => r.FirstCode is null));
        Assert.Equal(20, results.Count(r => r.FirstCode == "LENDER_CAP_EXCEEDED"));
        Assert.Equal(200_000L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select sum(amount)::bigint from civic_counted_contributions where campaign_id = @id", ("id", id)));
    }

    [Fact]
    public async Task Each_lender_sees_their_schedule_exact_to_the_cent_once_the_campaign_succeeds()
    {
        var endsAt = api.Now.AddMinutes(10);
        var (tenant, id) = await LiveLoanAsync(rateBp: 300, endsAt, rule: "KEEP_IT_ALL");
        using var alice = api.Member(tenant, "alice");
        await alice.OkAsync(Pledge, P(id, 100_000, "a1"));
        await alice.OkAsync(Pledge, P(id, 33_333, "a2"));
        Assert.Null((await alice.OkAsync(Schedule, new { id }))["myLoanSchedule"]);

        var lines = (await api.EventuallyAfterAsync(endsAt,
            async () => (await alice.OkAsync(Schedule, new { id }))["myLoanSchedule"]?.AsArray(),
            schedule => schedule is not null, "the lender's schedule once the campaign succeeds"))!;
        var expected = LoanSchedule.Compute(133_333, new LoanTerms(300, 12, FirstRepayment));
        Assert.Equal(expected.Length, lines.Count);
        for (var k = 0; k < expected.Length; k++)
        {
            var e = expected[k];
            var line = lines[k]!;
            Assert.Equal(e.Number, line["number"]!.GetValue<int>());
            Assert.Equal(e.DueOn.ToString("yyyy-MM-dd"), line["dueOn"]!.GetValue<string>());
            Assert.Equal(e.Principal, line["principal"]!.GetValue<long>());
            Assert.Equal(e.Interest, line["interest"]!.GetValue<long>());
            Assert.Equal(e.Total, line["total"]!.GetValue<long>());
            Assert.Equal(e.RemainingPrincipal, line["remainingPrincipal"]!.GetValue<long>());
        }

        Assert.Equal(133_333L, lines.Sum(l => l!["principal"]!.GetValue<long>()));
        Assert.Equal(0L, lines[^1]!["remainingPrincipal"]!.GetValue<long>());

        using var bob = api.Member(tenant, "bob");
        Assert.Null((await bob.OkAsync(Schedule, new { id }))["myLoanSchedule"]);
    }

    private const string Repay = """
        mutation($c: ID!, $l: ID!, $a: Long!, $d: DateOnly!, $k: String!) {
          recordLoanRepayment(campaignId: $c, lenderId: $l, amount: $a, paidOn: $d, idempotencyKey: $k) {
            paid outstanding totalOwed instalments { paid status }
          }
        }
        """;

    private const string Position = "query($id: ID!) { myLoanPosition(campaignId: $id) { paid outstanding nextDueOn instalments { paid status } } }";

    [Fact]
    public async Task Repayments_are_recorded_once_and_shown_to_the_lender()
    {
        var endsAt = api.Now.AddMinutes(10);
        var (tenant, id) = await LiveLoanAsync(rateBp: 0, endsAt, rule: "KEEP_IT_ALL");
        using var alice = api.Member(tenant, "alice");
        await alice.OkAsync(Pledge, P(id, 120_000, "a1"));
        using var admin = api.Admin(tenant);
        var paidOn = api.Now.UtcDateTime.ToString("yyyy-MM-dd");
        var early = await admin.SendAsync(Repay, new { c = id, l = "alice", a = 15_000, d = paidOn, k = "r1" });
        Assert.Equal("NOT_FOUND", early.FirstCode); // no schedule before the campaign succeeds

        await api.EventuallyAfterAsync(endsAt,
            async () => (await alice.OkAsync(Schedule, new { id }))["myLoanSchedule"],
            schedule => schedule is not null, "the lender's schedule once the campaign succeeds");

        Assert.Equal("FORBIDDEN", (await alice.SendAsync(Repay, new { c = id, l = "alice", a = 15_000, d = paidOn, k = "r1" })).FirstCode);
        var first = (await admin.OkAsync(Repay, new { c = id, l = "alice", a = 15_000, d = paidOn, k = "r1" }))["recordLoanRepayment"]!;
        Assert.Equal(15_000L, first["paid"]!.GetValue<long>());
        Assert.Equal(105_000L, first["outstanding"]!.GetValue<long>());
        Assert.Equal("PAID", first["instalments"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(5_000L, first["instalments"]![1]!["paid"]!.GetValue<long>());
        Assert.Equal("PARTLY_PAID", first["instalments"]![1]!["status"]!.GetValue<string>());

        var again = (await admin.OkAsync(Repay, new { c = id, l = "alice", a = 15_000, d = paidOn, k = "r1" }))["recordLoanRepayment"]!;
        Assert.Equal(15_000L, again["paid"]!.GetValue<long>());
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", (await admin.SendAsync(Repay, new { c = id, l = "alice", a = 1_000, d = paidOn, k = "r1" })).FirstCode);
        Assert.Equal("AMOUNT_TOO_HIGH", (await admin.SendAsync(Repay, new { c = id, l = "alice", a = 105_001, d = paidOn, k = "r2" })).FirstCode);

        var position = (await alice.OkAsync(Position, new { id }))["myLoanPosition"]!;
        Assert.Equal(15_000L, position["paid"]!.GetValue<long>());
        Assert.Equal(105_000L, position["outstanding"]!.GetValue<long>());
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_loan_repayments where campaign_id = @id", ("id", id)));
    }
}
