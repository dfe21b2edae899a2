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
}
