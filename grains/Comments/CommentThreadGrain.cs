using Civic.Grains.Faults;
using Civic.Grains.Common;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace Civic.Grains.Comments;

/// <summary>
/// The comments of one item (keyed "tenant/kind:itemId"). It holds whether the item takes comments and each
/// member's comments of the current UTC day on it (the quota), loaded on activation; every comment it needs
/// otherwise (a parent, the one edited) is one row read. Posts, edits and deletes are its turns; votes go
/// through the group-commit ledger and interleave, at their ledger await only.
/// </summary>
[MayInterleave(nameof(CanInterleave))]
public sealed class CommentThreadGrain(CommentStore store, LedgerWriter ledger, DomainClock time, IOptions<QuotaOptions> quotas,
    ILogger<CommentThreadGrain> logger) : CivicGrain, ICommentThreadGrain
{
    private bool _exists;
    private DateOnly _day;
    private Dictionary<string, int> _today = new(StringComparer.Ordinal);

    /// <summary>The (comment, member) votes in flight: one per member and comment at a time.</summary>
    private readonly HashSet<(string Comment, string Member)> _voting = [];

    private string Tenant => GrainKeys.Split(this.GetPrimaryKeyString()).Tenant;

    private (string Kind, string Id) Item
    {
        get
        {
            var id = GrainKeys.Split(this.GetPrimaryKeyString()).Id;
            var colon = id.IndexOf(':', StringComparison.Ordinal);
            return (id[..colon], id[(colon + 1)..]);
        }
    }

    public static bool CanInterleave(IInvokable request) => request.GetMethodName() is nameof(VoteAsync) or nameof(WithdrawVoteAsync);

    protected override async Task ActivateAsync(CancellationToken cancellationToken)
    {
        _exists = await TakesCommentsAsync();
        if (_exists)
        {
            await LoadDayAsync(time.GetUtcNow());
        }
    }

    public async Task<CommentView> PostAsync(PostComment comment, Actor actor)
    {
        RequireMember(actor);
        await RequireItemAsync();
        TextRules.Require("The comment", comment.Body, TextLimits.CommentBody);
        var now = time.GetUtcNow();
        if (DateOnly.FromDateTime(now.UtcDateTime) != _day)
        {
            await LoadDayAsync(now);
        }

        var limit = quotas.Value.CommentsPerMemberPerItemPerDay;
        var written = _today.GetValueOrDefault(actor.UserId);
        if (written >= limit)
        {
            throw new CivicException(ErrorCodes.QuotaExceeded, $"At most {limit} comments a day on one item (quota CommentsPerMemberPerItemPerDay).");
        }

        await RequireOpenDiscussionAsync(actor, "comments");

        var depth = 1;
        if (comment.ParentId is { } parentId)
        {
            var parent = await store.CommentAsync(Tenant, parentId);
            if (parent is null || parent.ItemKind != Item.Kind || parent.ItemId != Item.Id)
            {
                throw new CivicException(ErrorCodes.NotFound, "No such comment to reply to.");
            }

            if (parent.Deleted)
            {
                throw new CivicException(ErrorCodes.InvalidTransition, "A deleted comment takes no replies.");
            }

            depth = parent.Depth + 1;
            if (depth > CommentedItems.MaxDepth)
            {
                throw new CivicException(ErrorCodes.Validation, $"Threads are at most {CommentedItems.MaxDepth} levels deep: reply to the comment above.");
            }
        }

        var view = new CommentView(GrainKeys.NewId(IdPrefixes.Comment), Item.Kind, Item.Id, comment.ParentId, depth, actor.UserId,
            comment.Stance, comment.Body, RichText.ToHtml(comment.Body), 1, now, null, null, 0, 0, 0);
        await store.InsertAsync(Tenant, view);
        Live.LiveItems.Touched(GrainFactory, Tenant, Item.Kind, Item.Id);
        _today[actor.UserId] = written + 1;
        logger.LogInformation("Comment {Comment} on {Kind} {Item} of {Tenant}", view.Id, Item.Kind, Item.Id, Tenant);
        return view;
    }

    public async Task<CommentView> EditAsync(string commentId, string body, Actor actor)
    {
        var comment = await CommentAsync(commentId);
        if (actor.Tenant != Tenant || actor.UserId != comment.AuthorId)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the comment's author may edit it.");
        }

        if (comment.Deleted)
        {
            throw new CivicException(ErrorCodes.InvalidTransition, "A deleted comment cannot be edited.");
        }

        TextRules.Require("The comment", body, TextLimits.CommentBody);
        await store.EditAsync(Tenant, comment, body, RichText.ToHtml(body), time.GetUtcNow());
        return await CommentAsync(commentId);
    }

    public async Task<CommentView> DeleteAsync(string commentId, Actor actor)
    {
        var comment = await CommentAsync(commentId);
        var mayDelete = actor.Tenant == Tenant && (actor.UserId == comment.AuthorId || actor.IsAtLeast(Role.Moderator));
        if (!mayDelete)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the comment's author or a moderator may delete it.");
        }

        if (!comment.Deleted)
        {
            await store.DeleteAsync(Tenant, comment, actor.UserId, time.GetUtcNow());
            Live.LiveItems.Touched(GrainFactory, Tenant, Item.Kind, Item.Id);
        }

        return await CommentAsync(commentId);
    }

    public Task<CommentView> VoteAsync(string commentId, CommentVote vote, Actor actor) => WriteVoteAsync(commentId, (int)vote, actor);

    public Task<CommentView> WithdrawVoteAsync(string commentId, Actor actor) => WriteVoteAsync(commentId, 0, actor);

    /// <summary>
    /// A vote (+1, -1) or its withdrawal (0), through the ledger. A member has one such request in flight per comment
    /// (INVALID_TRANSITION for a second at once), so the ledger's statement sees the member's previous vote as it is.
    /// </summary>
    private async Task<CommentView> WriteVoteAsync(string commentId, int value, Actor actor)
    {
        RequireMember(actor);
        var comment = await CommentAsync(commentId);
        if (comment.AuthorId == actor.UserId)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Members do not vote on their own comments.");
        }

        if (comment.Deleted)
        {
            throw new CivicException(ErrorCodes.InvalidTransition, "A deleted comment takes no votes.");
        }

        if (value != 0)
        {
            await RequireOpenDiscussionAsync(actor, "votes");
        }

        var key = (commentId, actor.UserId);
        if (!_voting.Add(key))
        {
            throw new CivicException(ErrorCodes.InvalidTransition, "Your vote on this comment is still being recorded: try again in a moment.");
        }

        CommitOutcome outcome;
        try
        {
            outcome = await ledger.AppendAsync(new CommentVoteEntry(Tenant, commentId, actor.UserId, value, time.GetUtcNow()));
        }
        catch (LedgerUnavailableException ex)
        {
            throw ex.ToCivicError("The vote");
        }
        finally
        {
            _voting.Remove(key);
        }

        switch (outcome)
        {
            case CommitOutcome.Duplicate when value != 0:
                throw new CivicException(ErrorCodes.AlreadyVoted, "You already voted so on this comment: vote the other way, or withdraw your vote.");
            case CommitOutcome.Rejected:
                throw new CivicException(ErrorCodes.Rejected, "The vote was refused by the database.");
        }

        return await CommentAsync(commentId);
    }

    /// <summary>
    /// A hidden idea's discussion is for its author and moderators until it is restored: nobody else adds to it,
    /// neither comments nor votes (a vote's withdrawal is still allowed: it adds nothing).
    /// </summary>
    private async Task RequireOpenDiscussionAsync(Actor actor, string what)
    {
        if (await store.HiddenItemAuthorAsync(Tenant, Item.Kind, Item.Id) is { } author && author != actor.UserId && !actor.IsAtLeast(Role.Moderator))
        {
            throw new CivicException(ErrorCodes.Forbidden, $"This idea is hidden by moderation: it takes no {what} until it is restored.");
        }
    }

    private async Task<CommentView> CommentAsync(string commentId)
    {
        var comment = GrainKeys.IsWellFormed(commentId, IdPrefixes.Comment) ? await store.CommentAsync(Tenant, commentId) : null;
        if (comment is null || comment.ItemKind != Item.Kind || comment.ItemId != Item.Id)
        {
            throw new CivicException(ErrorCodes.NotFound, "No such comment.");
        }

        return comment;
    }

    /// <summary>
    /// The item may have been created (or published) after this grain looked: look again before refusing. A campaign
    /// or a vote is asked at every post, as its own grain decides who sees it; an idea once seen stays commentable.
    /// </summary>
    private async Task RequireItemAsync()
    {
        if (!_exists || Item.Kind != CommentedItems.Idea)
        {
            var was = _exists;
            _exists = await TakesCommentsAsync();
            if (!_exists)
            {
                throw new CivicException(ErrorCodes.NotFound, "Nothing to comment on with this id.");
            }

            if (!was)
            {
                await LoadDayAsync(time.GetUtcNow());
            }
        }
    }

    /// <summary>
    /// Whether the item takes comments: an idea not withdrawn; a campaign that is public (not a draft, nor in review,
    /// nor rejected); an option of a vote that is open or closed. Unpublished items are NOT_FOUND to commenters,
    /// as they are to readers.
    /// </summary>
    private async Task<bool> TakesCommentsAsync()
    {
        var (kind, id) = Item;
        switch (kind)
        {
            case CommentedItems.Idea:
                return await store.ItemExistsAsync(Tenant, kind, id);
            case CommentedItems.Campaign:
                return GrainKeys.IsWellFormed(id, IdPrefixes.Campaign)
                    && await GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.Compound(Tenant, id)).GetAsync(null) is { } campaign
                    && Campaigns.CampaignViews.IsPublic(campaign.Status);
            case CommentedItems.VoteOption:
                return CommentedItems.SplitVoteOptionId(id) is { } option
                    && GrainKeys.IsWellFormed(option.VoteId, IdPrefixes.Vote)
                    && await GrainFactory.GetGrain<IVoteGrain>(GrainKeys.Compound(Tenant, option.VoteId)).GetAsync(null) is { } vote
                    && vote.Status != VoteStatus.Draft
                    && vote.Options.Any(o => o.Id == option.OptionId);
            default:
                return false;
        }
    }

    private async Task LoadDayAsync(DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        _today = await store.CommentsSinceAsync(Tenant, Item.Kind, Item.Id, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        _day = day;
    }

    private void RequireMember(Actor actor)
    {
        if (!actor.IsTenantRole || actor.Tenant != Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Members comment in their own tenant.");
        }
    }
}
