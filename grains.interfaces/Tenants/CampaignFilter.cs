namespace Civic.Grains.Interfaces;

/// <summary>
/// What a campaigns list keeps (each null criterion keeps everything): a status, a financing mode, a category
/// (<see cref="CampaignCategoryRef.Custom"/> names one of the tenant's own). The catalog applies it before paging.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.campaign-filter")]
public sealed record CampaignFilter(
    [property: Id(0)] CampaignStatus? Status = null,
    [property: Id(1)] FinancingMode? Mode = null,
    [property: Id(2)] CampaignCategoryRef? Category = null)
{
    public static CampaignFilter None { get; } = new();

    /// <summary>Whether the campaign's listing passes every criterion that is set.</summary>
    public bool Keeps(CampaignSummary campaign) =>
        (Status is not { } status || campaign.Status == status)
        && (Mode is not { } mode || campaign.Mode == mode)
        && (Category is not { } category
            || (campaign.Category is { } own && own.Kind == category.Kind
                && (category.Kind != CampaignCategory.TenantDefined || category.Custom is null
                    || string.Equals(own.Custom, category.Custom, StringComparison.Ordinal))));
}
