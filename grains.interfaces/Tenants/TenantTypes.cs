using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

public enum TenantModule
{
    Crowdfunding = 0,
    IdeaBoxes = 1,
    Votes = 2,
    Challenges = 3,
    Volunteering = 4,
}

[GenerateSerializer, Immutable, Alias("civic.branding")]
public sealed record Branding(
    [property: Id(0)] string PrimaryColor,
    [property: Id(1)] string SecondaryColor,
    [property: Id(2)] string? LogoUrl);

/// <summary>A new tenant; a null <see cref="Branding"/> or <see cref="Modules"/> takes the tenant rules' defaults.</summary>
[GenerateSerializer, Immutable, Alias("civic.create-tenant")]
public sealed record CreateTenant(
    [property: Id(0)] string Name,
    [property: Id(1)] string Locale,
    [property: Id(2)] Branding? Branding,
    [property: Id(3)] ImmutableArray<TenantModule>? Modules,
    [property: Id(4)] ImmutableArray<string> CustomHosts);

/// <summary>
/// Admins: what residents see of their tenant, all at once (the name, the site's default locale and its branding);
/// a null or empty <see cref="Branding.LogoUrl"/> removes the logo.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.update-tenant-branding")]
public sealed record UpdateTenantBranding(
    [property: Id(0)] string Name,
    [property: Id(1)] string Locale,
    [property: Id(2)] Branding Branding);

[GenerateSerializer, Immutable, Alias("civic.tenant-info")]
public sealed record TenantInfo(
    [property: Id(0)] string Slug,
    [property: Id(1)] string Name,
    [property: Id(2)] string Locale,
    [property: Id(3)] Branding Branding,
    [property: Id(4)] ImmutableArray<TenantModule> Modules,
    [property: Id(5)] ImmutableArray<string> CustomHosts,
    [property: Id(6)] bool Enabled,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] GeoArea? Area = null);

public enum CatalogKind
{
    Campaign = 0,
    Vote = 1,
}

/// <summary>What a list page shows of a campaign or vote without activating its grain.</summary>
[GenerateSerializer, Immutable, Alias("civic.catalog-listing")]
public sealed record CatalogListing(
    [property: Id(0)] CatalogKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] bool Public,
    [property: Id(4)] CampaignSummary? Campaign,
    [property: Id(5)] VoteSummary? Vote,
    [property: Id(6)] ImmutableArray<CampaignStatusChange> History = default);

/// <summary>
/// A campaign category a tenant declared: <see cref="Code"/> is what campaigns name in
/// <see cref="CampaignCategoryRef.Custom"/> (lower-case letters, digits and hyphens), <see cref="Label"/> what people read.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.tenant-campaign-category")]
public sealed record TenantCampaignCategory(
    [property: Id(0)] string Code,
    [property: Id(1)] string Label);

/// <summary>What a tenant's quotas count (see <see cref="ITenantGrain.ReserveCreationAsync"/>).</summary>
public enum CreationKind
{
    Campaign = 0,
    Vote = 1,
    MatchCall = 2,
}

/// <summary>Something about to be created in a tenant by <see cref="By"/>, checked against the tenant's quotas before it is written.</summary>
[GenerateSerializer, Immutable, Alias("civic.creation")]
public sealed record Creation(
    [property: Id(0)] CreationKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] Actor By);
