using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CampaignStatusGraphType : EnumerationGraphType<CampaignStatus>
{
    public CampaignStatusGraphType() => Name = "CampaignStatus";
}
