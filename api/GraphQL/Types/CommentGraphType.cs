using Civic.Api.GraphQL.Loaders;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL.Types;

/// <summary>A comment; a deleted one keeps its place and its replies, without its text or author.</summary>
public sealed class CommentGraphType : ObjectGraphType<CommentView>
{
    public CommentGraphType()
    {
        Name = "Comment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<IdGraphType>("parentId").Description("The comment this one replies to; null on the item itself.").Resolve(c => c.Source.ParentId);
        Field<NonNullGraphType<IntGraphType>>("depth").Description("1 on the item, 2 a reply, 3 a reply to a reply (the deepest).").Resolve(c => c.Source.Depth);
        Field<StringGraphType>("authorId").Description("Null once deleted.").Resolve(c => c.Source.Deleted ? null : c.Source.AuthorId);
        Field<NonNullGraphType<BooleanGraphType>>("hidden").Description("Hidden by a moderator, or by itself at the box's reportsToHide reports.").Resolve(c => c.Source.Hidden);
        Field<StringGraphType>("hiddenReason").Description("Why it is hidden: shown to its author and moderators only.")
            .Resolve(c => c.Source.Hidden && MaySeeHidden(c) ? c.Source.HiddenReason : null);
        Field<NonNullGraphType<CommentStanceGraphType>>("stance").Resolve(c => c.Source.Stance);
        Field<StringGraphType>("body").Description("As written (Markdown); null once deleted, and when hidden for all but its author and moderators.").Resolve(c => Shown(c) ? c.Source.Body : null);
        Field<StringGraphType>("bodyHtml").Description("Sanitised HTML, safe to insert; null as body is.").Resolve(c => Shown(c) ? c.Source.BodyHtml : null);
        Field<NonNullGraphType<BooleanGraphType>>("deleted").Description("Shown in place as deleted; its replies stay.").Resolve(c => c.Source.Deleted);
        Field<NonNullGraphType<IntGraphType>>("ups").Resolve(c => c.Source.Ups);
        Field<NonNullGraphType<IntGraphType>>("downs").Resolve(c => c.Source.Downs);
        Field<NonNullGraphType<IntGraphType>>("score").Description("Ups minus downs: the BEST order.").Resolve(c => c.Source.Score);
        Field<CommentVoteGraphType>("myVote").Description("The signed-in member's vote on it (null: none, or anonymous); voteComment changes it, withdrawCommentVote takes it back.")
            .Resolve(c => c.RequestServices!.GetRequiredService<IdeaLoaders>().MyVotes.Load(c.Source.Id));
        Field<NonNullGraphType<IntGraphType>>("replyCount").Resolve(c => c.Source.Replies);
        Field<NonNullGraphType<IntGraphType>>("version").Description("1, then one more per edit.").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeOffsetGraphType>("editedAt").Resolve(c => c.Source.EditedAt);
        Field<NonNullGraphType<ConnectionType<CommentGraphType>>>("replies")
            .Description("The replies to this comment, 20 a page by default.")
            .Argument<CommentOrderGraphType>("order", "Defaults to NEWEST.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await CommentPages.PageAsync(c, c.Source.ItemKind, c.Source.ItemId, c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentVersionGraphType>>>>("versions")
            .Description("Every earlier text, oldest first; none once deleted.")
            .ResolveAsync(async c => !Shown(c)
                ? []
                : (await c.RequestServices!.GetRequiredService<CommentReads>().VersionsAsync(c.Civic().RequireTenant().Slug, c.Source.Id, c.CancellationToken)).ToArray());
        Field<NonNullGraphType<StringGraphType>>("itemKind").Description("What it comments on: idea, campaign or vote-option (a vote's project; its itemId is voteId:optionId).").Resolve(c => c.Source.ItemKind);
        Field<NonNullGraphType<IdGraphType>>("itemId").Description("The id of the item it comments on.").Resolve(c => c.Source.ItemId);
    }

    private static bool Shown(IResolveFieldContext<CommentView> c) => !c.Source.Deleted && (!c.Source.Hidden || MaySeeHidden(c));

    private static bool MaySeeHidden(IResolveFieldContext<CommentView> c) =>
        c.Civic().Viewer() is { } viewer && (viewer.UserId == c.Source.AuthorId || viewer.IsAtLeast(Role.Moderator));
}

public sealed class CommentVersionGraphType : ObjectGraphType<CommentVersion>
{
    public CommentVersionGraphType()
    {
        Name = "CommentVersion";
        Field<NonNullGraphType<IntGraphType>>("version").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(c => c.Source.Body);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("replacedAt").Resolve(c => c.Source.ReplacedAt);
    }
}
