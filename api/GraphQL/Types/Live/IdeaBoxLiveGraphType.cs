using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

/// <summary>The figures of an idea box that move.</summary>
public sealed class IdeaBoxLiveGraphType : ObjectGraphType<IdeaBoxLive>
{
    public IdeaBoxLiveGraphType()
    {
        Name = "IdeaBoxLive";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<BooleanGraphType>>("isOpen").Resolve(c => c.Source.IsOpen);
        Field<NonNullGraphType<IntGraphType>>("ideaCount").Description("Ideas proposed in the box, withdrawn ones apart.").Resolve(c => c.Source.Ideas);
        Field<IdGraphType>("newestIdeaId")
            .Description("The idea proposed last since the box's figures were loaded (null before one): read it with idea(id), which shows it as the caller may see it.")
            .Resolve(c => c.Source.NewestIdeaId);
    }
}
