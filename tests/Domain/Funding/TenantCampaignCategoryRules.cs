using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.Tenants;

namespace Civic.Tests.Domain.Funding;

/// <summary>A tenant's own campaign categories: who declares them, what a code may be, and campaigns that use them.</summary>
public class TenantCampaignCategoryRules
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("lyon", "ada", Role.Admin);
    private static readonly TenantCampaignCategory Sport = new("sport", "Sport");

    private static CreateCampaign Campaign(CampaignCategoryRef category) =>
        new("Stade", "", FinancingMode.Donation, FundingRule.AllOrNothing, new Money(10_000, "EUR"),
            Now, Now.AddDays(10), 100, 1_000, category);

    [Fact]
    public void An_admin_of_the_tenant_declares_a_category_with_its_label_trimmed()
    {
        Assert.Equal(new TenantCampaignCategory("sport", "Sport et loisirs"),
            TenantRules.ValidateCampaignCategory("lyon", new("sport", "  Sport et loisirs "), [], Admin));
        Assert.Equal(new TenantCampaignCategory("jeunesse-2026", "Jeunesse"),
            TenantRules.ValidateCampaignCategory("lyon", new("jeunesse-2026", "Jeunesse"), [], Admin));
    }

    [Theory]
    [InlineData("lyon", Role.Moderator)]
    [InlineData("lyon", Role.Member)]
    [InlineData("lyon", Role.Operator)]
    [InlineData("paris", Role.Admin)]
    public void Only_the_tenants_own_admins_declare_categories(string actorTenant, Role role)
    {
        var error = Assert.Throws<CivicException>(() =>
            TenantRules.ValidateCampaignCategory("lyon", Sport, [], new Actor(actorTenant, "someone", role)));
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
    }

    [Theory]
    [InlineData("Sport", "Sport")]
    [InlineData("s", "Sport")]
    [InlineData("1sport", "Sport")]
    [InlineData("sport et loisirs", "Sport")]
    [InlineData("cultural", "Culture bis")]
    [InlineData("ecological-transition", "Écologie")]
    [InlineData("tenant-defined", "Autre")]
    [InlineData("sport", "   ")]
    public void Refuses_malformed_or_built_in_codes_and_empty_labels(string code, string label)
    {
        var error = Assert.Throws<CivicException>(() => TenantRules.ValidateCampaignCategory("lyon", new(code, label), [], Admin));
        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Fact]
    public void A_tenant_declares_at_most_fifty_categories_but_may_relabel_them()
    {
        var fifty = Enumerable.Range(1, TenantRules.MaxCampaignCategories).Select(i => new TenantCampaignCategory($"c{i}", $"C {i}")).ToList();
        var error = Assert.Throws<CivicException>(() => TenantRules.ValidateCampaignCategory("lyon", Sport, fifty, Admin));
        Assert.Equal(ErrorCodes.LimitExceeded, error.Code);
        Assert.Equal("Renamed", TenantRules.ValidateCampaignCategory("lyon", new("c7", "Renamed"), fifty, Admin).Label);
    }

    [Fact]
    public void A_campaign_takes_a_category_its_tenant_declared_and_no_other()
    {
        var sport = Campaign(new CampaignCategoryRef(CampaignCategory.TenantDefined, "sport"));
        CampaignRules.ValidateCreate(sport, Admin, Now, ["jeunesse", "sport"]);
        CampaignRules.ValidateCreate(Campaign(new CampaignCategoryRef(CampaignCategory.Cultural)), Admin, Now, []);

        // Not declared by this tenant (another tenant's list never reaches these rules), or no list at all.
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => CampaignRules.ValidateCreate(sport, Admin, Now, ["jeunesse"])).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => CampaignRules.ValidateCreate(sport, Admin, Now)).Code);
    }
}
