using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class PaperBallotInput
{
    public string VoterRef { get; set; } = "";
    public List<string> Choices { get; set; } = [];
    public List<int>? Points { get; set; }
    public string? District { get; set; }
}

public sealed class PaperBallotInputGraphType : InputObjectGraphType<PaperBallotInput>
{
    public PaperBallotInputGraphType()
    {
        Name = "PaperBallotInput";
        Field(x => x.VoterRef, type: typeof(NonNullGraphType<StringGraphType>)).Description("The polling station's reference of the voter: counted once.");
        Field(x => x.Choices, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>));
        Field(x => x.Points, type: typeof(ListGraphType<NonNullGraphType<IntGraphType>>));
        Field(x => x.District, type: typeof(StringGraphType));
    }
}
