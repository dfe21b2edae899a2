using Civic.Grains.Interfaces;

namespace Civic.Grains.Tenants;

/// <summary>A creation that took its slot and whose grain has not reported its first listing yet.</summary>
public sealed record PendingCreation(CreationKind Kind, string Id, string OwnerId, bool CountsForMember, DateTimeOffset At);

/// <summary>
/// The quota rules (see <see cref="QuotaOptions"/>), pure: they count a tenant's catalog, the creations
/// still in flight and its calls, and refuse with QUOTA_EXCEEDED naming the quota's configuration key.
/// </summary>
public static class CreationQuotas
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>How long a slot waits for its campaign's or vote's first listing before it is given back.</summary>
    public static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(2);

    /// <summary>Undecided campaigns: they hold a slot of the open-campaigns quotas.</summary>
    public static bool IsOpen(CampaignStatus status) =>
        status is CampaignStatus.Draft or CampaignStatus.Submitted or CampaignStatus.ChangesRequested;

    /// <summary>Members and moderators are bound by the per-member quotas; admins by the tenant's only.</summary>
    public static bool CountsForMember(Actor actor) => !actor.IsAtLeast(Role.Admin);

    public static void Check(
        Creation creation, IEnumerable<CatalogListing> listings, IEnumerable<PendingCreation> pending,
        int matchCalls, QuotaOptions quotas, DateTimeOffset now)
    {
        var since = now - Window;
        switch (creation.Kind)
        {
            case CreationKind.Campaign:
                CheckCampaign(creation.By, listings, pending, quotas, since);
                break;
            case CreationKind.Vote:
                var votes = listings.Count(l => l.Kind == CatalogKind.Vote && l.CreatedAt > since)
                    + pending.Count(p => p.Kind == CreationKind.Vote);
                Refuse(votes >= quotas.VotesPerTenantPer30Days, nameof(QuotaOptions.VotesPerTenantPer30Days),
                    quotas.VotesPerTenantPer30Days, "votes created in the tenant in 30 days");
                break;
            case CreationKind.MatchCall:
                Refuse(matchCalls >= quotas.MatchCallsPerTenant, nameof(QuotaOptions.MatchCallsPerTenant),
                    quotas.MatchCallsPerTenant, "matchfunding calls in the tenant");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(creation), creation.Kind, "Not a counted creation.");
        }
    }

    private static void CheckCampaign(Actor by, IEnumerable<CatalogListing> listings, IEnumerable<PendingCreation> pending, QuotaOptions quotas, DateTimeOffset since)
    {
        var member = CountsForMember(by);
        int tenantOpen = 0, memberOpen = 0, memberRecent = 0;
        foreach (var campaign in listings.Where(l => l.Kind == CatalogKind.Campaign).Select(l => l.Campaign))
        {
            if (campaign is null)
            {
                continue;
            }

            var open = IsOpen(campaign.Status);
            tenantOpen += open ? 1 : 0;
            if (member && campaign.OwnerId == by.UserId)
            {
                memberOpen += open ? 1 : 0;
                memberRecent += campaign.CreatedAt > since ? 1 : 0;
            }
        }

        foreach (var p in pending.Where(p => p.Kind == CreationKind.Campaign))
        {
            tenantOpen++;
            if (member && p.CountsForMember && p.OwnerId == by.UserId)
            {
                memberOpen++;
                memberRecent++;
            }
        }

        if (member)
        {
            Refuse(memberOpen >= quotas.OpenCampaignsPerMember, nameof(QuotaOptions.OpenCampaignsPerMember),
                quotas.OpenCampaignsPerMember, "campaigns of one member in draft or in moderation (one frees its slot once published or rejected)");
            Refuse(memberRecent >= quotas.CampaignsPerMemberPer30Days, nameof(QuotaOptions.CampaignsPerMemberPer30Days),
                quotas.CampaignsPerMemberPer30Days, "campaigns created by one member in 30 days");
        }

        Refuse(tenantOpen >= quotas.OpenCampaignsPerTenant, nameof(QuotaOptions.OpenCampaignsPerTenant),
            quotas.OpenCampaignsPerTenant, "campaigns in draft or in moderation in the tenant");
    }

    private static void Refuse(bool reached, string key, int bound, string what)
    {
        if (reached)
        {
            throw new CivicException(ErrorCodes.QuotaExceeded, $"Quota Quotas:{key} reached: at most {bound} {what}.");
        }
    }
}
