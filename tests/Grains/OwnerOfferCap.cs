using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using static Civic.Tests.Grains.GrainTestData;

namespace Civic.Tests.Grains;

/// <summary>The owner's offers grain: one writer of the 5,000,000 EUR cap, under concurrent creations and across activations.</summary>
[Collection("cluster")]
public sealed class OwnerOfferCap(ClockedClusterFixture fixture)
{
    private const long MillionEuros = 100_000_000;

    private CreateCampaign Offer(long maxRaise) => new("Coopérative", "", FinancingMode.Equity, FundingRule.AllOrNothing,
        new Money(100_000, "EUR"), fixture.Now, fixture.Now.AddDays(30), 100, 1_000_000,
        Equity: new EquityOffer(100_000, "EUR", 100_000, maxRaise, maxRaise / 100_000, "kiis.pdf"));

    [Fact]
    public async Task Ten_offers_of_a_million_created_at_once_only_five_are_accepted()
    {
        var tenant = NewTenant();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            var id = GrainKeys.NewId(IdPrefixes.Campaign);
            try
            {
                await fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, id)).CreateAsync(Offer(MillionEuros), Member(tenant, "olga"));
                return (id, Code: "ok");
            }
            catch (CivicException ex)
            {
                return (id, Code: ex.Code);
            }
        }));

        Assert.Equal(5, outcomes.Count(o => o.Code == "ok"));
        Assert.Equal(5, outcomes.Count(o => o.Code == ErrorCodes.OwnerCapExceeded));
        var owner = fixture.Client.GetGrain<IOwnerOffersGrain>(GrainKeys.Compound(tenant, "olga"));
        Assert.Equal(outcomes.Where(o => o.Code == "ok").Select(o => o.id).Order(), (await owner.GetOffersAsync()).Select(o => o.CampaignId).Order());

        // A refused campaign was never created; another owner of the same tenant has a cap of their own.
        var refused = outcomes.First(o => o.Code != "ok").id;
        Assert.Null(await fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, refused)).GetAsync(Admin(tenant)));
        await fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.Campaign))).CreateAsync(Offer(5 * MillionEuros), Member(tenant, "paul"));
    }

    [Fact]
    public async Task Reservations_are_idempotent_on_the_campaign_and_survive_deactivation()
    {
        var owner = fixture.Client.GetGrain<IOwnerOffersGrain>(GrainKeys.Compound(NewTenant(), "olga"));
        await owner.ReserveAsync("cp_a", 3 * MillionEuros);
        await owner.ReserveAsync("cp_a", 3 * MillionEuros);
        await owner.ReserveAsync("cp_b", 2 * MillionEuros);

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<CivicException>(() => owner.ReserveAsync("cp_c", 1));
        Assert.Equal(ErrorCodes.OwnerCapExceeded, error.Code);
        await owner.CloseAsync("cp_a", MillionEuros);
        await owner.ReleaseAsync("cp_b");
        await owner.ReleaseAsync("cp_b");
        await owner.ReserveAsync("cp_c", 4 * MillionEuros);
        Assert.Equal([("cp_a", MillionEuros), ("cp_c", 4 * MillionEuros)],
            (await owner.GetOffersAsync()).Select(o => (o.CampaignId, o.Consideration)).OrderBy(o => o.CampaignId));
    }
}
