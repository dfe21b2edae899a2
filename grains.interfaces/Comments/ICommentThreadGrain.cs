namespace Civic.Grains.Interfaces;

/// <summary>
/// The comments of one commented item, keyed "tenant/kind:itemId" (<see cref="CommentedItems.GrainKey"/>). It writes
/// them and holds only what its rules need (whether the item exists, each member's comments of the day): never the
/// thread, which is read from PostgreSQL pages. Votes go through the group-commit ledger and interleave.
/// </summary>
public interface ICommentThreadGrain : IGrainWithStringKey
{
    /// <summary>
    /// A member comments (VALIDATION past 1,000 characters or below a comment at the third level; NOT_FOUND for no
    /// such item or parent, and for a campaign not published or a vote not yet open; INVALID_TRANSITION under a deleted comment; QUOTA_EXCEEDED past the member's comments of
    /// the day on this item; FORBIDDEN on an idea hidden by moderation, but for its author and moderators).
    /// </summary>
    Task<CommentView> PostAsync(PostComment comment, Actor actor);

    /// <summary>The author edits the text; the previous one is kept (INVALID_TRANSITION once deleted).</summary>
    Task<CommentView> EditAsync(string commentId, string body, Actor actor);

    /// <summary>The author, or a moderator, deletes: the comment stays in place as deleted, its replies stay.</summary>
    Task<CommentView> DeleteAsync(string commentId, Actor actor);

    /// <summary>
    /// One vote per member and comment, not on one's own (FORBIDDEN): a vote the other way replaces the member's vote,
    /// the same vote again is ALREADY_VOTED.
    /// </summary>
    Task<CommentView> VoteAsync(string commentId, CommentVote vote, Actor actor);

    /// <summary>Withdraws the member's vote on the comment (nothing to withdraw changes nothing).</summary>
    Task<CommentView> WithdrawVoteAsync(string commentId, Actor actor);
}
