using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

/// <summary>A category a campaign may take: a built-in one (<see cref="Custom"/> null) or one the tenant declared.</summary>
public sealed record CampaignCategoryOption(CampaignCategory Category, string? Custom, string Label)
{
    /// <summary>The built-in categories in the tenant's locale, then the tenant's own, in the order declared.</summary>
    public static IReadOnlyList<CampaignCategoryOption> For(string locale, ImmutableArray<TenantCampaignCategory> tenantCategories) =>
    [
        .. Enum.GetValues<CampaignCategory>()
            .Where(k => k != CampaignCategory.TenantDefined)
            .Select(k => new CampaignCategoryOption(k, null, BuiltInLabel(k, locale))),
        .. TenantOnly(tenantCategories),
    ];

    public static IReadOnlyList<CampaignCategoryOption> TenantOnly(ImmutableArray<TenantCampaignCategory> tenantCategories) =>
        [.. tenantCategories.Select(c => new CampaignCategoryOption(CampaignCategory.TenantDefined, c.Code, c.Label))];

    private static string BuiltInLabel(CampaignCategory kind, string locale) => (kind, locale == "en") switch
    {
        (CampaignCategory.Cultural, false) => "Culture",
        (CampaignCategory.Cultural, true) => "Cultural",
        (CampaignCategory.Educational, false) => "Éducation",
        (CampaignCategory.Educational, true) => "Educational",
        (CampaignCategory.Social, _) => "Social",
        (CampaignCategory.Solidarity, false) => "Solidarité",
        (CampaignCategory.Solidarity, true) => "Solidarity",
        (CampaignCategory.EcologicalTransition, false) => "Transition écologique",
        _ => "Ecological transition",
    };
}

public sealed class CampaignCategoryOptionGraphType : ObjectGraphType<CampaignCategoryOption>
{
    public CampaignCategoryOptionGraphType()
    {
        Name = "CampaignCategoryOption";
        Description = "A category a campaign may take: pass category (and customCategory for the tenant's own) to createCampaign.";
        Field<NonNullGraphType<CampaignCategoryGraphType>>("category").Resolve(c => c.Source.Category);
        Field<StringGraphType>("customCategory").Description("The tenant's code when category is TENANT_DEFINED; null for built-in ones.")
            .Resolve(c => c.Source.Custom);
        Field<NonNullGraphType<StringGraphType>>("label").Description("Built-in ones in the tenant's locale.").Resolve(c => c.Source.Label);
    }
}
