using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

/// <summary>The figures of an idea that move; a hidden idea's title as idea(id) shows it (to its author and moderators only).</summary>
public sealed class IdeaLiveGraphType : ObjectGraphType<IdeaLive>
{
    public IdeaLiveGraphType()
    {
        Name = "IdeaLive";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("boxId").Resolve(c => c.Source.BoxId);
        Field<NonNullGraphType<StringGraphType>>("title")
            .Description("Empty when the idea is hidden, except for its author and the tenant's moderators and admins.")
            .Resolve(c => c.Source.Hidden && !IdeaBoxFields.MaySeeHidden(c.Civic().Viewer(), c.Source.AuthorId) ? "" : c.Source.Title);
        Field<NonNullGraphType<IdeaStateGraphType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<IntGraphType>>("supportCount").Resolve(c => c.Source.Supports);
        Field<NonNullGraphType<IntGraphType>>("commentCount").Resolve(c => c.Source.Comments);
        Field<NonNullGraphType<BooleanGraphType>>("hidden").Description("Hidden by a moderator or by reports.").Resolve(c => c.Source.Hidden);
    }
}
