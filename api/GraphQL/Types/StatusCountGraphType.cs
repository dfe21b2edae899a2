using Civic.Api.Reads;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class StatusCountGraphType : ObjectGraphType<StatusCount>
{
    public StatusCountGraphType()
    {
        Name = "StatusCount";
        Field<NonNullGraphType<CampaignStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(c => c.Source.Count);
    }
}
