using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using static Civic.Tests.Grains.GrainTestData;

namespace Civic.Tests.Grains;

[Collection("cluster")]
public sealed class CampaignRewards(ClockedClusterFixture fixture)
{
    [Fact]
    public async Task Reward_stock_is_rebuilt_from_the_ledger_after_deactivation()
    {
        var tenant = NewTenant();
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.Campaign)));
        await campaign.CreateAsync(new CreateCampaign("Fresque", "", FinancingMode.Donation, FundingRule.KeepItAll,
            new Money(100_000, "EUR"), fixture.Now.AddSeconds(-1), fixture.Now.AddDays(1), 100, 100_000,
            new CampaignCategoryRef(CampaignCategory.Cultural), [new NewReward("Affiche", 1_000, 5)]), Admin(tenant));
        await campaign.PublishAsync(Admin(tenant));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            campaign.PledgeAsync(new Pledge(Member(tenant, $"m{i}"), 1_000, $"k{i}", "r1"))));

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var reloaded = await campaign.GetAsync(null);
        Assert.Equal(CampaignCategory.Cultural, reloaded!.Category!.Kind);
        Assert.Equal(2, Assert.Single(reloaded.Rewards).Remaining);
        var results = await Task.WhenAll(Enumerable.Range(3, 5).Select(async i =>
        {
            try
            {
                await campaign.PledgeAsync(new Pledge(Member(tenant, $"m{i}"), 1_000, $"k{i}", "r1"));
                return "ok";
            }
            catch (CivicException ex)
            {
                return ex.Code;
            }
        }));

        Assert.Equal(2, results.Count(r => r == "ok"));
        Assert.Equal(3, results.Count(r => r == ErrorCodes.RewardUnavailable));
    }

    [Fact]
    public async Task Approval_of_a_started_campaign_opens_it()
    {
        var tenant = NewTenant();
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.Campaign)));
        var owner = Member(tenant, "owner");
        var moderator = new Actor(tenant, "mod", Role.Moderator);
        await campaign.CreateAsync(new CreateCampaign("Jardin", "", FinancingMode.Donation, FundingRule.KeepItAll,
            new Money(10_000, "EUR"), fixture.Now.AddSeconds(-1), fixture.Now.AddDays(1), 100, 100_000), owner);

        Assert.Equal(CampaignStatus.Submitted, (await campaign.SubmitAsync(owner)).Status);
        Assert.Equal(CampaignStatus.Live, (await campaign.ApproveAsync(moderator, null)).Status);
        var history = await campaign.GetHistoryAsync(owner);
        Assert.Equal([CampaignStatus.Draft, CampaignStatus.Submitted, CampaignStatus.Approved, CampaignStatus.Live],
            history!.Value.Select(h => h.To));
        Assert.Null(await campaign.GetHistoryAsync(Member(tenant, "someone")));
        Assert.Null(await campaign.GetHistoryAsync(new Actor("elsewhere", "mod", Role.Moderator)));
    }
}
