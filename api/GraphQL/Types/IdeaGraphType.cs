using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Civic.Api.Reads;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL.Types;

public sealed class IdeaGraphType : ObjectGraphType<IdeaView>
{
    public IdeaGraphType(IClusterClient cluster, DomainClock time)
    {
        Name = "Idea";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("boxId").Resolve(c => c.Source.BoxId);
        Field<NonNullGraphType<StringGraphType>>("authorId").Resolve(c => c.Source.AuthorId);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("body").Description("As the author wrote it (Markdown).").Resolve(c => c.Source.Body);
        Field<NonNullGraphType<StringGraphType>>("bodyHtml").Description("Sanitised HTML, safe to insert.").Resolve(c => c.Source.BodyHtml);
        Field<StringGraphType>("category").Resolve(c => c.Source.Category);
        Field<StringGraphType>("district").Resolve(c => c.Source.District);
        Field<GeoPointGraphType>("location").Resolve(c => c.Source.Location);
        Field<NonNullGraphType<IdeaStateGraphType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<IntGraphType>>("supportCount").Description("Live supports (lists may lag the idea by a second).").Resolve(c => c.Source.Supports);
        Field<NonNullGraphType<IntGraphType>>("version").Description("1, then one more per edit.").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("submittedAt").Resolve(c => c.Source.SubmittedAt);
        Field<DateTimeOffsetGraphType>("underReviewSince").Resolve(c => c.Source.UnderReviewSince);
        Field<DateTimeOffsetGraphType>("answerDueAt").Description("When an idea under review should have its answer.").Resolve(c => c.Source.AnswerDueAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdeaAnswerGraphType>>>>("answers")
            .ResolveAsync(async c =>
            {
                if (!c.Source.Answers.IsDefault)
                {
                    return c.Source.Answers.ToArray();
                }

                var view = await cluster.GetGrain<IIdeaGrain>(GrainKeys.Compound(c.Civic().RequireTenant().Slug, c.Source.Id)).GetAsync();
                return view?.Answers.ToArray() ?? [];
            });
        Field<NonNullGraphType<BooleanGraphType>>("hidden").Description("Hidden by a moderator, or by itself at the box's reportsToHide reports.")
            .ResolveAsync(async c => (await ListingAsync(c))?.HiddenReason is not null);
        Field<StringGraphType>("hiddenReason").Description("Why it is hidden: shown to its author and moderators only.")
            .ResolveAsync(async c => IdeaBoxFields.MaySeeHidden(c.Civic().Viewer(), c.Source.AuthorId) ? (await ListingAsync(c))?.HiddenReason : null);
        Field<NonNullGraphType<IntGraphType>>("commentCount").Description("Comments not deleted, replies included (0 on a hidden idea for all but its author and moderators).")
            .ResolveAsync(async c => await HiddenFromViewerAsync(c) ? 0 : (await ListingAsync(c))?.CommentCount ?? 0);
        Field<NonNullGraphType<BooleanGraphType>>("supportedByMe").Description("Whether the signed-in member supports it (false when anonymous).")
            .ResolveAsync(async c => c.Civic().Viewer() is not null && ((await ListingAsync(c))?.SupportedByMe ?? false));
        Field<NonNullGraphType<ConnectionType<CommentGraphType>>>("comments")
            .Description("The comments on the idea itself (their replies under each), 20 a page by default; none on a hidden idea for all but its author and moderators.")
            .Argument<CommentOrderGraphType>("order", "Defaults to NEWEST.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await HiddenFromViewerAsync(c)
                ? Connections.Of(Array.Empty<CommentView>(), r => r, r => r.Id, hasNextPage: false, hasPreviousPage: false)
                : await CommentPages.PageAsync(c, CommentedItems.Idea, c.Source.Id, parentId: null));
        Field<NonNullGraphType<ConnectionType<IdeaSupporterGraphType>>>("supports")
            .Description("""
                The live supports, newest first, 20 a page by default; totalCount is the live count for everyone. Who
                supports what is a political opinion (GDPR art. 9): moderators and admins see every supporter, a member
                only their own support, the anonymous none.
                """)
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var tenant = c.Civic().RequireTenant().Slug;
                var first = Cursors.PageSize(c.GetArgument<int?>("first"));
                var cursor = c.GetArgument<string?>("after");
                var after = Cursors.TimeKeyFrom(cursor, "supporter");
                var viewer = c.Civic().Viewer();
                if (viewer is null)
                {
                    return Connections.Of(Array.Empty<SupporterRow>(), r => r, r => "", false, cursor is not null, c.Source.Supports);
                }

                var (rows, hasMore) = await c.RequestServices!.GetRequiredService<IdeaReads>().SupportersAsync(
                    tenant, c.Source.Id, viewer.IsAtLeast(Role.Moderator) ? null : viewer.UserId, first, after, c.CancellationToken);
                return Connections.Of(rows, r => r, r => Cursors.ForTimeKey("supporter", r.SupportedAt, r.MemberId), hasMore, cursor is not null, c.Source.Supports);
            });
        Field<IdGraphType>("voteId").Description("TURNED_INTO_PROJECT: the vote the idea is an option of.").Resolve(c => c.Source.Project?.VoteId);
        Field<VoteOptionGraphType>("voteOption")
            .Description("TURNED_INTO_PROJECT: the vote's option the idea became (its cost, and its votes as the vote shows them); its ideaId links back.")
            .ResolveAsync(async c =>
            {
                if (c.Source.Project is not { } project || cluster.VoteOrNull(c.Civic().RequireTenant().Slug, project.VoteId) is not { } vote)
                {
                    return null;
                }

                var summary = await vote.GetAsync(c.Civic().Viewer());
                return summary?.Options.FirstOrDefault(o => o.Id == project.OptionId) is { } option ? VoteOptionView.Of(option, summary) : null;
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdeaVersionGraphType>>>>("versions")
            .Description("Every earlier version, oldest first (the current text is the idea's own).")
            .ResolveAsync(async c => (await ListingAsync(c))?.HiddenReason is not null && !IdeaBoxFields.MaySeeHidden(c.Civic().Viewer(), c.Source.AuthorId)
                ? []
                : (await cluster.GetGrain<IIdeaGrain>(GrainKeys.Compound(c.Civic().RequireTenant().Slug, c.Source.Id)).VersionsAsync())
                    .Select((v, i) => (Version: i + 1, Text: v)).ToArray());
        Field<NonNullGraphType<BooleanGraphType>>("mayEdit")
            .Description("Whether the viewer may edit it now: its author, within 15 minutes of submitting, before any support or answer.")
            .ResolveAsync(async c => IsAuthor(c) && IdeaEditing.CanEdit(c.Source.State, c.Source.SubmittedAt, time.GetUtcNow(), c.Source.Supports, await AnsweredAsync(cluster, c)));
        Field<DateTimeOffsetGraphType>("editableUntil")
            .Description("For its author while mayEdit: when the edit window ends (a support or an answer ends it sooner); null otherwise.")
            .ResolveAsync(async c => IsAuthor(c) && IdeaEditing.CanEdit(c.Source.State, c.Source.SubmittedAt, time.GetUtcNow(), c.Source.Supports, await AnsweredAsync(cluster, c))
                ? c.Source.SubmittedAt + IdeaEditing.EditWindow
                : (DateTimeOffset?)null);
        Field<NonNullGraphType<BooleanGraphType>>("mayWithdraw")
            .Description("Whether the viewer may withdraw it: its author, while nobody supports it and before it is accepted or rejected.")
            .Resolve(c => IsAuthor(c) && IdeaEditing.CanWithdraw(c.Source.State, c.Source.Supports));
    }

    private static bool IsAuthor(IResolveFieldContext<IdeaView> c) => c.Civic().Viewer()?.UserId == c.Source.AuthorId;

    /// <summary>Whether a moderator answered it: from the view, or (a list's row carries no answers) from the idea's grain.</summary>
    private static async Task<bool> AnsweredAsync(IClusterClient cluster, IResolveFieldContext<IdeaView> c)
    {
        if (!c.Source.Answers.IsDefault)
        {
            return c.Source.Answers.Length > 0;
        }

        var view = await cluster.GetGrain<IIdeaGrain>(GrainKeys.Compound(c.Civic().RequireTenant().Slug, c.Source.Id)).GetAsync();
        return view is { Answers.Length: > 0 };
    }

    /// <summary>Hidden by moderation, and the viewer is neither its author nor a moderator: its text and discussion are not theirs to read.</summary>
    private static async Task<bool> HiddenFromViewerAsync(IResolveFieldContext<IdeaView> c) =>
        !IdeaBoxFields.MaySeeHidden(c.Civic().Viewer(), c.Source.AuthorId) && (await ListingAsync(c))?.HiddenReason is not null;

    /// <summary>What a list read with the row; for a view straight from the idea's grain (a mutation's answer), one query.</summary>
    private static async Task<IdeaListing?> ListingAsync(IResolveFieldContext<IdeaView> c) =>
        c.Source.Listing ?? await c.RequestServices!.GetRequiredService<Civic.Api.Reads.IdeaReads>()
            .ListingAsync(c.Civic().RequireTenant().Slug, c.Source.Id, c.Civic().Viewer()?.UserId, c.CancellationToken);
}
