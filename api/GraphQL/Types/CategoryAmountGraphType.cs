using Civic.Api.Reads;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CategoryAmountGraphType : ObjectGraphType<CategoryAmount>
{
    public CategoryAmountGraphType()
    {
        Name = "CategoryAmount";
        Field<CampaignCategoryGraphType>("category").Description("Null for campaigns without a category.").Resolve(c => c.Source.Category);
        Field<StringGraphType>("custom").Description("The tenant-defined category's slug.").Resolve(c => c.Source.Custom);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => c.Source.Amount);
    }
}
