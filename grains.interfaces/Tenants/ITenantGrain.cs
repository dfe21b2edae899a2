using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>One per tenant, keyed by slug: its settings and the catalog of its campaigns and votes.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    Task<TenantInfo> CreateAsync(CreateTenant command, Actor actor);

    /// <summary>The tenant, or null when no tenant has this slug.</summary>
    Task<TenantInfo?> GetAsync();

    /// <summary>Called by campaign and vote grains when they are created or change state.</summary>
    Task UpsertListingAsync(CatalogListing listing);

    Task<Page<CatalogListing>> ListAsync(CatalogKind kind, int first, string? after, bool includeDrafts);

    /// <summary>
    /// Admins: declares one of the tenant's own campaign categories, or relabels it when its code exists
    /// (declaring the same code and label again changes nothing). Answers the tenant's categories.
    /// </summary>
    Task<ImmutableArray<TenantCampaignCategory>> DefineCampaignCategoryAsync(TenantCampaignCategory category, Actor actor);

    /// <summary>The tenant's own campaign categories, in the order they were declared (the built-in ones are not listed).</summary>
    Task<ImmutableArray<TenantCampaignCategory>> GetCampaignCategoriesAsync();
}
