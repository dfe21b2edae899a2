using Civic.Api.GraphQL.Types;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL;

/// <summary>Moderators' reads beside the queue: one item's recorded acts (the overdue ideas are IdeaBoxFields' overdueIdeas).</summary>
public static class ModerationHistoryFields
{
    public static void AddModerationHistoryQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModerationActEntryGraphType>>>>("moderationHistory")
            .Description("Moderators and admins: the acts recorded on an idea or comment, oldest first (the latest 100). Errors: FORBIDDEN.")
            .Argument<NonNullGraphType<ReportedKindGraphType>>("kind")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                var kind = c.GetArgument<ReportedKind>("kind") == ReportedKind.Idea ? ReportedItems.Idea : ReportedItems.Comment;
                return (await Reads(c).ActsAsync(actor.Tenant, kind, c.GetArgument<string>("id"), c.CancellationToken)).ToArray();
            });
    }

    private static ModerationHistoryReads Reads(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<ModerationHistoryReads>();
}
