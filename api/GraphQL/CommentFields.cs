using System.Globalization;
using Civic.Api.GraphQL.Types;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL;

/// <summary>
/// Comments (issue 11) on ideas, campaigns and vote projects: the mutations, one call to the commented item's grain each, and the pages read from
/// PostgreSQL (<see cref="CommentReads"/>), 20 a page by default, NEWEST or BEST first, with keyset cursors.
/// </summary>
public static class CommentFields
{
    public static void AddCommentMutations(this ObjectGraphType mutation, IClusterClient cluster)
    {
        mutation.Field<NonNullGraphType<CommentGraphType>>("commentIdea")
            .Description("""
                A member comments on an idea, or replies to one of its comments (input.parentId). Errors: NOT_FOUND (no such
                idea or parent), VALIDATION (empty, over 1,000 characters, or a reply below the third level),
                INVALID_TRANSITION (a reply to a deleted comment), QUOTA_EXCEEDED (the member's comments of the day on the idea).
                """)
            .Argument<NonNullGraphType<IdGraphType>>("ideaId")
            .Argument<NonNullGraphType<CommentInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var ideaId = c.GetArgument<string>("ideaId");
                return await PostAsync(c, cluster, CommentedItems.Idea, GrainKeys.IsWellFormed(ideaId, IdPrefixes.Idea) ? ideaId : null);
            });

        mutation.Field<NonNullGraphType<CommentGraphType>>("commentCampaign")
            .Description("""
                A member comments on a published campaign, or replies to one of its comments (input.parentId); the same
                threads, votes, reports and quota as an idea's. Errors: NOT_FOUND (no such campaign in the tenant, a draft or
                one in review, rejected, or no such parent), VALIDATION, INVALID_TRANSITION, QUOTA_EXCEEDED, as commentIdea.
                """)
            .Argument<NonNullGraphType<IdGraphType>>("campaignId")
            .Argument<NonNullGraphType<CommentInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var campaignId = c.GetArgument<string>("campaignId");
                return await PostAsync(c, cluster, CommentedItems.Campaign, GrainKeys.IsWellFormed(campaignId, IdPrefixes.Campaign) ? campaignId : null);
            });

        mutation.Field<NonNullGraphType<CommentGraphType>>("commentVoteOption")
            .Description("""
                A member comments on a project (option) of a vote that is open or closed, or replies to one of its comments
                (input.parentId); the same threads, votes, reports and quota as an idea's. Errors: NOT_FOUND (no such vote in
                the tenant, a vote not yet open, no such option, or no such parent), VALIDATION, INVALID_TRANSITION,
                QUOTA_EXCEEDED, as commentIdea.
                """)
            .Argument<NonNullGraphType<IdGraphType>>("voteId")
            .Argument<NonNullGraphType<IdGraphType>>("optionId")
            .Argument<NonNullGraphType<CommentInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var voteId = c.GetArgument<string>("voteId");
                var optionId = c.GetArgument<string>("optionId");
                var wellFormed = GrainKeys.IsWellFormed(voteId, IdPrefixes.Vote) && optionId.Length is > 0 and <= 200;
                return await PostAsync(c, cluster, CommentedItems.VoteOption, wellFormed ? CommentedItems.VoteOptionId(voteId, optionId) : null);
            });

        mutation.Field<NonNullGraphType<CommentGraphType>>("editComment")
            .Description("The author edits a comment (the previous text is kept in versions). Errors: NOT_FOUND, FORBIDDEN, VALIDATION, INVALID_TRANSITION (deleted).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("body")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var id = c.GetArgument<string>("id");
                return await (await ThreadOfAsync(c, cluster, actor.Tenant, id)).EditAsync(id, c.GetArgument<string>("body"), actor);
            });

        mutation.Field<NonNullGraphType<CommentGraphType>>("deleteComment")
            .Description("The author or a moderator deletes a comment: it stays in place as deleted and its replies stay. Errors: NOT_FOUND, FORBIDDEN.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var id = c.GetArgument<string>("id");
                return await (await ThreadOfAsync(c, cluster, actor.Tenant, id)).DeleteAsync(id, actor);
            });

        mutation.Field<NonNullGraphType<CommentGraphType>>("withdrawCommentVote")
            .Description("Takes back the caller's vote on a comment (none to take back changes nothing). Errors: FORBIDDEN (one's own comment), NOT_FOUND, INVALID_TRANSITION (deleted, or a vote of the caller still in flight).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var id = c.GetArgument<string>("id");
                return await (await ThreadOfAsync(c, cluster, actor.Tenant, id)).WithdrawVoteAsync(id, actor);
            });

        mutation.Field<NonNullGraphType<CommentGraphType>>("voteComment")
            .Description("""
                One up or down vote per member and comment: voting the other way replaces the caller's vote (the counts move
                by one each), the same vote again is ALREADY_VOTED. Errors: ALREADY_VOTED, FORBIDDEN (one's own comment),
                NOT_FOUND, INVALID_TRANSITION (deleted, or a vote of the caller still in flight).
                """)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<CommentVoteGraphType>>("vote")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var id = c.GetArgument<string>("id");
                return await (await ThreadOfAsync(c, cluster, actor.Tenant, id)).VoteAsync(id, c.GetArgument<CommentVote>("vote"), actor);
            });
    }

    /// <summary>A comment on the item (null: an id that cannot be one, NOT_FOUND), by the caller, in the caller's tenant.</summary>
    private static async Task<CommentView> PostAsync(IResolveFieldContext c, IClusterClient cluster, string kind, string? itemId)
    {
        var actor = c.Civic().RequireActor();
        if (itemId is null)
        {
            throw new CivicException(ErrorCodes.NotFound, $"Nothing to comment on with this id ({kind}).");
        }

        var i = c.GetArgument<CommentInput>("input");
        if (i.ParentId is { } parent && !GrainKeys.IsWellFormed(parent, IdPrefixes.Comment))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such comment to reply to.");
        }

        return await Thread(cluster, actor.Tenant, kind, itemId).PostAsync(new PostComment(i.Body, i.Stance ?? CommentStance.Neutral, i.ParentId), actor);
    }

    private static ICommentThreadGrain Thread(IClusterClient cluster, string tenant, string kind, string itemId) =>
        cluster.GetGrain<ICommentThreadGrain>(CommentedItems.GrainKey(tenant, kind, itemId));

    private static async Task<ICommentThreadGrain> ThreadOfAsync(IResolveFieldContext c, IClusterClient cluster, string tenant, string commentId)
    {
        var item = GrainKeys.IsWellFormed(commentId, IdPrefixes.Comment)
            ? await c.RequestServices!.GetRequiredService<CommentReads>().ItemOfAsync(tenant, commentId, c.CancellationToken)
            : null;
        return item is { } found ? Thread(cluster, tenant, found.Kind, found.ItemId) : throw new CivicException(ErrorCodes.NotFound, "No such comment.");
    }
}

