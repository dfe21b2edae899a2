namespace Civic.Grains.Interfaces;

/// <summary>
/// What the author of an idea may still do with it: the idea's grain enforces these, and the API answers them to the
/// author (Idea.mayEdit, editableUntil, mayWithdraw) so the page offers only what will be accepted.
/// </summary>
public static class IdeaEditing
{
    /// <summary>How long after submitting the author may still edit, unless a support or an answer comes first.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The author may edit for <see cref="EditWindow"/> after submitting, and only until the first support or
    /// the first answer, whichever comes first; never once withdrawn.
    /// </summary>
    public static bool CanEdit(IdeaState state, DateTimeOffset submittedAt, DateTimeOffset now, int supports, bool answered) =>
        state is IdeaState.Submitted or IdeaState.UnderReview
        && now - submittedAt <= EditWindow && supports == 0 && !answered;

    /// <summary>The author may withdraw an idea nobody supports, until a moderator accepts or rejects it.</summary>
    public static bool CanWithdraw(IdeaState state, int supports) =>
        supports == 0 && state is IdeaState.Submitted or IdeaState.UnderReview;
}
