using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class RecordPaperBallotsInput
{
    public string VoteId { get; set; } = "";
    public List<PaperBallotInput> Ballots { get; set; } = [];
}

public sealed class RecordPaperBallotsInputGraphType : InputObjectGraphType<RecordPaperBallotsInput>
{
    public RecordPaperBallotsInputGraphType()
    {
        Name = "RecordPaperBallotsInput";
        Field(x => x.VoteId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Ballots, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PaperBallotInputGraphType>>>));
    }
}
