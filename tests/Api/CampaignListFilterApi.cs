using System.Text.Json.Nodes;

namespace Civic.Tests.Api;

/// <summary>
/// The campaigns list filtered by status, financing mode and category (the site's campaigns page), paged by the
/// API's cursors; an ordinal vote says whether it ranks exactly maxChoices projects.
/// </summary>
[Collection("api")]
public sealed class CampaignListFilterApi(ApiFixture api)
{
    private const string Create = """
        mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }
        """;

    private const string List = """
        query($first: Int, $after: String, $status: CampaignStatus, $mode: FinancingMode, $category: CampaignCategory, $customCategory: String) {
          campaigns(first: $first, after: $after, status: $status, mode: $mode, category: $category, customCategory: $customCategory) {
            totalCount pageInfo { hasNextPage endCursor } items { id title mode category customCategory status }
          }
        }
        """;

    private const string Define = "mutation($code: String!, $label: String!) { defineCampaignCategory(code: $code, label: $label) { customCategory } }";

    private object Campaign(string title, string mode, string? category, string? customCategory = null) => new
    {
        input = new
        {
            title,
            mode,
            goal = new { amount = 100_000, currency = "EUR" },
            endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"),
            category,
            customCategory,
            loanTerms = mode == "LOAN"
                ? new { annualRateBasisPoints = 200, termMonths = 12, firstRepaymentOn = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd") }
                : null,
            equityOffer = mode == "EQUITY"
                ? new { sharePrice = 1_000, minRaise = 100_000, maxRaise = 200_000, sharesOffered = 200, kiis = "kiis/coop.pdf" }
                : null,
        },
    };

    private static string[] Titles(JsonNode page) => [.. page["items"]!.AsArray().Select(c => c!["title"]!.GetValue<string>())];

    [Fact]
    public async Task The_list_keeps_the_campaigns_of_a_status_a_mode_and_a_category_and_pages_through_them()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var anonymous = api.Client(tenant, token: null);
        await admin.OkAsync(Define, new { code = "sport", label = "Sport" });
        var created = new Dictionary<string, string>();
        foreach (var (title, mode, category, custom, publish) in new (string, string, string?, string?, bool)[]
        {
            ("Bibliothèque", "DONATION", "CULTURAL", null, true),
            ("Théâtre", "DONATION", "CULTURAL", null, true),
            ("Panneaux solaires", "LOAN", "ECOLOGICAL_TRANSITION", null, true),
            ("Coopérative", "EQUITY", "SOCIAL", null, true),
            ("Stade", "DONATION", "TENANT_DEFINED", "sport", true),
            ("Brouillon culturel", "DONATION", "CULTURAL", null, false),
        })
        {
            var id = (await admin.OkAsync(Create, Campaign(title, mode, category, custom)))["createCampaign"]!["id"]!.GetValue<string>();
            created[title] = id;
            if (publish)
            {
                await admin.OkAsync(Documents.PublishCampaign, new { id });
            }
        }

        var cultural = (await anonymous.OkAsync(List, new { category = "CULTURAL" }))["campaigns"]!;
        Assert.Equal(["Théâtre", "Bibliothèque"], Titles(cultural)); // newest first; the public never sees the draft
        Assert.Equal(2, cultural["totalCount"]!.GetValue<int>());
        Assert.Equal(3, (await admin.OkAsync(List, new { category = "CULTURAL" }))["campaigns"]!["items"]!.AsArray().Count);

        Assert.Equal(["Panneaux solaires"], Titles((await anonymous.OkAsync(List, new { mode = "LOAN" }))["campaigns"]!));
        Assert.Equal(["Coopérative"], Titles((await anonymous.OkAsync(List, new { mode = "EQUITY", status = "LIVE" }))["campaigns"]!));
        Assert.Empty(Titles((await anonymous.OkAsync(List, new { mode = "EQUITY", status = "SUCCEEDED" }))["campaigns"]!));
        Assert.Equal(["Stade"], Titles((await anonymous.OkAsync(List, new { category = "TENANT_DEFINED", customCategory = "sport" }))["campaigns"]!));
        Assert.Empty(Titles((await anonymous.OkAsync(List, new { category = "TENANT_DEFINED", customCategory = "jeunesse" }))["campaigns"]!));

        // Paging a filtered list: the cursor of a page leads to the next page of the same filter, nothing twice.
        var first = (await anonymous.OkAsync(List, new { first = 2, mode = "DONATION" }))["campaigns"]!;
        Assert.Equal(["Stade", "Théâtre"], Titles(first));
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var second = (await anonymous.OkAsync(List, new { first = 2, after = first["pageInfo"]!["endCursor"]!.GetValue<string>(), mode = "DONATION" }))["campaigns"]!;
        Assert.Equal(["Bibliothèque"], Titles(second));
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        // A cursor from another filter's page still places the next page (the catalog finds it among all campaigns).
        var afterLoan = (await anonymous.OkAsync(List, new { after = (await anonymous.OkAsync(List, new { mode = "LOAN" }))["campaigns"]!["pageInfo"]!["endCursor"]!.GetValue<string>(), mode = "DONATION" }))["campaigns"]!;
        Assert.Equal(["Théâtre", "Bibliothèque"], Titles(afterLoan));
    }

    [Fact]
    public async Task A_custom_category_without_tenant_defined_or_too_long_is_refused_with_validation()
    {
        var tenant = await api.NewTenantAsync();
        using var anonymous = api.Client(tenant, token: null);
        Assert.Equal("VALIDATION", (await anonymous.SendAsync(List, new { customCategory = "sport" })).FirstCode);
        Assert.Equal("VALIDATION", (await anonymous.SendAsync(List, new { category = "CULTURAL", customCategory = "sport" })).FirstCode);
        Assert.Equal("VALIDATION", (await anonymous.SendAsync(List, new { category = "TENANT_DEFINED", customCategory = new string('a', 41) })).FirstCode);
        Assert.NotNull((await anonymous.SendAsync(List, new { status = "NOT_A_STATUS" })).Errors);
    }

    [Fact]
    public async Task An_ordinal_vote_says_whether_its_ballots_rank_exactly_max_choices()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var anonymous = api.Client(tenant, token: null);
        const string CreateOrdinal = "mutation($input: CreateVoteInput!) { createVote(input: $input) { id exactRanks } }";
        const string Read = "query($id: ID!) { vote(id: $id) { exactRanks maxChoices } }";
        foreach (var exact in new[] { true, false })
        {
            var input = new
            {
                title = "Classement",
                ballotType = "ORDINAL",
                maxChoices = 2,
                exactRanks = exact,
                options = new[] { new { title = "A", cost = 100L }, new { title = "B", cost = 100L }, new { title = "C", cost = 100L } },
                closesAt = DateTimeOffset.UtcNow.AddDays(7).ToString("O"),
            };
            var id = (await admin.OkAsync(CreateOrdinal, new { input }))["createVote"]!["id"]!.GetValue<string>();
            var vote = (await anonymous.OkAsync(Read, new { id }))["vote"]!;
            Assert.Equal(exact, vote["exactRanks"]!.GetValue<bool>());
            Assert.Equal(2, vote["maxChoices"]!.GetValue<int>());
        }
    }
}
