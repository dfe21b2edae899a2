namespace Civic.Grains.Interfaces;

/// <summary>
/// A campaign owner's updates to its backers (news on the campaign page). The grain that writes a campaign's updates is
/// keyed "tenant/campaignId" (<see cref="GrainKey"/>); pages are read from PostgreSQL, never from the grain.
/// </summary>
public static class UpdatedCampaigns
{
    /// <summary>The kind of the notification each backer gets when an update is posted (its item is the campaign).</summary>
    public const string NotificationKind = "campaign_update";

    public static string GrainKey(string tenant, string campaignId) => GrainKeys.Compound(tenant, campaignId);
}

/// <summary>The owner posts an update, or the author rewrites one (title and text replaced as one).</summary>
[GenerateSerializer, Immutable, Alias("civic.write-campaign-update")]
public sealed record WriteCampaignUpdate(
    [property: Id(0)] string Title,
    [property: Id(1)] string Body);

/// <summary>An update as it is stored; a deleted one is no part of the campaign's page.</summary>
[GenerateSerializer, Immutable, Alias("civic.campaign-update-view")]
public sealed record CampaignUpdateView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CampaignId,
    [property: Id(2)] string AuthorId,
    [property: Id(3)] string Title,
    [property: Id(4)] string Body,
    [property: Id(5)] string BodyHtml,
    [property: Id(6)] int Version,
    [property: Id(7)] DateTimeOffset PostedAt,
    [property: Id(8)] DateTimeOffset? EditedAt,
    [property: Id(9)] DateTimeOffset? DeletedAt)
{
    public bool Deleted => DeletedAt is not null;
}

/// <summary>An earlier title and text of an edited update.</summary>
[GenerateSerializer, Immutable, Alias("civic.campaign-update-version")]
public sealed record CampaignUpdateVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] string Title,
    [property: Id(2)] string Body,
    [property: Id(3)] DateTimeOffset ReplacedAt);
