namespace Civic.Grains.Interfaces;

/// <summary>The categories DOMAIN.md names, plus <see cref="TenantDefined"/> for those a tenant adds.</summary>
public enum CampaignCategory
{
    Cultural = 0,
    Educational = 1,
    Social = 2,

    /// <summary>Solidarity, as décret 2015-1670 uses the word.</summary>
    Solidarity = 3,
    EcologicalTransition = 4,

    /// <summary>One of the tenant's own categories, named by <see cref="CampaignCategoryRef.Custom"/>.</summary>
    TenantDefined = 5,
}

/// <summary>
/// A campaign's category: one of the built-in ones (<see cref="Custom"/> null), or
/// <see cref="CampaignCategory.TenantDefined"/> with the slug of a category the tenant declared.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.campaign-category")]
public sealed record CampaignCategoryRef(
    [property: Id(0)] CampaignCategory Kind,
    [property: Id(1)] string? Custom = null);

/// <summary>What a lifecycle transition was caused by (see CampaignLifecycle in the grains).</summary>
public enum LifecycleAction
{
    Submit = 0,
    RequestChanges = 1,
    Approve = 2,
    Reject = 3,
    Open = 4,
    Close = 5,
    PayOut = 6,
    Refund = 7,

    /// <summary>A tenant admin publishes a draft directly (DRAFT → APPROVED; the clock opens it).</summary>
    Publish = 8,
}
