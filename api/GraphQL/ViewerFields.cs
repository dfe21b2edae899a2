using Civic.Api.GraphQL.Types;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL;

/// <summary>Reads the idea pages need beside the lists: who is asking, and one comment by its id.</summary>
public static class ViewerFields
{
    public static void AddViewerQueries(this ObjectGraphType query)
    {
        query.Field<ViewerGraphType>("viewer")
            .Description("The signed-in member, moderator or admin of this tenant; null when anonymous, signed in for another tenant, or the platform operator.")
            .Resolve(c =>
            {
                var tenant = c.Civic().RequireTenant();
                return c.Civic().Viewer() is { } viewer ? new ViewerView(viewer.UserId, viewer.Role, tenant.Slug, viewer.District) : null;
            });

        query.Field<CommentGraphType>("comment")
            .Description("One comment, as lists show it (a hidden one's text only to its author and moderators); null if there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var tenant = c.Civic().RequireTenant();
                var id = c.GetArgument<string>("id");
                return GrainKeys.IsWellFormed(id, IdPrefixes.Comment)
                    ? await c.RequestServices!.GetRequiredService<CommentReads>().OneAsync(tenant.Slug, id, c.CancellationToken)
                    : null;
            });
    }
}
