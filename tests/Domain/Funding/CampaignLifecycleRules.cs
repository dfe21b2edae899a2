using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain.Funding;

public class CampaignLifecycleRules
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Owner = new("lyon", "olga", Role.Member);
    private static readonly Actor Moderator = new("lyon", "max", Role.Moderator);
    private static readonly Actor Admin = new("lyon", "ada", Role.Admin);

    private static CampaignLifecycle.Subject At(CampaignStatus s) => new("lyon", "olga", s);

    [Fact]
    public void Runs_from_draft_to_payout_with_every_transition_recorded()
    {
        var t1 = CampaignLifecycle.Submit(At(CampaignStatus.Draft), Owner, Now);
        var t2 = CampaignLifecycle.RequestChanges(At(t1.To), Moderator, "  Add a budget  ", Now.AddHours(1));
        var t3 = CampaignLifecycle.Submit(At(t2.To), Owner, Now.AddHours(2));
        var t4 = CampaignLifecycle.Approve(At(t3.To), Admin, Now.AddHours(3));
        var ticks = CampaignLifecycle.Tick(t4.To, Now.AddDays(1), Now.AddDays(30), FundingRule.AllOrNothing, 10_000, 10_000, Now.AddDays(31));
        var t7 = CampaignLifecycle.PayOut(At(ticks[^1].To), null, Now.AddDays(32));

        Assert.Equal((CampaignStatus.Draft, CampaignStatus.Submitted, "olga", (string?)null), (t1.From, t1.To, t1.By, t1.Reason));
        Assert.Equal((CampaignStatus.Submitted, CampaignStatus.ChangesRequested, "max", "Add a budget"), (t2.From, t2.To, t2.By, t2.Reason));
        Assert.Equal(Now.AddHours(1), t2.At);
        Assert.Equal(CampaignStatus.Submitted, t3.To);
        Assert.Equal(CampaignStatus.Approved, t4.To);
        Assert.Equal(2, ticks.Length);
        Assert.Equal((CampaignStatus.Approved, CampaignStatus.Live, Now.AddDays(1)), (ticks[0].From, ticks[0].To, ticks[0].At));
        Assert.Equal((CampaignStatus.Live, CampaignStatus.Succeeded, Now.AddDays(30)), (ticks[1].From, ticks[1].To, ticks[1].At));
        Assert.Equal(CampaignLifecycle.ClockActor, ticks[1].By);
        Assert.Equal((CampaignStatus.PaidOut, CampaignLifecycle.SystemActor), (t7.To, t7.By));
    }

    [Fact]
    public void Runs_to_refund_when_an_all_or_nothing_goal_is_missed()
    {
        var ticks = CampaignLifecycle.Tick(CampaignStatus.Live, Now, Now.AddDays(1), FundingRule.AllOrNothing, 10_000, 9_999, Now.AddDays(1));
        Assert.Equal(CampaignStatus.Failed, Assert.Single(ticks).To);
        var refund = CampaignLifecycle.Refund(At(CampaignStatus.Failed), Admin, Now.AddDays(2));
        Assert.Equal((CampaignStatus.Refunded, "ada"), (refund.To, refund.By));
    }

    [Fact]
    public void Clock_does_nothing_before_the_start_and_opens_at_the_start_exactly()
    {
        Assert.Empty(CampaignLifecycle.Tick(CampaignStatus.Approved, Now, Now.AddDays(1), FundingRule.KeepItAll, 1, 0, Now.AddTicks(-1)));
        Assert.Equal(CampaignStatus.Live, Assert.Single(CampaignLifecycle.Tick(CampaignStatus.Approved, Now, Now.AddDays(1), FundingRule.KeepItAll, 1, 0, Now)).To);
        Assert.Empty(CampaignLifecycle.Tick(CampaignStatus.Submitted, Now, Now.AddDays(1), FundingRule.KeepItAll, 1, 0, Now.AddDays(5)));
    }

    [Fact]
    public void Rejection_needs_a_reason_and_is_final()
    {
        var error = Assert.Throws<CivicException>(() => CampaignLifecycle.Reject(At(CampaignStatus.Submitted), Moderator, "   ", Now));
        Assert.Equal(ErrorCodes.Validation, error.Code);
        var rejected = CampaignLifecycle.Reject(At(CampaignStatus.Submitted), Moderator, "Not a local project", Now);
        Assert.Equal((CampaignStatus.Rejected, "Not a local project"), (rejected.To, rejected.Reason));
        Assert.Equal(ErrorCodes.InvalidTransition,
            Assert.Throws<CivicException>(() => CampaignLifecycle.Submit(At(CampaignStatus.Rejected), Owner, Now)).Code);
    }

    [Fact]
    public void Requesting_changes_needs_a_reason()
    {
        Assert.Equal(ErrorCodes.Validation,
            Assert.Throws<CivicException>(() => CampaignLifecycle.RequestChanges(At(CampaignStatus.Submitted), Admin, "", Now)).Code);
    }

    [Theory]
    [InlineData("bob", Role.Member)]
    [InlineData("max", Role.Moderator)]
    [InlineData("ada", Role.Admin)]
    public void Only_the_owner_submits(string user, Role role)
    {
        var error = Assert.Throws<CivicException>(() => CampaignLifecycle.Submit(At(CampaignStatus.Draft), new Actor("lyon", user, role), Now));
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
    }

    [Theory]
    [InlineData(Role.Member)]
    [InlineData(Role.Operator)]
    public void Members_and_operators_do_not_moderate(Role role)
    {
        var error = Assert.Throws<CivicException>(() => CampaignLifecycle.Approve(At(CampaignStatus.Submitted), new Actor("lyon", "x", role), Now));
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
    }

    [Fact]
    public void A_moderator_of_another_tenant_or_of_their_own_campaign_cannot_approve()
    {
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<CivicException>(() =>
            CampaignLifecycle.Approve(At(CampaignStatus.Submitted), Moderator with { Tenant = "paris" }, Now)).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<CivicException>(() =>
            CampaignLifecycle.Approve(new("lyon", "max", CampaignStatus.Submitted), Moderator, Now)).Code);
        Assert.Equal(CampaignStatus.Approved, CampaignLifecycle.Approve(new("lyon", "ada", CampaignStatus.Submitted), Admin, Now).To);
    }

    [Theory]
    [InlineData(CampaignStatus.Draft)]
    [InlineData(CampaignStatus.ChangesRequested)]
    [InlineData(CampaignStatus.Approved)]
    [InlineData(CampaignStatus.Live)]
    public void Approves_only_a_submitted_campaign(CampaignStatus from)
    {
        var error = Assert.Throws<CivicException>(() => CampaignLifecycle.Approve(At(from), Moderator, Now));
        Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
    }

    [Fact]
    public void Pays_out_only_a_succeeded_campaign_and_refunds_only_a_failed_one()
    {
        Assert.Equal(ErrorCodes.InvalidTransition, Assert.Throws<CivicException>(() => CampaignLifecycle.PayOut(At(CampaignStatus.Failed), null, Now)).Code);
        Assert.Equal(ErrorCodes.InvalidTransition, Assert.Throws<CivicException>(() => CampaignLifecycle.Refund(At(CampaignStatus.Succeeded), null, Now)).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<CivicException>(() => CampaignLifecycle.PayOut(At(CampaignStatus.Succeeded), Moderator, Now)).Code);
    }

    [Theory]
    [InlineData(CampaignStatus.Draft, LifecycleAction.Submit, true)]
    [InlineData(CampaignStatus.ChangesRequested, LifecycleAction.Submit, true)]
    [InlineData(CampaignStatus.Submitted, LifecycleAction.Submit, false)]
    [InlineData(CampaignStatus.Live, LifecycleAction.Close, true)]
    [InlineData(CampaignStatus.Approved, LifecycleAction.Close, false)]
    [InlineData(CampaignStatus.Rejected, LifecycleAction.Approve, false)]
    public void Knows_which_moves_exist(CampaignStatus from, LifecycleAction action, bool allowed) =>
        Assert.Equal(allowed, CampaignLifecycle.CanMove(from, action));

    [Fact]
    public void Tenant_categories_must_be_declared()
    {
        CampaignCategories.Validate(new CampaignCategoryRef(CampaignCategory.EcologicalTransition), []);
        CampaignCategories.Validate(new CampaignCategoryRef(CampaignCategory.TenantDefined, "sport"), ["sport"]);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() =>
            CampaignCategories.Validate(new CampaignCategoryRef(CampaignCategory.TenantDefined, "chess"), ["sport"])).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() =>
            CampaignCategories.Validate(new CampaignCategoryRef(CampaignCategory.Social, "sport"), ["sport"])).Code);
    }
}
