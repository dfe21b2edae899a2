using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class IdeaVersionGraphType : ObjectGraphType<(int Version, SubmitIdea Text)>
{
    public IdeaVersionGraphType()
    {
        Name = "IdeaVersion";
        Field<NonNullGraphType<IntGraphType>>("version").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Text.Title);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(c => c.Source.Text.Body);
        Field<StringGraphType>("category").Resolve(c => c.Source.Text.Category);
        Field<StringGraphType>("district").Resolve(c => c.Source.Text.District);
    }
}
