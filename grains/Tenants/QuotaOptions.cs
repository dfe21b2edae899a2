namespace Civic.Grains.Tenants;

/// <summary>
/// Configuration section <c>Quotas</c>: how much a member, and a tenant's admins, may create. A request
/// past a quota answers QUOTA_EXCEEDED naming the quota's key, and writes nothing. The tenant grain
/// counts from its catalog (campaigns and votes, with their owner and status) and its list of calls.
/// </summary>
public sealed class QuotaOptions
{
    /// <summary>
    /// Campaigns a member (or moderator) owns that are not yet decided: DRAFT, SUBMITTED or CHANGES_REQUESTED.
    /// Published (APPROVED or LIVE) and REJECTED campaigns free their slot. Admins are bound by the tenant quota only.
    /// </summary>
    public int OpenCampaignsPerMember { get; set; } = 10;

    /// <summary>Campaigns a member (or moderator) may create in any 30 days, whatever became of them.</summary>
    public int CampaignsPerMemberPer30Days { get; set; } = 30;

    /// <summary>Undecided campaigns (DRAFT, SUBMITTED, CHANGES_REQUESTED) in the whole tenant, admins' included.</summary>
    public int OpenCampaignsPerTenant { get; set; } = 2_000;

    /// <summary>Votes (created or imported from Pabulib) a tenant's admins may create in any 30 days.</summary>
    public int VotesPerTenantPer30Days { get; set; } = 100;

    /// <summary>Matchfunding calls a tenant may open, in all.</summary>
    public int MatchCallsPerTenant { get; set; } = 100;

    /// <summary>Comments a member may write on one item (an idea) in one UTC day, replies included.</summary>
    public int CommentsPerMemberPerItemPerDay { get; set; } = 50;

    /// <summary>Reports (of ideas and comments) a member may make in one UTC day, each item once.</summary>
    public int ReportsPerMemberPerDay { get; set; } = 30;

    /// <summary>Updates a campaign's owner may post on one campaign in one UTC day (edits are not counted).</summary>
    public int CampaignUpdatesPerCampaignPerDay { get; set; } = 10;
}
