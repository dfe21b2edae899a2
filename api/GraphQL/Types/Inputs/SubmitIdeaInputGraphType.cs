using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class SubmitIdeaInput
{
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Category { get; set; }
    public string? District { get; set; }
    public GeoPointInput? Location { get; set; }
}

public sealed class SubmitIdeaInputGraphType : InputObjectGraphType<SubmitIdeaInput>
{
    public SubmitIdeaInputGraphType()
    {
        Name = "SubmitIdeaInput";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>)).Description("At most 150 characters.");
        Field(x => x.Body, type: typeof(NonNullGraphType<StringGraphType>)).Description("Markdown, at most 5,000 characters (a safe subset is kept).");
        Field(x => x.Category, type: typeof(StringGraphType));
        Field(x => x.District, type: typeof(StringGraphType));
        Field(x => x.Location, type: typeof(GeoPointInputGraphType));
    }
}
