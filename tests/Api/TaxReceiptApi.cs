using System.Net;
using System.Text.Json.Nodes;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>Tax receipts (issue 4 item 5) and transparency figures (item 6) through the API.</summary>
[Collection("api-clock")]
public sealed class TaxReceiptApi(ClockedApiFixture api)
{
    private const string RequestReceipt = """
        mutation($contributionId: ID!, $donor: DonorInput!) {
          requestTaxReceipt(contributionId: $contributionId, donor: $donor) {
            number form contributionId amount { amount currency } amountInWords donatedOn taxReductionPercent
            beneficiary { id name siren } donor { name address companySiren }
          }
        }
        """;

    private const string Transparency = """
        { transparency { raisedByMode { mode amount { amount currency } } raisedByCategory { category custom amount { amount currency } }
          backers contributions campaignsByStatus { status count } matchfundingSpent { amount currency } } }
        """;

    private static readonly object Beneficiary =
        new { name = "Ville d'essai", address = "1 place de la Mairie, 31000 Toulouse", siren = "732829320", purpose = "Jardins partagés" };

    private string YearPrefix() =>
        TimeZoneInfo.ConvertTime(api.Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).Year.ToString("D4") + "-";

    private static object Donor(string name) => new { name, address = "2 rue des Lilas, 31000 Toulouse" };

