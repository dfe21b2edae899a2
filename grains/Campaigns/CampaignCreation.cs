using Civic.Grains.Interfaces;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Campaigns;

/// <summary>What a campaign takes from other grains when it is created, gives back if that fails, and tells them when it ends.</summary>
internal static class CampaignCreation
{
    /// <summary>
    /// The tenant's quotas (the member's open drafts...), then the owner's 5,000,000 EUR per 12 months, then the
    /// matchfunding call: reserved before anything is written (refused: nothing is, and what was taken is given back).
    /// </summary>
    public static async Task ReserveAsync(IGrainFactory grains, string tenant, string id, Actor actor, CreateCampaign command)
    {
        var quotas = grains.GetGrain<ITenantGrain>(tenant);
        await quotas.ReserveCreationAsync(new Creation(CreationKind.Campaign, id, actor));
        try
        {
            if (command.Mode == FinancingMode.Equity)
            {
                await Offers(grains, tenant, actor).ReserveAsync(id, command.Equity!.MaxRaise);
            }

            await CampaignMatching.EnsureCallAsync(grains, tenant, command);
        }
        catch
        {
            await quotas.ReleaseCreationAsync(CreationKind.Campaign, id);
            throw;
        }
    }

    /// <summary>The campaign could not be written: what <see cref="ReserveAsync"/> took goes back.</summary>
    public static async Task ReleaseAsync(IGrainFactory grains, string tenant, string id, Actor actor, CreateCampaign command)
    {
        if (command.Mode == FinancingMode.Equity)
        {
            await Offers(grains, tenant, actor).ReleaseAsync(id);
        }

        await grains.GetGrain<ITenantGrain>(tenant).ReleaseCreationAsync(CreationKind.Campaign, id);
    }

    /// <summary>
    /// Tells the owner's offer cap how an equity offer ended: rejected or failed, it no longer counts;
    /// succeeded, it counts what it raised. Idempotent; a failure is retried on the next activation.
    /// </summary>
    public static async Task SettleOfferAsync(IGrainFactory grains, CampaignState s, long raised, ILogger logger)
    {
        if (s.Equity is null || s.Status is not (CampaignStatus.Rejected or CampaignStatus.Failed or CampaignStatus.Refunded
            or CampaignStatus.Succeeded or CampaignStatus.PaidOut))
        {
            return;
        }

        try
        {
            var offers = grains.GetGrain<IOwnerOffersGrain>(GrainKeys.Compound(s.Tenant, s.OwnerId));
            await (s.Status is CampaignStatus.Succeeded or CampaignStatus.PaidOut ? offers.CloseAsync(s.Id, raised) : offers.ReleaseAsync(s.Id));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The owner's offer cap did not hear how equity campaign {Campaign} ended; retried on next activation", s.Id);
        }
    }

    private static IOwnerOffersGrain Offers(IGrainFactory grains, string tenant, Actor actor) =>
        grains.GetGrain<IOwnerOffersGrain>(GrainKeys.Compound(tenant, actor.UserId));
}
