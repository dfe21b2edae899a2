using Civic.Api.GraphQL.Types;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL;

/// <summary>Reports and moderation (issue 11): one call to the reported item's moderation grain per mutation; the queue from PostgreSQL.</summary>
public static class ModerationFields
{
    public static void AddModerationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<QueuedItemGraphType>>>("moderationQueue")
            .Description("Moderators and admins: ideas and comments with live reports, latest reported first. Errors: FORBIDDEN, VALIDATION (cursor).")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                var first = Cursors.PageSize(c.GetArgument<int?>("first"));
                var after = Cursors.TimeKeyFrom(c.GetArgument<string?>("after"), "queue");
                var (rows, hasMore) = await c.RequestServices!.GetRequiredService<ModerationReads>().QueueAsync(actor.Tenant, first, after, c.CancellationToken);
                return Connections.Of(rows, r => r, r => Cursors.ForTimeKey("queue", r.LastReportedAt, $"{r.Kind}:{r.ItemId}"),
                    hasMore, c.GetArgument<string?>("after") is not null);
            });
    }

    public static void AddNotificationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<NotificationGraphType>>>("myNotifications")
            .Description("The signed-in member's notifications, newest first: their idea or comment hidden (by its reports or a moderator) or shown again, with the reason; an update posted on a campaign they backed. Errors: UNAUTHENTICATED, VALIDATION (cursor).")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var first = Cursors.PageSize(c.GetArgument<int?>("first"));
                var after = Cursors.TimeKeyFrom(c.GetArgument<string?>("after"), "notification");
                var (rows, hasMore) = await c.RequestServices!.GetRequiredService<ModerationReads>()
                    .NotificationsAsync(actor.Tenant, actor.UserId, first, after, c.CancellationToken);
                return Connections.Of(rows, r => r, r => Cursors.ForTimeKey("notification", r.CreatedAt, r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    hasMore, c.GetArgument<string?>("after") is not null);
            });

        query.Field<NonNullGraphType<IntGraphType>>("myUnreadNotificationCount")
            .Description("How many of the signed-in member's notifications are not read yet. Errors: UNAUTHENTICATED.")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await c.RequestServices!.GetRequiredService<ModerationReads>().UnreadNotificationsAsync(actor.Tenant, actor.UserId, c.CancellationToken);
            });
    }

    public static void AddNotificationMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<NotificationGraphType>>("markNotificationRead")
            .Description("""
                The signed-in member marks one of their notifications read; marking it again changes nothing (readAt stays the
                first time). Errors: UNAUTHENTICATED, NOT_FOUND (no notification of the caller's with this id, another member's included).
                """)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var id = long.TryParse(c.GetArgument<string>("id"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (long?)null;
                var services = c.RequestServices!;
                return id is { } found && await services.GetRequiredService<NotificationMarks>()
                        .MarkReadAsync(actor.Tenant, actor.UserId, found, services.GetRequiredService<DomainClock>().GetUtcNow(), c.CancellationToken) is { } row
                    ? row
                    : throw new CivicException(ErrorCodes.NotFound, "No such notification.");
            });

        mutation.Field<NonNullGraphType<IntGraphType>>("markAllNotificationsRead")
            .Description("The signed-in member marks all their notifications read: how many were unread (0 the second time). Errors: UNAUTHENTICATED.")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var services = c.RequestServices!;
                return await services.GetRequiredService<NotificationMarks>()
                    .MarkAllReadAsync(actor.Tenant, actor.UserId, services.GetRequiredService<DomainClock>().GetUtcNow(), c.CancellationToken);
            });
    }

    public static void AddModerationMutations(this ObjectGraphType mutation, IClusterClient cluster)
    {
        mutation.Field<NonNullGraphType<ModerationGraphType>>("reportContent")
            .Description("""
                A member reports an idea or a comment, once. At the box's reportsToHide live reports (3 by default) it hides
                itself, once, and its author is told. Errors: NOT_FOUND, ALREADY_EXISTS (reported already), FORBIDDEN (one's
                own), VALIDATION (text over 2,000 characters, or missing for OTHER).
                """)
            .Argument<NonNullGraphType<ReportedKindGraphType>>("kind")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ReportReasonGraphType>>("reason")
            .Argument<StringGraphType>("text")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await Grain(cluster, actor.Tenant, c.GetArgument<ReportedKind>("kind"), c.GetArgument<string>("id"))
                    .ReportAsync(c.GetArgument<ReportReason>("reason"), c.GetArgument<string?>("text") ?? "", actor);
            });

        mutation.Field<NonNullGraphType<ModerationGraphType>>("moderateContent")
            .Description("Moderators and admins hide, restore, or dismiss the reports of an idea or comment, with a reason; every act is recorded. Errors: FORBIDDEN, NOT_FOUND, VALIDATION.")
            .Argument<NonNullGraphType<ReportedKindGraphType>>("kind")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ModerationActGraphType>>("act")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                return await Grain(cluster, actor.Tenant, c.GetArgument<ReportedKind>("kind"), c.GetArgument<string>("id"))
                    .ModerateAsync(c.GetArgument<ModerationAct>("act"), c.GetArgument<string>("reason"), actor);
            });
    }

    private static IModerationGrain Grain(IClusterClient cluster, string tenant, ReportedKind kind, string id)
    {
        var (name, prefix) = kind == ReportedKind.Idea ? (ReportedItems.Idea, IdPrefixes.Idea) : (ReportedItems.Comment, IdPrefixes.Comment);
        return GrainKeys.IsWellFormed(id, prefix)
            ? cluster.GetGrain<IModerationGrain>(ReportedItems.GrainKey(tenant, name, id))
            : throw new CivicException(ErrorCodes.NotFound, "Nothing to report with this id.");
    }
}
