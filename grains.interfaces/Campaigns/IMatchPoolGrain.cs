namespace Civic.Grains.Interfaces;

/// <summary>
/// A tenant's match pool, keyed by the tenant slug: the single writer of the pool. Non-reentrant, so
/// every match is reserve → durable row → commit in one turn sequence, and the pool is never overdrawn.
/// </summary>
public interface IMatchPoolGrain : IGrainWithStringKey
{
    /// <summary>Admins only: puts money in the pool (created on the first call) and sets its rules.</summary>
    Task<MatchPoolStatus> FundAsync(Money amount, MatchSettings settings, Actor actor);

    /// <summary>Null while the tenant has never funded a pool.</summary>
    Task<MatchPoolStatus?> GetStatusAsync();

    /// <summary>
    /// Matches one committed contribution; answers the cents matched (0 when none). Idempotent per
    /// contribution id: asking again answers the first match.
    /// </summary>
    Task<long> MatchAsync(string campaignId, long goal, string backer, string contributionId, Money amount);

    /// <summary>The committed matches of one campaign, shown apart from the citizens' own money.</summary>
    Task<long> MatchedForAsync(string campaignId);

    /// <summary>The campaign failed: its matches go back to the pool. Idempotent.</summary>
    Task ReturnCampaignAsync(string campaignId);
}

[GenerateSerializer, Immutable, Alias("civic.match-pool-status")]
public sealed record MatchPoolStatus(
    [property: Id(0)] Money Available,
    [property: Id(1)] Money Spent,
    [property: Id(2)] bool Exhausted);
