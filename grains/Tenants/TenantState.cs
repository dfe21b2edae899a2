using Civic.Grains.Interfaces;

namespace Civic.Grains.Tenants;

[GenerateSerializer, Alias("civic.tenant-state")]
public sealed class TenantState
{
    [Id(0)] public TenantInfo? Info { get; set; }

    /// <summary>The catalog: every campaign and vote of the tenant, as last reported by its grain.</summary>
    [Id(1)] public Dictionary<string, CatalogListing> Listings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The campaign categories the tenant declared, in the order declared.</summary>
    [Id(2)] public List<TenantCampaignCategory> CampaignCategories { get; set; } = [];

    /// <summary>The matchfunding calls opened (or opening): what <see cref="QuotaOptions.MatchCallsPerTenant"/> counts.</summary>
    [Id(3)] public List<string> MatchCalls { get; set; } = [];
}
