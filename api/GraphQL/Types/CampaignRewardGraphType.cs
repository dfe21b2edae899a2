using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CampaignRewardGraphType : ObjectGraphType<CampaignReward>
{
    public CampaignRewardGraphType()
    {
        Name = "CampaignReward";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<MoneyGraphType>>("minAmount").Description("The least donation that earns this reward.").Resolve(c => c.Source.MinAmount);
        Field<IntGraphType>("stock").Description("Units offered; null: unlimited.").Resolve(c => c.Source.Stock);
        Field<IntGraphType>("remaining").Description("Units still available; null: unlimited.").Resolve(c => c.Source.Remaining);
    }
}
