using Civic.Api.GraphQL.Types;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Civic.Api.GraphQL;

/// <summary>The campaigns list's filter arguments (status, mode, category) and the catalog filter they make.</summary>
public static class CampaignListFilter
{
    private const int MaxCustomLength = 40;

    public static FieldBuilder<TSource, TReturn> FilterArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field
        .Argument<CampaignStatusGraphType>("status", "Only campaigns in this status.")
        .Argument<FinancingModeGraphType>("mode", "Only campaigns of this financing mode.")
        .Argument<CampaignCategoryGraphType>("category", "Only campaigns of this category.")
        .Argument<StringGraphType>("customCategory", "With category TENANT_DEFINED: only this one of the tenant's categories (its code).");

    /// <summary>The filter the arguments state; VALIDATION for a customCategory without TENANT_DEFINED or too long.</summary>
    public static CampaignFilter From(IResolveFieldContext c)
    {
        var category = c.GetArgument<CampaignCategory?>("category");
        var custom = c.GetArgument<string?>("customCategory");
        if (custom is not null && (category != CampaignCategory.TenantDefined || custom.Length is 0 or > MaxCustomLength))
        {
            throw new CivicException(ErrorCodes.Validation, "customCategory takes category TENANT_DEFINED and a code of 1 to 40 characters.");
        }

        return new CampaignFilter(
            c.GetArgument<CampaignStatus?>("status"),
            c.GetArgument<FinancingMode?>("mode"),
            category is { } kind ? new CampaignCategoryRef(kind, custom) : null);
    }
}
