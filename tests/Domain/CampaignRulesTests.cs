using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain;

public class CampaignPledgeRules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor Alice = new("lyon", "alice", Role.Member);

    private static CampaignState Live() => new()
    {
        Tenant = "lyon",
        Id = "cp_x",
        Status = CampaignStatus.Live,
        Goal = 10_000,
        Currency = "EUR",
        StartsAt = Now.AddDays(-1),
        EndsAt = Now.AddDays(1),
        MinContribution = 100,
        MaxContribution = 5_000,
        Rule = FundingRule.AllOrNothing,
    };

    [Theory]
    [InlineData(99, ErrorCodes.AmountTooLow)]
    [InlineData(5_001, ErrorCodes.AmountTooHigh)]
    public void Rejects_amounts_outside_the_limits(long amount, string code)
    {
        var error = Assert.Throws<CivicException>(() =>
            CampaignRules.ValidatePledge(Live(), CampaignStatus.Live, new Pledge(Alice, amount, "k"), Now));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Accepts_the_limits_themselves()
    {
        CampaignRules.ValidatePledge(Live(), CampaignStatus.Live, new Pledge(Alice, 100, "k"), Now);
        CampaignRules.ValidatePledge(Live(), CampaignStatus.Live, new Pledge(Alice, 5_000, "k"), Now);
    }

    [Fact]
    public void Rejects_pledge_after_end()
    {
        var s = Live();
        var error = Assert.Throws<CivicException>(() =>
            CampaignRules.ValidatePledge(s, CampaignStatus.Live, new Pledge(Alice, 500, "k"), s.EndsAt));
        Assert.Equal(ErrorCodes.CampaignClosed, error.Code);
    }

    [Fact]
    public void Rejects_pledge_on_a_draft()
    {
        var s = Live();
        s.Status = CampaignStatus.Draft;
        var error = Assert.Throws<CivicException>(() =>
            CampaignRules.ValidatePledge(s, CampaignStatus.Draft, new Pledge(Alice, 500, "k"), Now));
        Assert.Equal(ErrorCodes.CampaignNotLive, error.Code);
    }

    [Fact]
    public void Rejects_a_backer_of_another_tenant()
    {
        var error = Assert.Throws<CivicException>(() =>
            CampaignRules.ValidatePledge(Live(), CampaignStatus.Live, new Pledge(Alice with { Tenant = "paris" }, 500, "k"), Now));
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Rejects_an_empty_idempotency_key(string key)
    {
        var error = Assert.Throws<CivicException>(() =>
            CampaignRules.ValidatePledge(Live(), CampaignStatus.Live, new Pledge(Alice, 500, key), Now));
        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Theory]
    [InlineData(FundingRule.AllOrNothing, 10_000, 9_999, CampaignStatus.Failed)]
    [InlineData(FundingRule.AllOrNothing, 10_000, 10_000, CampaignStatus.Succeeded)]
    [InlineData(FundingRule.KeepItAll, 10_000, 1, CampaignStatus.Succeeded)]
    [InlineData(FundingRule.KeepItAll, 10_000, 0, CampaignStatus.Failed)]
    public void Outcome_follows_the_funding_rule(FundingRule rule, long goal, long raised, CampaignStatus expected) =>
        Assert.Equal(expected, CampaignRules.Outcome(rule, goal, raised));

    [Fact]
    public void Approved_campaign_goes_live_at_its_start_and_ends_at_its_end()
    {
        var s = Live();
        s.Status = CampaignStatus.Approved;
        s.StartsAt = Now.AddHours(1);

        Assert.Equal(CampaignStatus.Approved, CampaignRules.StatusAt(s, Now, 0));
        Assert.Equal(CampaignStatus.Live, CampaignRules.StatusAt(s, Now.AddHours(1), 0));
        Assert.Equal(CampaignStatus.Failed, CampaignRules.StatusAt(s, s.EndsAt, 0));
    }

    [Fact]
    public void Only_admins_publish()
    {
        var s = Live();
        s.Status = CampaignStatus.Draft;
        var error = Assert.Throws<CivicException>(() => CampaignRules.EnsureCanPublish(s, Alice, Now));
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
        CampaignRules.EnsureCanPublish(s, Alice with { Role = Role.Admin }, Now);
    }

    [Theory]
    [InlineData("", 1000, "EUR", 100, 1000)]
    [InlineData("Jardin", 0, "EUR", 100, 1000)]
    [InlineData("Jardin", 1000, "euro", 100, 1000)]
    [InlineData("Jardin", 1000, "EUR", 0, 1000)]
    [InlineData("Jardin", 1000, "EUR", 500, 100)]
    [InlineData("Jardin", 2_000_000_000, "EUR", 100, 1000)]
    public void Rejects_invalid_campaigns(string title, long goal, string currency, long min, long max)
    {
        var command = new CreateCampaign(title, "", FinancingMode.Donation, FundingRule.AllOrNothing,
            new Money(goal, currency), Now, Now.AddDays(10), min, max);
        var error = Assert.Throws<CivicException>(() => CampaignRules.ValidateCreate(command, Alice, Now));
        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Fact]
    public void A_campaign_without_a_start_starts_when_it_is_created()
    {
        var command = new CreateCampaign("Jardin", "", FinancingMode.Donation, FundingRule.AllOrNothing,
            new Money(1_000, "EUR"), StartsAt: null, Now.AddDays(10), 100, 1_000);
        CampaignRules.ValidateCreate(command, Alice, Now);
        var s = new CampaignState();
        CampaignRules.Apply(s, command, "lyon", "cp_x", Alice, [], Now);
        Assert.Equal(Now, s.StartsAt);
        Assert.Equal(Now.AddDays(2), CampaignRules.StartOf(command with { StartsAt = Now.AddDays(2) }, Now));

        // An end before the creation instant is still "ends after it starts" when no start is given.
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() =>
            CampaignRules.ValidateCreate(command with { EndsAt = Now }, Alice, Now)).Code);
    }
}

public class GrainClockSteps
{
    [Fact]
    public void Far_dates_are_reached_in_steps_orleans_accepts()
    {
        var now = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(Civic.Grains.GrainClock.LongestStep, Civic.Grains.GrainClock.DueTime(now.AddDays(215), now));
        Assert.True(Civic.Grains.GrainClock.LongestStep.TotalMilliseconds < uint.MaxValue - 1);
        Assert.Equal(TimeSpan.FromHours(2), Civic.Grains.GrainClock.DueTime(now.AddHours(2), now));
        Assert.Equal(TimeSpan.Zero, Civic.Grains.GrainClock.DueTime(now.AddHours(-2), now));
    }
}
