using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>One per tenant, keyed by slug: its settings and the catalog of its campaigns and votes.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    Task<TenantInfo> CreateAsync(CreateTenant command, Actor actor);

    /// <summary>The tenant, or null when no tenant has this slug.</summary>
    Task<TenantInfo?> GetAsync();

    /// <summary>
    /// <see cref="GetAsync"/>, and the API node's observer told of each later change of the settings for
    /// <see cref="LiveWatch.Expiry"/> (an API node watches each tenant it caches, so a change made through
    /// another node reaches its cache at once). An unknown tenant registers nothing.
    /// </summary>
    Task<TenantInfo?> WatchAsync(ILiveObserver observer);

    /// <summary>Called by campaign and vote grains when they are created or change state.</summary>
    Task UpsertListingAsync(CatalogListing listing);

    /// <summary>
    /// One page of the catalog, newest first: the published campaigns or votes, and drafts too when
    /// <paramref name="viewer"/> is one of this tenant's moderators or admins (null: the public).
    /// </summary>
    Task<Page<CatalogListing>> ListAsync(CatalogKind kind, int first, string? after, Actor? viewer);

    /// <summary>
    /// One page of the campaigns <paramref name="filter"/> keeps, newest first, by the visibility rule of
    /// <see cref="ListAsync"/>. The cursor is the id of the last campaign of the previous page; it stays valid when
    /// that campaign no longer passes the filter (a status changed between two pages).
    /// </summary>
    Task<Page<CatalogListing>> ListCampaignsAsync(CampaignFilter filter, int first, string? after, Actor? viewer);

    /// <summary>
    /// The status changes of several campaigns from the catalog, in one call (a list's page), by the same rule as
    /// <see cref="ICampaignGrain.GetHistoryAsync"/>: null for a campaign whose history the viewer may not see.
    /// A campaign the catalog holds no history for (listed before the catalog kept it) is left out: ask its grain.
    /// </summary>
    Task<ImmutableDictionary<string, ImmutableArray<CampaignStatusChange>?>> GetCampaignHistoriesAsync(ImmutableArray<string> campaignIds, Actor? viewer);

    /// <summary>
    /// The moves of the catalog the tenant's feed tells (campaigns published and submitted, votes opened and closed),
    /// newest first, at most <paramref name="count"/>: what the feed rebuilds itself from on activation.
    /// </summary>
    Task<ImmutableArray<FeedItem>> RecentMovesAsync(int count);

    /// <summary>
    /// Admins: declares one of the tenant's own campaign categories, or relabels it when its code exists
    /// (declaring the same code and label again changes nothing). Answers the tenant's categories.
    /// </summary>
    Task<ImmutableArray<TenantCampaignCategory>> DefineCampaignCategoryAsync(TenantCampaignCategory category, Actor actor);

    /// <summary>
    /// Admins: the rectangle the tenant covers (null: none), inside which ideas' locations must lie (VALIDATION for a
    /// rectangle that is not one). Answers the tenant.
    /// </summary>
    Task<TenantInfo> SetAreaAsync(GeoArea? area, Actor actor);

    /// <summary>
    /// Admins of the tenant: its name, default locale and branding, replaced as one (FORBIDDEN for anyone else,
    /// VALIDATION for a name that is empty or too long, a locale other than fr or en, a colour that is not #rrggbb,
    /// a logo that is neither an https URL nor a path on the site; nothing changes then). Answers the tenant.
    /// </summary>
    Task<TenantInfo> UpdateBrandingAsync(UpdateTenantBranding command, Actor actor);

    /// <summary>The tenant's own campaign categories, in the order they were declared (the built-in ones are not listed).</summary>
    Task<ImmutableArray<TenantCampaignCategory>> GetCampaignCategoriesAsync();

    /// <summary>
    /// Called by a campaign, vote or call grain before it writes anything: takes one slot of the quotas the
    /// creation counts against (the member's and the tenant's), or refuses with QUOTA_EXCEEDED naming the
    /// quota (nothing taken, nothing written). One grain per tenant, not reentrant: concurrent creations are
    /// counted one after the other. A campaign's or vote's slot is held until its first listing arrives (or
    /// for two minutes); a call's is written at once. The same id again takes nothing more.
    /// </summary>
    Task ReserveCreationAsync(Creation creation);

    /// <summary>The creation was not written after all: its slot is free again.</summary>
    Task ReleaseCreationAsync(CreationKind kind, string id);
}
