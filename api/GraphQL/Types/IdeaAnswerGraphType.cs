using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class IdeaAnswerGraphType : ObjectGraphType<IdeaAnswer>
{
    public IdeaAnswerGraphType()
    {
        Name = "IdeaAnswer";
        Description = "A moderator's public answer and the state it set.";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(c => c.Source.At);
        Field<NonNullGraphType<IdeaStateGraphType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(c => c.Source.Text);
    }
}
