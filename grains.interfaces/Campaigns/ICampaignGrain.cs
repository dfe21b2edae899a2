using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>One per campaign, keyed "tenant/id": the only writer of the campaign's totals.</summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    Task<CampaignSummary> CreateAsync(CreateCampaign command, Actor actor);

    /// <summary>
    /// Admins only: the moderation fast path for the tenant's own campaigns. A DRAFT is approved
    /// without being submitted (recorded as "published"); an APPROVED one opens if its start has come.
    /// </summary>
    Task<CampaignSummary> PublishAsync(Actor actor);

    /// <summary>The owner sends a DRAFT or CHANGES_REQUESTED campaign to the moderators.</summary>
    Task<CampaignSummary> SubmitAsync(Actor actor);

    /// <summary>A moderator or admin sends a SUBMITTED campaign back to its owner.</summary>
    Task<CampaignSummary> RequestChangesAsync(Actor actor, string reason);

    /// <summary>A moderator or admin approves a SUBMITTED campaign; it goes LIVE at once if its start has come.</summary>
    Task<CampaignSummary> ApproveAsync(Actor actor, string? note);

    /// <summary>A moderator or admin refuses a SUBMITTED campaign for good.</summary>
    Task<CampaignSummary> RejectAsync(Actor actor, string reason);

    /// <summary>Every status change, oldest first; null unless the viewer owns or moderates the campaign.</summary>
    Task<ImmutableArray<CampaignStatusChange>?> GetHistoryAsync(Actor? viewer);

    /// <summary>Acknowledged only once the contribution is durably in the ledger.</summary>
    Task<PledgeReceipt> PledgeAsync(Pledge command);

    /// <summary>The campaign, or null if it was never created.</summary>
    Task<CampaignSummary?> GetAsync(Actor? viewer);
}
