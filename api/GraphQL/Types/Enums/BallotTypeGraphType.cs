using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class BallotTypeGraphType : EnumerationGraphType<BallotType>
{
    public BallotTypeGraphType() => Name = "BallotType";
}
