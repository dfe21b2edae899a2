using Civic.Grains.Common;
using Civic.Grains.Faults;
using Civic.Grains.Interfaces;
using Civic.Grains.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Civic.Grains.CampaignUpdates;

/// <summary>
/// The updates of one campaign (keyed "tenant/campaignId"). It holds the campaign's updates of the current UTC day (the
/// quota), loaded on activation and counted again when the day turns; the campaign's grain is asked at every post who
/// owns it and whether it is public, as it decides who sees it. Not reentrant: one write at a time, so the day's count
/// is exact between the check and the insert.
/// </summary>
public sealed class CampaignUpdatesGrain(CampaignUpdateStore store, DomainClock time, IOptions<QuotaOptions> quotas,
    ILogger<CampaignUpdatesGrain> logger) : CivicGrain, ICampaignUpdatesGrain
{
    private DateOnly _day;
    private int _today;

    private string Tenant => GrainKeys.Split(this.GetPrimaryKeyString()).Tenant;

    private string CampaignId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    protected override Task ActivateAsync(CancellationToken cancellationToken) => LoadDayAsync(time.GetUtcNow());

    public async Task<CampaignUpdateView> PostAsync(WriteCampaignUpdate update, Actor actor)
    {
        CampaignUpdateRules.RequireMember(actor, Tenant);
        var campaign = GrainKeys.IsWellFormed(CampaignId, IdPrefixes.Campaign)
            ? await GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.Compound(Tenant, CampaignId)).GetAsync(actor)
            : null;
        CampaignUpdateRules.RequireMayPost(campaign, actor);
        CampaignUpdateRules.RequireText(update);
        var now = time.GetUtcNow();
        if (DateOnly.FromDateTime(now.UtcDateTime) != _day)
        {
            await LoadDayAsync(now);
        }

        CampaignUpdateRules.RequireUnderQuota(_today, quotas.Value.CampaignUpdatesPerCampaignPerDay);
        var view = new CampaignUpdateView(GrainKeys.NewId(IdPrefixes.CampaignUpdate), CampaignId, actor.UserId, update.Title, update.Body,
            RichText.ToHtml(update.Body), 1, now, null, null);
        var told = await store.InsertAsync(Tenant, view);
        _today++;
        logger.LogInformation("Update {Update} on campaign {Campaign} of {Tenant}: {Backers} backers told", view.Id, CampaignId, Tenant, told);
        return view;
    }

    public async Task<CampaignUpdateView> EditAsync(string updateId, WriteCampaignUpdate update, Actor actor)
    {
        CampaignUpdateRules.RequireMember(actor, Tenant);
        var current = await UpdateAsync(updateId);
        CampaignUpdateRules.RequireMayEdit(current, actor);
        CampaignUpdateRules.RequireText(update);
        await store.EditAsync(Tenant, current, update, RichText.ToHtml(update.Body), time.GetUtcNow());
        return await UpdateAsync(updateId);
    }

    public async Task<CampaignUpdateView> DeleteAsync(string updateId, Actor actor)
    {
        CampaignUpdateRules.RequireMember(actor, Tenant);
        var current = await UpdateAsync(updateId);
        CampaignUpdateRules.RequireMayDelete(current, actor);
        if (!current.Deleted)
        {
            await store.DeleteAsync(Tenant, updateId, actor.UserId, time.GetUtcNow());
            logger.LogInformation("Update {Update} on campaign {Campaign} of {Tenant} deleted by {Member}", updateId, CampaignId, Tenant, actor.UserId);
        }

        return await UpdateAsync(updateId);
    }

    /// <summary>One of this campaign's updates; NOT_FOUND for any other id.</summary>
    private async Task<CampaignUpdateView> UpdateAsync(string updateId)
    {
        var update = GrainKeys.IsWellFormed(updateId, IdPrefixes.CampaignUpdate) ? await store.UpdateAsync(Tenant, updateId) : null;
        return update is not null && update.CampaignId == CampaignId ? update : throw new CivicException(ErrorCodes.NotFound, "No such update.");
    }

    private async Task LoadDayAsync(DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        _today = await store.PostedSinceAsync(Tenant, CampaignId, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        _day = day;
    }
}
