using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.Tenants;
using Civic.Grains.Votes;

namespace Civic.Tests.Domain;

/// <summary>What the grains' rules fill in when a creation command leaves a setting out (null): the API only copies its input.</summary>
public class CreationDefaults
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Operator = new("platform", "op", Role.Operator);

    private static CreateTenant Tenant(Branding? branding = null, System.Collections.Immutable.ImmutableArray<TenantModule>? modules = null) =>
        new("Ville", "fr", branding, modules, []);

    private static CreateVote Vote(BallotType type = BallotType.Ordinal) =>
        new("Budget", type, null, null, [new VoteOptionInput("A", 100), new VoteOptionInput("B", 200)], null, null, Now.AddDays(7));

    [Fact]
    public void A_tenant_without_modules_gets_crowdfunding_and_votes()
    {
        var defaulted = TenantRules.WithDefaults(Tenant());
        Assert.Equal(new[] { TenantModule.Crowdfunding, TenantModule.Votes }, defaulted.Modules!.Value.ToArray());
        TenantRules.ValidateCreate("ville", defaulted, Operator);

        // An empty list is a choice, not an omission.
        Assert.Empty(TenantRules.WithDefaults(Tenant(modules: [])).Modules!.Value);
        Assert.Equal(new[] { TenantModule.Votes }, TenantRules.WithDefaults(Tenant(modules: [TenantModule.Votes])).Modules!.Value.ToArray());
    }

    [Fact]
    public void A_tenant_without_branding_gets_the_default_colours_and_no_logo()
    {
        var defaulted = TenantRules.WithDefaults(Tenant());
        Assert.Equal(new Branding("#1d4ed8", "#f59e0b", null), defaulted.Branding);
        TenantRules.ValidateCreate("ville", defaulted, Operator);

        var own = new Branding("#000000", "#ffffff", "https://ville.example/logo.png");
        Assert.Equal(own, TenantRules.WithDefaults(Tenant(branding: own)).Branding);
    }

    [Fact]
    public void A_campaign_without_a_description_gets_an_empty_one()
    {
        var command = new CreateCampaign("Jardin", null, FinancingMode.Donation, FundingRule.AllOrNothing,
            new Money(1_000, "EUR"), null, Now.AddDays(10), 100, 1_000);
        var alice = new Actor("lyon", "alice", Role.Member);

        // Left out, the description would fail validation as missing; the rules fill in "".
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => CampaignRules.ValidateCreate(command, alice, Now)).Code);
        var defaulted = CampaignRules.WithDefaults(command);
        Assert.Equal("", defaulted.Description);
        CampaignRules.ValidateCreate(defaulted, alice, Now);
        var s = new CampaignState();
        CampaignRules.Apply(s, defaulted, "lyon", "cp_x", alice, [], Now);
        Assert.Equal("", s.Description);

        Assert.Equal("Un jardin", CampaignRules.WithDefaults(command with { Description = "Un jardin" }).Description);
    }

    [Fact]
    public void A_vote_without_points_or_grades_or_least_spend_gets_zero()
    {
        var defaulted = VoteRules.WithDefaults(Vote(), Now);
        Assert.Equal(0, defaulted.MaxPointsPerProject);
        Assert.Equal(0, defaulted.MaxTotalPoints);
        Assert.Equal(0, defaulted.GradeScale);
        Assert.Equal(0, defaulted.MinimumSpendPercent);

        var given = VoteRules.WithDefaults(
            Vote(BallotType.Cumulative) with { MaxPointsPerProject = 3, MaxTotalPoints = 5, GradeScale = 4, MinimumSpendPercent = 70 }, Now);
        Assert.Equal((3, 5, 4, 70), (given.MaxPointsPerProject, given.MaxTotalPoints, given.GradeScale, given.MinimumSpendPercent));
    }

    [Fact]
    public void A_vote_without_district_or_rank_settings_allows_no_second_district_and_exact_ranks()
    {
        var defaulted = VoteRules.WithDefaults(Vote(), Now);
        Assert.False(defaulted.AllowSecondDistrict);
        Assert.True(defaulted.ExactRanks);
        VoteRules.ValidateCreate(defaulted, new Actor("lyon", "boss", Role.Admin), Now);

        var given = VoteRules.WithDefaults(Vote() with { AllowSecondDistrict = true, ExactRanks = false }, Now);
        Assert.True(given.AllowSecondDistrict);
        Assert.False(given.ExactRanks);
    }

    [Fact]
    public void An_import_stays_open_unless_asked_to_close()
    {
        Assert.False(VoteRules.ClosesAfterImport(new ImportPabulib("META", null, null)));
        Assert.False(VoteRules.ClosesAfterImport(new ImportPabulib("META", null, false)));
        Assert.True(VoteRules.ClosesAfterImport(new ImportPabulib("META", null, true)));
    }
}
