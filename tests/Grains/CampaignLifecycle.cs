using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using static Civic.Tests.Grains.GrainTestData;

namespace Civic.Tests.Grains;

[Collection("cluster")]
public sealed class CampaignLifecycle(ClockedClusterFixture fixture)
{
    private CreateCampaign Donation(DateTimeOffset endsAt, long goal = 10_000, FundingRule rule = FundingRule.AllOrNothing) =>
        new("Jardin", "", FinancingMode.Donation, rule, new Money(goal, "EUR"), fixture.Now.AddSeconds(-1), endsAt, 100, 100_000);

    private async Task<ICampaignGrain> LiveAsync(string tenant, CreateCampaign command)
    {
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.Campaign)));
        await campaign.CreateAsync(command, Admin(tenant));
        var published = await campaign.PublishAsync(Admin(tenant));
        Assert.Equal(CampaignStatus.Live, published.Status);
        return campaign;
    }

    [Fact]
    public async Task Campaign_that_reaches_its_goal_succeeds_by_itself_at_its_end()
    {
        var tenant = NewTenant();
        var endsAt = fixture.Now.AddHours(1);
        var campaign = await LiveAsync(tenant, Donation(endsAt, goal: 1_000));
        await campaign.PledgeAsync(new Pledge(Member(tenant), 1_000, "k1"));

        // It succeeds, then the sandbox provider pays the owner out at once (no payment is pending).
        var ended = await fixture.EventuallyAfterAsync(endsAt, () => campaign.GetAsync(null), s => s!.Status is not (CampaignStatus.Live or CampaignStatus.Succeeded), "the campaign to end");
        Assert.Equal((CampaignStatus.PaidOut, 1_000L), (ended!.Status, ended.Raised.Amount));
        var history = await campaign.GetHistoryAsync(Admin(tenant));
        Assert.Equal([CampaignStatus.Succeeded, CampaignStatus.PaidOut], history!.Value.TakeLast(2).Select(t => t.To));

        var late = await Assert.ThrowsAsync<CivicException>(() => campaign.PledgeAsync(new Pledge(Member(tenant), 500, "k2")));
        Assert.Equal(ErrorCodes.CampaignClosed, late.Code);
    }

    [Fact]
    public async Task All_or_nothing_campaign_below_its_goal_fails_by_itself()
    {
        var tenant = NewTenant();
        var endsAt = fixture.Now.AddHours(1);
        var campaign = await LiveAsync(tenant, Donation(endsAt, goal: 50_000));
        await campaign.PledgeAsync(new Pledge(Member(tenant), 1_000, "k1"));

        // It fails, then every confirmed contribution is refunded through the sandbox provider.
        var ended = await fixture.EventuallyAfterAsync(endsAt, () => campaign.GetAsync(null), s => s!.Status is not (CampaignStatus.Live or CampaignStatus.Failed), "the campaign to end");
        Assert.Equal((CampaignStatus.Refunded, 0L), (ended!.Status, ended.Raised.Amount));
        var history = await campaign.GetHistoryAsync(Admin(tenant));
        Assert.Equal([CampaignStatus.Failed, CampaignStatus.Refunded], history!.Value.TakeLast(2).Select(t => t.To));
    }

    [Fact]
    public async Task A_campaign_that_ended_is_listed_with_its_outcome()
    {
        var tenant = NewTenant();
        await fixture.Client.GetGrain<ITenantGrain>(tenant).CreateAsync(
            new CreateTenant("Ville", "fr", new Branding("#000000", "#ffffff", null), [TenantModule.Crowdfunding], []),
            new Actor(tenant, "op", Role.Operator));
        var endsAt = fixture.Now.AddHours(1);
        var campaign = await LiveAsync(tenant, Donation(endsAt, goal: 100, rule: FundingRule.KeepItAll));
        var id = GrainKeys.Split(campaign.GetPrimaryKeyString()).Id;

        var listing = await fixture.EventuallyAfterAsync(
            endsAt,
            async () => (await fixture.Client.GetGrain<ITenantGrain>(tenant).ListAsync(CatalogKind.Campaign, 10, null, viewer: null)).Items.Single(l => l.Id == id),
            l => l.Campaign!.Status != CampaignStatus.Live, "the catalog to show the end");
        Assert.Equal(CampaignStatus.Failed, listing.Campaign!.Status); // keep-it-all with nothing raised
    }

    [Fact]
    public async Task Totals_survive_deactivation_through_snapshot_and_ledger_replay()
    {
        var tenant = NewTenant();
        var campaign = await LiveAsync(tenant, Donation(fixture.Now.AddDays(1)));
        var amounts = Enumerable.Range(1, 40).Select(i => 100L + i).ToArray();
        await Task.WhenAll(amounts.Select((a, i) => campaign.PledgeAsync(new Pledge(Member(tenant, $"m{i % 7}"), a, $"k{i}"))));

        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        var reloaded = await campaign.GetAsync(null);
        Assert.Equal(amounts.Sum(), reloaded!.Raised.Amount);
        Assert.Equal(40, reloaded.Contributions);
        Assert.Equal(7, reloaded.Backers);

        // Idempotency keys recorded before the deactivation are still honoured.
        var replay = await campaign.PledgeAsync(new Pledge(Member(tenant, "m0"), amounts[0], "k0"));
        Assert.True(replay.Replayed);
        Assert.Equal(amounts.Sum(), replay.Raised.Amount);
    }
}
