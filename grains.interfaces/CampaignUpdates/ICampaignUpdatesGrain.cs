namespace Civic.Grains.Interfaces;

/// <summary>
/// The updates of one campaign, keyed "tenant/campaignId" (<see cref="UpdatedCampaigns.GrainKey"/>). It writes them and
/// holds only what its rules need (the campaign's updates of the current UTC day, for the quota); the campaign's own
/// grain says who owns it and whether it is public.
/// </summary>
public interface ICampaignUpdatesGrain : IGrainWithStringKey
{
    /// <summary>
    /// The campaign's owner posts an update, and each backer is told by a notification, in one transaction. Errors:
    /// NOT_FOUND (no such campaign the caller may see), FORBIDDEN (not the owner), CAMPAIGN_NOT_PUBLIC (a draft, one in
    /// review or rejected), CAMPAIGN_UPDATE_TITLE_INVALID, CAMPAIGN_UPDATE_BODY_INVALID, QUOTA_EXCEEDED (the campaign's
    /// updates of the day). Nothing is written on a refusal.
    /// </summary>
    Task<CampaignUpdateView> PostAsync(WriteCampaignUpdate update, Actor actor);

    /// <summary>
    /// The author rewrites an update: the previous title and text are kept as a version; backers are not told again.
    /// Errors: NOT_FOUND, FORBIDDEN (not the author), INVALID_TRANSITION (deleted), the title and text codes of PostAsync.
    /// </summary>
    Task<CampaignUpdateView> EditAsync(string updateId, WriteCampaignUpdate update, Actor actor);

    /// <summary>
    /// The author, or a moderator of the tenant (an abusive update), deletes an update: it leaves the page and the
    /// backers' notifications. Deleting again changes nothing.
    /// </summary>
    Task<CampaignUpdateView> DeleteAsync(string updateId, Actor actor);
}
