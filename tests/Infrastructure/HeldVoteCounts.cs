using System.Collections.Concurrent;
using Civic.Grains.Interfaces;
using Civic.Grains.Votes;

namespace Civic.Tests.Infrastructure;

/// <summary>
/// The silos' vote counter in tests: the shipped one (<see cref="VoteCountRunner"/>: the count on the thread pool),
/// except that a test may hold the count of one vote until it releases it, to look at the vote while it counts.
/// </summary>
public sealed class HeldVoteCounts : VoteCountRunner
{
    private static readonly ConcurrentDictionary<string, CountHold> Holds = new(StringComparer.Ordinal);

    /// <summary>Holds the next counts of the vote with this grain key ("tenant/id") until <see cref="CountHold.Release"/>.</summary>
    public static CountHold Hold(string voteKey) => Holds[voteKey] = new CountHold();

    public override async Task<VoteResults> CountAsync(string voteId, Func<VoteResults> count)
    {
        if (Holds.TryGetValue(voteId, out var hold))
        {
            hold.Start();
            await hold.Released;
        }

        return await base.CountAsync(voteId, count);
    }
}

public sealed class CountHold
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _counts;

    /// <summary>Completes when a count of the vote has begun (and waits for <see cref="Release"/>).</summary>
    public Task Started => _started.Task;

    public Task Released => _released.Task;

    /// <summary>How many counts of the vote began.</summary>
    public int Counts => Volatile.Read(ref _counts);

    public void Release() => _released.TrySetResult();

    internal void Start()
    {
        Interlocked.Increment(ref _counts);
        _started.TrySetResult();
    }
}
