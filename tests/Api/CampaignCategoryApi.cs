using Civic.Grains.Interfaces;

namespace Civic.Tests.Api;

/// <summary>Tenant-defined campaign categories through GraphQL: declared by admins, listed, taken by campaigns of that tenant only.</summary>
[Collection("api")]
public sealed class CampaignCategoryApi(ApiFixture api)
{
    private const string Define = """
        mutation($code: String!, $label: String!) { defineCampaignCategory(code: $code, label: $label) { category customCategory label } }
        """;

    private const string Categories = "{ campaignCategories { category customCategory label } }";

    private const string Create = """
        mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id category customCategory } }
        """;

    private const string Drafts = "{ campaigns(first: 50) { totalCount } }";

    private static object NewCampaign(string category, string? customCategory) => new
    {
        input = new
        {
            title = "Club de foot",
            goal = new { amount = 100_000, currency = "EUR" },
            endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"),
            category,
            customCategory,
        },
    };

    private static List<string> Customs(System.Text.Json.Nodes.JsonNode list) =>
        [.. list.AsArray().Where(c => c!["category"]!.GetValue<string>() == "TENANT_DEFINED").Select(c => $"{c!["customCategory"]}={c["label"]}")];

    [Fact]
    public async Task An_admin_declares_categories_that_campaigns_of_the_tenant_then_take()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        using var anonymous = api.Client(tenant, token: null);

        var builtIn = (await anonymous.OkAsync(Categories))["campaignCategories"]!.AsArray();
        Assert.Equal(["CULTURAL", "EDUCATIONAL", "SOCIAL", "SOLIDARITY", "ECOLOGICAL_TRANSITION"],
            builtIn.Select(c => c!["category"]!.GetValue<string>()));
        Assert.Equal("Transition écologique", builtIn[4]!["label"]!.GetValue<string>());

        Assert.Equal("VALIDATION", (await alice.SendAsync(Create, NewCampaign("TENANT_DEFINED", "sport"))).FirstCode);

        await admin.OkAsync(Define, new { code = "sport", label = "Sport" });
        var declared = (await admin.OkAsync(Define, new { code = "jeunesse", label = " Jeunesse " }))["defineCampaignCategory"]!;
        Assert.Equal(["sport=Sport", "jeunesse=Jeunesse"], Customs(declared));

        // Declaring again relabels; the same label again changes nothing.
        await admin.OkAsync(Define, new { code = "sport", label = "Sport et loisirs" });
        await admin.OkAsync(Define, new { code = "sport", label = "Sport et loisirs" });
        var listed = (await anonymous.OkAsync(Categories))["campaignCategories"]!;
        Assert.Equal(7, listed.AsArray().Count);
        Assert.Equal(["sport=Sport et loisirs", "jeunesse=Jeunesse"], Customs(listed));

        var created = (await alice.OkAsync(Create, NewCampaign("TENANT_DEFINED", "sport")))["createCampaign"]!;
        Assert.Equal("TENANT_DEFINED", created["category"]!.GetValue<string>());
        Assert.Equal("sport", created["customCategory"]!.GetValue<string>());

        // Durable: the tenant grain reloaded from storage still has them.
        await api.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(["sport=Sport et loisirs", "jeunesse=Jeunesse"], Customs((await anonymous.OkAsync(Categories))["campaignCategories"]!));
    }

    [Fact]
    public async Task Refusals_have_stable_codes_and_change_nothing()
    {
        var tenant = await api.NewTenantAsync();
        var other = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var otherAdmin = api.Admin(other);
        using var alice = api.Member(tenant, "alice");
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        using var anonymous = api.Client(tenant, token: null);
        await admin.OkAsync(Define, new { code = "sport", label = "Sport" });
        await otherAdmin.OkAsync(Define, new { code = "chess", label = "Échecs" });

        Assert.Equal("UNAUTHENTICATED", (await anonymous.SendAsync(Define, new { code = "music", label = "Musique" })).FirstCode);
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(Define, new { code = "music", label = "Musique" })).FirstCode);
        Assert.Equal("FORBIDDEN", (await moderator.SendAsync(Define, new { code = "music", label = "Musique" })).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(Define, new { code = "Music!", label = "Musique" })).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(Define, new { code = "cultural", label = "Culture" })).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(Define, new { code = "sport", label = "" })).FirstCode);

        // Another tenant's category, an undeclared one, or a custom name on a built-in one: no campaign is created.
        Assert.Equal("VALIDATION", (await alice.SendAsync(Create, NewCampaign("TENANT_DEFINED", "chess"))).FirstCode);
        Assert.Equal("VALIDATION", (await alice.SendAsync(Create, NewCampaign("TENANT_DEFINED", null))).FirstCode);
        Assert.Equal("VALIDATION", (await alice.SendAsync(Create, NewCampaign("SOCIAL", "sport"))).FirstCode);

        Assert.Equal(["sport=Sport"], Customs((await anonymous.OkAsync(Categories))["campaignCategories"]!));
        Assert.Equal(0, (await admin.OkAsync(Drafts))["campaigns"]!["totalCount"]!.GetValue<int>());
    }
}
