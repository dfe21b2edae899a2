using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CampaignCategoryGraphType : EnumerationGraphType<CampaignCategory>
{
    public CampaignCategoryGraphType() => Name = "CampaignCategory";
}
