using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class PaperBallotsPayloadGraphType : ObjectGraphType<PaperBallotsReceipt>
{
    public PaperBallotsPayloadGraphType()
    {
        Name = "PaperBallotsPayload";
        Field<NonNullGraphType<IntGraphType>>("accepted").Resolve(c => c.Source.Accepted);
        Field<NonNullGraphType<IntGraphType>>("duplicates").Description("Voter references already counted.").Resolve(c => c.Source.Duplicates);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("rejected")
            .Description("Refused ballots as \"voterRef: CODE\" (the first 100).").Resolve(c => c.Source.Rejected);
        Field<NonNullGraphType<IntGraphType>>("ballots").Description("Ballots counted in the vote so far.").Resolve(c => c.Source.Ballots);
    }
}