    /// <summary>A live donation campaign owned by the admin (who registered as beneficiary) ending in ten minutes (of the fake clock).</summary>
    private async Task<(string Tenant, string CampaignId, DateTimeOffset EndsAt)> ShortCampaignAsync(long goal)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        await Documents.RegisterApprovedBeneficiaryAsync(admin, admin, Beneficiary);
        var endsAt = api.Now.AddMinutes(10);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal, endsAt: endsAt)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return (tenant, id, endsAt);
    }

    private static async Task<string> PledgeAsync(GraphQLClient member, string campaignId, long amount, string key) =>
        (await member.OkAsync(Documents.Pledge, new { input = new { campaignId, amount, idempotencyKey = key } }))["pledge"]!["contribution"]!["id"]!.GetValue<string>();

    private async Task StatusAfterEndAsync(string tenant, string id, DateTimeOffset endsAt, string status)
    {
        using var anonymous = api.Client(tenant, token: null);
        await api.EventuallyAfterAsync(endsAt,
            async () => (await anonymous.OkAsync(Documents.Campaign, new { id }))["campaign"]?["status"]?.GetValue<string>(),
            current => current == status, $"the campaign to be {status}");
    }

    [Fact]
    public async Task A_receipt_is_refused_before_success_issued_once_after_and_downloadable_by_its_donor_only()
    {
        var (tenant, id, endsAt) = await ShortCampaignAsync(goal: 1_000);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        using var admin = api.Admin(tenant);
        var contribution = await PledgeAsync(alice, id, 12_345, "a1");
        await PledgeAsync(bob, id, 500, "b1");

        var early = await alice.SendAsync(RequestReceipt, new { contributionId = contribution, donor = Donor("Alice <script>alert(1)</script> & Co") });
        Assert.Equal("RECEIPT_NOT_ALLOWED", early.FirstCode);

        await StatusAfterEndAsync(tenant, id, endsAt, "PAID_OUT");
        var receipt = (await alice.OkAsync(RequestReceipt, new { contributionId = contribution, donor = Donor("Alice <script>alert(1)</script> & Co") }))["requestTaxReceipt"]!;
        var number = receipt["number"]!.GetValue<string>();
        Assert.Equal(YearPrefix() + "000001", number);
        Assert.Equal("CERFA_11580", receipt["form"]!.GetValue<string>());
        Assert.Equal(12_345, receipt["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal("cent vingt-trois euros et quarante-cinq centimes", receipt["amountInWords"]!.GetValue<string>());
        Assert.Equal(66, receipt["taxReductionPercent"]!.GetValue<int>());
        Assert.Equal("admin", receipt["beneficiary"]!["id"]!.GetValue<string>());

        // Asking again returns the same receipt: same number, donor details as first issued.
        var again = (await alice.OkAsync(RequestReceipt, new { contributionId = contribution, donor = Donor("Someone else") }))["requestTaxReceipt"]!;
        Assert.Equal(number, again["number"]!.GetValue<string>());
        Assert.Equal("Alice <script>alert(1)</script> & Co", again["donor"]!["name"]!.GetValue<string>());
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_tax_receipts where tenant = @t", ("t", tenant)));

        // Another member cannot claim Alice's donation.
        Assert.Equal("NOT_FOUND", (await bob.SendAsync(RequestReceipt, new { contributionId = contribution, donor = Donor("Bob") })).FirstCode);

        // The printable receipt: the donor and the admins only; the donor's text is escaped.
        var page = await alice.Http.GetAsync($"/receipts/{number}.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Alice &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("SIREN 732829320", html);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"/receipts/{number}.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/receipts/{number}.html")).StatusCode);
        using var anonymous = api.Client(tenant, token: null);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.Http.GetAsync($"/receipts/{number}.html")).StatusCode);

        // The donor CSV: receipt holders by name, the others as pseudonymous member ids; owner and admins only.
        var donors = await admin.Http.GetAsync($"/exports/campaigns/{id}/donors.csv");
        Assert.Equal(HttpStatusCode.OK, donors.StatusCode);
        var lines = (await donors.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("receipt_number,donation_id,", lines[0]);
        Assert.StartsWith($"{number},{contribution},", lines[1]);
        Assert.Contains("Alice <script>alert(1)</script> & Co,", lines[1]);
        Assert.Contains("123.45,EUR", lines[1]);
        Assert.Contains(",member:bob,", lines[2]);
        Assert.Contains("5.00,EUR", lines[2]);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Http.GetAsync($"/exports/campaigns/{id}/donors.csv")).StatusCode);

        // The tenant's receipts list for admins.
        var all = await admin.Http.GetAsync("/exports/tax-receipts.csv");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Contains(number, await all.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Http.GetAsync("/exports/tax-receipts.csv")).StatusCode);
    }

    [Fact]
    public async Task Receipt_numbers_are_gap_free_under_concurrent_requests()
    {
        const int donors = 30;
        var (tenant, id, endsAt) = await ShortCampaignAsync(goal: 1_000);
        var members = Enumerable.Range(0, donors).Select(i => api.Member(tenant, $"donor{i}")).ToList();
        try
        {
            var contributions = await Task.WhenAll(members.Select((m, i) => PledgeAsync(m, id, 100 + i, $"k{i}")));
            await StatusAfterEndAsync(tenant, id, endsAt, "PAID_OUT");

            var receipts = await Task.WhenAll(members.Select((m, i) =>
                m.OkAsync(RequestReceipt, new { contributionId = contributions[i], donor = Donor($"Donor {i}") })));
            var numbers = receipts.Select(r => r["requestTaxReceipt"]!["number"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(Enumerable.Range(1, donors).Select(n => $"{YearPrefix()}{n:D6}"), numbers);
            // The admins' list pages through all of them.
            using var admin = api.Admin(tenant);
            const string list = "query($after: String) { taxReceipts(first: 20, after: $after) { edges { node { number } } pageInfo { hasNextPage endCursor } } }";
            var page1 = (await admin.OkAsync(list, new { after = (string?)null }))["taxReceipts"]!;
            Assert.True(page1["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            var page2 = (await admin.OkAsync(list, new { after = page1["pageInfo"]!["endCursor"]!.GetValue<string>() }))["taxReceipts"]!;
            Assert.False(page2["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            var listed = page1["edges"]!.AsArray().Concat(page2["edges"]!.AsArray()).Select(e => e!["node"]!["number"]!.GetValue<string>());
            Assert.Equal(numbers, listed.Order(StringComparer.Ordinal));
            Assert.Equal("FORBIDDEN", (await members[0].SendAsync(list, new { after = (string?)null })).FirstCode);

            Assert.Equal((long)donors, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
                "select count(distinct contribution_id) from civic_tax_receipts where tenant = @t", ("t", tenant)));
        }
        finally
        {
            members.ForEach(m => m.Dispose());
        }
    }

    [Fact]
    public async Task A_failed_campaign_gets_no_receipt()
    {
        var (tenant, id, endsAt) = await ShortCampaignAsync(goal: 1_000_000);
        using var alice = api.Member(tenant, "alice");
        var contribution = await PledgeAsync(alice, id, 1_000, "a1");
        await StatusAfterEndAsync(tenant, id, endsAt, "REFUNDED");
        Assert.Equal("RECEIPT_NOT_ALLOWED", (await alice.SendAsync(RequestReceipt, new { contributionId = contribution, donor = Donor("Alice") })).FirstCode);
    }

    [Fact]
    public async Task Transparency_figures_match_the_ledger_and_hold_no_personal_data()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: api.Now.AddDays(10))))["createCampaign"]!["id"]!.GetValue<string>();
            await admin.OkAsync(Documents.PublishCampaign, new { id });
            ids.Add(id);
        }

        await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: api.Now.AddDays(10))); // a draft: not public, not counted
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        await PledgeAsync(alice, ids[0], 1_000, "a1");
        await PledgeAsync(alice, ids[1], 2_000, "a2");
        await PledgeAsync(bob, ids[1], 550, "b1");

        using var anonymous = api.Client(tenant, token: null);
        var t = (await anonymous.OkAsync(Transparency))["transparency"]!;
        var ledger = await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_counted_contributions where tenant = @t", ("t", tenant));
        Assert.Equal(3_550L, ledger);
        var mode = Assert.Single(t["raisedByMode"]!.AsArray())!;
        Assert.Equal("DONATION", mode["mode"]!.GetValue<string>());
        Assert.Equal(ledger, mode["amount"]!["amount"]!.GetValue<long>());
        Assert.Equal(ledger, t["raisedByCategory"]!.AsArray().Sum(c => c!["amount"]!["amount"]!.GetValue<long>()));
        Assert.Equal(2, t["backers"]!.GetValue<int>());
        Assert.Equal(3, t["contributions"]!.GetValue<int>());
        var byStatus = Assert.Single(t["campaignsByStatus"]!.AsArray())!;
        Assert.Equal(("LIVE", 2), (byStatus["status"]!.GetValue<string>(), byStatus["count"]!.GetValue<int>()));
        Assert.Equal(0, t["matchfundingSpent"]!["amount"]!.GetValue<long>());

        var json = await anonymous.Http.GetAsync("/exports/transparency.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var body = await json.Content.ReadAsStringAsync();
        var open = JsonNode.Parse(body)!;
        Assert.Equal(ledger, open["raisedByMode"]![0]!["amount"]!.GetValue<long>());
        Assert.Equal(2, open["backers"]!.GetValue<int>());
        var csv = await (await anonymous.Http.GetAsync("/exports/transparency.csv")).Content.ReadAsStringAsync();
        Assert.Contains("raised_by_mode,DONATION,3550,EUR,", csv);
        Assert.Contains("backers,,,,2", csv);
        Assert.Contains("campaigns_by_status,LIVE,,,2", csv);
        foreach (var text in new[] { body, csv })
        {
            Assert.DoesNotContain("alice", text);
            Assert.DoesNotContain("bob", text);
        }
    }
}
