using Civic.Grains.Interfaces;

namespace Civic.Grains.Votes;

/// <summary>
/// Where a closing vote is counted: on the thread pool, off the vote grain's scheduler, so that the grain keeps answering
/// reads (<c>GetAsync</c> interleaves) while equal shares works through a large vote. The grain applies the result in its
/// own turn when the task completes; the count reads only what the close has fixed (the status is closed, no ballot is in
/// flight, and the calls that change a vote do not interleave).
/// </summary>
/// <remarks>One per silo. Tests register a subclass that holds a count until they release it.</remarks>
public class VoteCountRunner
{
    /// <param name="voteId">The vote being counted ("tenant/id" key of its grain).</param>
    /// <param name="count">The count itself: pure, over data the grain no longer changes.</param>
    public virtual Task<VoteResults> CountAsync(string voteId, Func<VoteResults> count) => Task.Run(count);
}
