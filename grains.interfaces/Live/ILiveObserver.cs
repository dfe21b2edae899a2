namespace Civic.Grains.Interfaces;

/// <summary>
/// An API node's receiver of live figures (a grain observer, one per API node). The grain that
/// changes a figure calls it one-way; the API node coalesces and fans the figure out to its sockets.
/// </summary>
public interface ILiveObserver : IGrainObserver
{
    /// <summary>The campaign's summary after a change of its live figures (raised, backers, contributions, status, rewards left).</summary>
    [Orleans.Concurrency.OneWay]
    Task CampaignUpdatedAsync(string tenant, CampaignSummary campaign);

    /// <summary>The vote's live figures after a change (status, ballots, ballots per district, results once closed).</summary>
    [Orleans.Concurrency.OneWay]
    Task VoteUpdatedAsync(string tenant, VoteLive vote);
}

/// <summary>A grain whose live figures API nodes can watch.</summary>
public interface ILiveCampaign
{
    /// <summary>
    /// Registers (or refreshes) an API node's observer for <see cref="LiveWatch.Expiry"/> and answers the current
    /// summary (null if the campaign was never created). The caller checks visibility per subscriber.
    /// </summary>
    Task<CampaignSummary?> WatchAsync(ILiveObserver observer);

    /// <summary>Forgets an API node's observer (its last subscriber left).</summary>
    Task UnwatchAsync(ILiveObserver observer);
}

/// <summary>A vote whose live figures API nodes can watch (see <see cref="ILiveCampaign"/> for the contract).</summary>
public interface ILiveVote
{
    /// <summary>Registers (or refreshes) an API node's observer and answers the current figures (null if the vote was never created).</summary>
    Task<VoteLive?> WatchAsync(ILiveObserver observer);

    /// <summary>Forgets an API node's observer (its last subscriber left).</summary>
    Task UnwatchAsync(ILiveObserver observer);
}

/// <summary>How long a watch lasts without being refreshed: API nodes refresh well within it.</summary>
public static class LiveWatch
{
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);
}
