using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class VoteStatusGraphType : EnumerationGraphType<VoteStatus>
{
    public VoteStatusGraphType() => Name = "VoteStatus";
}