/// <summary>One page of one level of a thread, as a connection: the arguments order, first and after of the field.</summary>
public static class CommentPages
{
    private const string Kind = "comment";

    public static async Task<object> PageAsync(IResolveFieldContext c, string kind, string itemId, string? parentId)
    {
        var tenant = c.Civic().RequireTenant();
        var order = c.GetArgument<CommentOrder?>("order") ?? CommentOrder.Newest;
        var first = Cursors.PageSize(c.GetArgument<int?>("first"));
        var cursor = c.GetArgument<string?>("after");
        var after = KeyFrom(cursor);
        var (rows, hasMore) = await c.RequestServices!.GetRequiredService<CommentReads>()
            .PageAsync(tenant.Slug, kind, itemId, parentId, order, first, after, c.CancellationToken);
        return Connections.Of(rows, r => r, Cursor, hasMore, cursor is not null);
    }

    /// <summary>The comment's score and time: one cursor serves both orders (NEWEST ignores the score).</summary>
    private static string Cursor(CommentView r) =>
        Cursors.ForKey(Kind, FormattableString.Invariant($"{r.Score}:{r.CreatedAt.UtcTicks}"), r.Id);

    private static CommentKey? KeyFrom(string? cursor)
    {
        if (Cursors.KeyFrom(cursor, Kind) is not { } key)
        {
            return null;
        }

        var parts = key.Key.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3155378975999999999
            && GrainKeys.IsWellFormed(key.Id, IdPrefixes.Comment))
        {
            return new CommentKey(score, new DateTimeOffset(ticks, TimeSpan.Zero), key.Id);
        }

        throw new CivicException(ErrorCodes.Validation, "The cursor is not valid.");
    }
}
