using System.Collections.Immutable;
using Civic.Api.Reads;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;

namespace Civic.Api.GraphQL.Loaders;

/// <summary>
/// The per-request loaders of what a campaign or a call shows beside its catalog listing. A page of N campaigns
/// costs one call per pool for <c>matched</c>, one read of the calls table for <c>matchCall</c>, one catalog call
/// for <c>history</c> and one call per distinct call for a call's <c>pool</c>, never one per row.
/// </summary>
public sealed class CampaignLoaders
{
    private readonly IClusterClient _cluster;
    private readonly CivicRequest _request;

    public CampaignLoaders(IClusterClient cluster, CivicRequest request, MatchCallReads calls)
    {
        _cluster = cluster;
        _request = request;
        Matched = new BatchLoader<(string? Call, string Campaign), long>(FetchMatchedAsync, 0);
        Calls = new BatchLoader<string, MatchCall?>(
            async (ids, ct) => await calls.ByIdsAsync(Tenant, [.. ids], ct), null, StringComparer.Ordinal);
        Pools = new BatchLoader<string, MatchPoolStatus?>(FetchPoolsAsync, null, StringComparer.Ordinal);
        Histories = new BatchLoader<string, ImmutableArray<CampaignStatusChange>?>(FetchHistoriesAsync, null, StringComparer.Ordinal);
    }

    /// <summary>Cents matched, by pool (the call id, null for the tenant's default pool) and campaign.</summary>
    public BatchLoader<(string? Call, string Campaign), long> Matched { get; }

    /// <summary>Matchfunding calls by id, from the calls table.</summary>
    public BatchLoader<string, MatchCall?> Calls { get; }

    /// <summary>A call's pool's live status, by call id.</summary>
    public BatchLoader<string, MatchPoolStatus?> Pools { get; }

    /// <summary>Campaigns' status changes, by id, as the viewer may see them.</summary>
    public BatchLoader<string, ImmutableArray<CampaignStatusChange>?> Histories { get; }

    private string Tenant => _request.RequireTenant().Slug;

    private async Task<IReadOnlyDictionary<(string? Call, string Campaign), long>> FetchMatchedAsync(
        IReadOnlyList<(string? Call, string Campaign)> keys, CancellationToken ct)
    {
        var tenant = Tenant;
        var perPool = await Task.WhenAll(keys.GroupBy(k => k.Call).Select(async pool =>
        {
            var matched = await _cluster.GetGrain<IMatchPoolGrain>(MatchPools.Key(tenant, pool.Key))
                .MatchedForManyAsync([.. pool.Select(k => k.Campaign)]);
            return matched.Select(m => KeyValuePair.Create((pool.Key, m.Key), m.Value));
        }));
        return perPool.SelectMany(p => p).ToDictionary();
    }

    private async Task<IReadOnlyDictionary<string, MatchPoolStatus?>> FetchPoolsAsync(IReadOnlyList<string> calls, CancellationToken ct)
    {
        // One grain per pool holds its live figures: one call per distinct pool of the page.
        var tenant = Tenant;
        var statuses = await Task.WhenAll(calls.Select(async call =>
            (Call: call, Status: await _cluster.GetGrain<IMatchPoolGrain>(MatchPools.Key(tenant, call)).GetStatusAsync())));
        return statuses.ToDictionary(s => s.Call, s => s.Status, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyDictionary<string, ImmutableArray<CampaignStatusChange>?>> FetchHistoriesAsync(
        IReadOnlyList<string> ids, CancellationToken ct)
    {
        var tenant = Tenant;
        var viewer = _request.Viewer();
        var known = await _cluster.GetGrain<ITenantGrain>(tenant).GetCampaignHistoriesAsync([.. ids], viewer);
        var answer = new Dictionary<string, ImmutableArray<CampaignStatusChange>?>(known, StringComparer.Ordinal);

        // Listed before the catalog kept histories: their own grain answers until they next change.
        foreach (var id in ids.Where(id => !known.ContainsKey(id)))
        {
            answer[id] = await _cluster.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, id)).GetHistoryAsync(viewer);
        }

        return answer;
    }
}
