using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CastBallotInput
{
    public string VoteId { get; set; } = "";
    public List<string> Choices { get; set; } = [];
    public List<int>? Points { get; set; }
    public string? District { get; set; }
}

public sealed class CastBallotInputGraphType : InputObjectGraphType<CastBallotInput>
{
    public CastBallotInputGraphType()
    {
        Name = "CastBallotInput";
        Field(x => x.VoteId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Choices, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>))
            .Description("Option ids; for CHOOSE_ONE exactly one; for ORDINAL most preferred first; for MAJORITY_JUDGMENT every option.");
        Field(x => x.Points, type: typeof(ListGraphType<NonNullGraphType<IntGraphType>>))
            .Description("CUMULATIVE: points per choice; MAJORITY_JUDGMENT: grade per choice (0 = worst). Parallel to choices.");
        Field(x => x.District, type: typeof(StringGraphType)).Description("Votes with districts: defaults to the member's own.");
    }
}
