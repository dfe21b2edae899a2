using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// A match pool, the single writer of its budget and matches: the tenant's default pool keyed by the
/// tenant slug, or the pool of one matchfunding call keyed "tenant/mc_…" (<see cref="MatchPools.Key"/>).
/// Every match holds its money in one turn before its durable row is written (concurrent matches share one
/// group commit) and is answered after the commit, so the pool is never overdrawn.
/// </summary>
public interface IMatchPoolGrain : IGrainWithStringKey
{
    /// <summary>Admins only, call pools only: opens the call with its name, currency and rules, and an empty pool.</summary>
    Task<MatchCall> OpenCallAsync(OpenMatchCall command, Actor actor);

    /// <summary>The call this pool belongs to; null for the tenant's default pool or a call never opened.</summary>
    Task<MatchCall?> GetCallAsync();

    /// <summary>
    /// Admins only: puts money in the pool (the default pool is created on its first top-up) and, for
    /// the default pool, sets its rules. Idempotent per key: the same key again answers the first
    /// top-up (replayed) and adds nothing; with another amount it fails with IDEMPOTENCY_KEY_REUSED.
    /// </summary>
    Task<MatchPoolStatus> FundAsync(FundMatchPool command, Actor actor);

    /// <summary>Null while the pool has never been funded or opened.</summary>
    Task<MatchPoolStatus?> GetStatusAsync();

    /// <summary>
    /// Matches one committed contribution; answers the cents matched (0 when none). Idempotent per
    /// contribution id: asking again answers the first match.
    /// </summary>
    Task<long> MatchAsync(string campaignId, long goal, string backer, string contributionId, Money amount);

    /// <summary>The committed matches of one campaign, shown apart from the citizens' own money.</summary>
    Task<long> MatchedForAsync(string campaignId);

    /// <summary>
    /// <see cref="MatchedForAsync"/> for several campaigns of this pool in one call (a list's page): every id
    /// asked is in the answer, 0 when it has no match.
    /// </summary>
    Task<ImmutableDictionary<string, long>> MatchedForManyAsync(ImmutableArray<string> campaignIds);

    /// <summary>The campaign failed: its matches go back to the pool. Idempotent.</summary>
    Task ReturnCampaignAsync(string campaignId);
}

/// <summary>Where a campaign's matches come from: the tenant's default pool, or one call's pool.</summary>
public static class MatchPools
{
    public static string Key(string tenant, string? callId) => callId is null ? tenant : GrainKeys.Compound(tenant, callId);
}

[GenerateSerializer, Immutable, Alias("civic.match-pool-status")]
public sealed record MatchPoolStatus(
    [property: Id(0)] Money Available,
    [property: Id(1)] Money Spent,
    [property: Id(2)] bool Exhausted,
    [property: Id(3)] bool Replayed = false);

/// <summary>
/// A top-up of a pool, and for the default pool only (a call's rules are fixed when it opens) its rules:
/// <see cref="Settings"/> exactly as given, or <see cref="Requested"/> with its omitted fields taking the
/// defaults (an all-omitted request sets the defaults); neither keeps the pool's current rules.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.fund-match-pool")]
public sealed record FundMatchPool(
    [property: Id(0)] Money Amount,
    [property: Id(1)] string IdempotencyKey,
    [property: Id(2)] MatchSettings? Settings = null,
    [property: Id(3)] RequestedMatchSettings? Requested = null);

/// <summary>
/// Opens a call with <see cref="Settings"/> exactly as given, or else <see cref="Requested"/> with its
/// omitted fields taking the defaults (neither: the defaults).
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.open-match-call")]
public sealed record OpenMatchCall(
    [property: Id(0)] string Name,
    [property: Id(1)] string Currency,
    [property: Id(2)] MatchSettings? Settings,
    [property: Id(3)] RequestedMatchSettings? Requested = null);

/// <summary>A matchfunding call ("Culture 2027"): its own pool and rules; campaigns join one at creation.</summary>
[GenerateSerializer, Immutable, Alias("civic.match-call")]
public sealed record MatchCall(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Currency,
    [property: Id(3)] MatchSettings Settings,
    [property: Id(4)] DateTimeOffset OpenedAt);
