using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CommentInput
{
    public string Body { get; set; } = "";
    public CommentStance? Stance { get; set; }
    public string? ParentId { get; set; }
}

public sealed class CommentInputGraphType : InputObjectGraphType<CommentInput>
{
    public CommentInputGraphType()
    {
        Name = "CommentInput";
        Field(x => x.Body, type: typeof(NonNullGraphType<StringGraphType>)).Description("Markdown, at most 1,000 characters (a safe subset is kept).");
        Field(x => x.Stance, type: typeof(CommentStanceGraphType)).Description("Defaults to NEUTRAL.");
        Field(x => x.ParentId, type: typeof(IdGraphType)).Description("The comment this one replies to (threads are at most 3 levels deep).");
    }
}
