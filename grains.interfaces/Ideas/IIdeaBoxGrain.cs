using Orleans.Concurrency;

namespace Civic.Grains.Interfaces;

/// <summary>
/// One idea box, keyed "tenant/boxId": its settings and window, and the per-member count of ideas (and of
/// supports, when the box limits them). New ideas go through it, so a member's limit holds under any load.
/// </summary>
public interface IIdeaBoxGrain : IGrainWithStringKey
{
    /// <summary>Admins only.</summary>
    Task<IdeaBoxView> CreateAsync(CreateIdeaBox command, Actor actor);

    Task<IdeaBoxView?> GetAsync();

    /// <summary>
    /// The box's terms for its ideas (NOT_FOUND when there is no such box). Interleaves: the box's own new idea
    /// asks for them while the box waits for it.
    /// </summary>
    [AlwaysInterleave]
    Task<IdeaBoxTerms> TermsAsync();

    /// <summary>A member proposes an idea: the box open, the member eligible and under the per-member limit.</summary>
    Task<IdeaView> SubmitAsync(SubmitIdea idea, Actor actor);

    /// <summary>From the box's ideas: takes one of the member's supports (LIMIT_EXCEEDED past the box's limit) or gives one back.</summary>
    /// <remarks>Interleaves: it changes a count in one turn, without awaiting.</remarks>
    [AlwaysInterleave]
    Task TakeSupportAsync(string memberId, bool take);

    /// <summary>From the box's ideas: the author withdrew an idea, which no longer counts against their limit.</summary>
    [AlwaysInterleave]
    Task IdeaWithdrawnAsync(string authorId);
}
