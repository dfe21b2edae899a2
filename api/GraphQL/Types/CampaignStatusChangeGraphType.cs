using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CampaignStatusChangeGraphType : ObjectGraphType<CampaignStatusChange>
{
    public CampaignStatusChangeGraphType()
    {
        Name = "CampaignStatusChange";
        Field<NonNullGraphType<CampaignStatusGraphType>>("from").Resolve(c => c.Source.From);
        Field<NonNullGraphType<CampaignStatusGraphType>>("to").Resolve(c => c.Source.To);
        Field<NonNullGraphType<StringGraphType>>("by").Description("The user id, or \"system\" for the clock.").Resolve(c => c.Source.By);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(c => c.Source.At);
        Field<StringGraphType>("reason").Resolve(c => c.Source.Reason);
    }
}
