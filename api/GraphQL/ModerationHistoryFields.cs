using Civic.Api.GraphQL.Types;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL;

/// <summary>Moderators' reads beside the queue: one item's recorded acts, and the ideas whose answer is overdue.</summary>
public static class ModerationHistoryFields
{
    public static void AddModerationHistoryQueries(this ObjectGraphType query, DomainClock time)
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

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OverdueIdeaGraphType>>>>("overdueIdeas")
            .Description("Moderators and admins: ideas under review past their box's answer deadline, across the tenant's boxes, most overdue first. Errors: FORBIDDEN.")
            .Argument<IntGraphType>("first", "At most 100 (the default 20).")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                return (await Reads(c).OverdueAsync(actor.Tenant, time.GetUtcNow(), Cursors.PageSize(c.GetArgument<int?>("first")), c.CancellationToken)).ToArray();
            });
    }

    private static ModerationHistoryReads Reads(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<ModerationHistoryReads>();
}
