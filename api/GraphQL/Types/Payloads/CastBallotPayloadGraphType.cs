using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CastBallotPayloadGraphType : ObjectGraphType<BallotReceipt>
{
    public CastBallotPayloadGraphType()
    {
        Name = "CastBallotPayload";
        Field<NonNullGraphType<IdGraphType>>("voteId").Resolve(c => c.Source.VoteId);
        Field<NonNullGraphType<IntGraphType>>("ballots").Description("Ballots counted so far, this one included.").Resolve(c => c.Source.Ballots);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("castAt").Resolve(c => c.Source.At);
    }
}
