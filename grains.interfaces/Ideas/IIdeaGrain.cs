using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// One idea, keyed "tenant/ideaId": its state machine, edits, answers and supports. Supports are ledger rows
/// (one per member and idea); reaching the box's threshold moves the idea to review in the same turn.
/// </summary>
public interface IIdeaGrain : IGrainWithStringKey
{
    /// <summary>From its box only.</summary>
    Task<IdeaView> CreateAsync(IdeaDraft draft);

    Task<IdeaView?> GetAsync();

    Task<SupportResult> SupportAsync(Actor actor);

    /// <summary>Withdraws the member's support, while the box is open and if the box allows it.</summary>
    Task<SupportResult> WithdrawSupportAsync(Actor actor);

    /// <summary>The author edits (title, text, category, district, place) within the edit window; the previous version is kept.</summary>
    Task<IdeaView> EditAsync(SubmitIdea idea, Actor actor);

    /// <summary>The author withdraws an idea nobody supports.</summary>
    Task<IdeaView> WithdrawAsync(Actor actor);

    /// <summary>Moderators and admins: a public answer that sets UNDER_REVIEW, ACCEPTED or REJECTED.</summary>
    Task<IdeaView> AnswerAsync(IdeaState state, string text, Actor actor);

    /// <summary>
    /// Moderators and admins: an ACCEPTED idea becomes an option of a vote that has not opened, and TURNED_INTO_PROJECT
    /// (INVALID_TRANSITION from another state, NOT_FOUND for no such vote, VOTE_STARTED once it opened, VALIDATION for
    /// the cost, title or district). Asked again after a failure, the vote's option made the first time is reused.
    /// </summary>
    Task<IdeaView> TurnIntoProjectAsync(TurnIdeaIntoProject command, Actor actor);

    /// <summary>Every earlier version of the idea, oldest first.</summary>
    Task<ImmutableArray<SubmitIdea>> VersionsAsync();
}
