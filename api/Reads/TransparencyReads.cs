using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Api.Reads;

public sealed record ModeAmount(FinancingMode Mode, Money Amount);

public sealed record CategoryAmount(CampaignCategory? Category, string? Custom, Money Amount);

public sealed record StatusCount(CampaignStatus Status, int Count);

/// <summary>A tenant's public figures; no personal data.</summary>
public sealed record TransparencyFigures(
    ImmutableArray<ModeAmount> RaisedByMode,
    ImmutableArray<CategoryAmount> RaisedByCategory,
    int Backers,
    int Contributions,
    ImmutableArray<StatusCount> CampaignsByStatus,
    Money MatchfundingSpent);

/// <summary>
/// Transparency figures from two sources, neither activating a grain per campaign: the money and
/// the backers are SQL aggregates on the ledger's rows that count (the view <c>civic_counted_contributions</c>,
/// the one definition of what counts), so they equal the ledger exactly and backers are distinct across campaigns; each campaign's mode, category and
/// status come from the tenant catalog (public campaigns only, so drafts are not counted).
/// Matchfunding spent is the sum of the tenant's matches not returned to their pool (EUR campaigns).
/// </summary>
public sealed class TransparencyReads(NpgsqlDataSource dataSource, IClusterClient cluster)
{
    public async Task<TransparencyFigures> ForTenantAsync(string tenant, CancellationToken ct)
    {
        var catalog = await cluster.GetGrain<ITenantGrain>(tenant).ListAsync(CatalogKind.Campaign, int.MaxValue, null, viewer: null);
        var campaigns = catalog.Items.Where(l => l.Campaign is not null).ToDictionary(l => l.Id, l => l.Campaign!, StringComparer.Ordinal);

        var byMode = new SortedDictionary<(FinancingMode, string), long>();
        var byCategory = new SortedDictionary<(int, string, string), long>();
        await using (var command = dataSource.CreateCommand(
            "select campaign_id, currency, sum(amount)::bigint from civic_counted_contributions where tenant = $1 group by campaign_id, currency"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (!campaigns.TryGetValue(reader.GetString(0), out var campaign))
                {
                    continue;
                }

                var currency = reader.GetString(1).Trim();
                var sum = reader.GetInt64(2);
                byMode[(campaign.Mode, currency)] = byMode.GetValueOrDefault((campaign.Mode, currency)) + sum;
                var key = ((int?)campaign.Category?.Kind ?? -1, campaign.Category?.Custom ?? "", currency);
                byCategory[key] = byCategory.GetValueOrDefault(key) + sum;
            }
        }

        int backers;
        int contributions;
        await using (var command = dataSource.CreateCommand(
            "select count(distinct member_id)::int, count(*)::int from civic_counted_contributions where tenant = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            backers = reader.GetInt32(0);
            contributions = reader.GetInt32(1);
        }

        // Matches granted and not returned (a failed campaign's go back to the pool), in EUR campaigns.
        long matched = 0;
        await using (var command = dataSource.CreateCommand(
            "select campaign_id, sum(amount)::bigint from civic_matches where tenant = $1 and returned_at is null group by campaign_id"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (campaigns.TryGetValue(reader.GetString(0), out var campaign) && campaign.Goal.Currency == "EUR")
                {
                    matched += reader.GetInt64(1);
                }
            }
        }

        return new TransparencyFigures(
            [.. byMode.Select(kv => new ModeAmount(kv.Key.Item1, new Money(kv.Value, kv.Key.Item2)))],
            [.. byCategory.Select(kv => new CategoryAmount(
                kv.Key.Item1 < 0 ? null : (CampaignCategory)kv.Key.Item1, kv.Key.Item2.Length == 0 ? null : kv.Key.Item2,
                new Money(kv.Value, kv.Key.Item3)))],
            backers,
            contributions,
            [.. campaigns.Values.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => new StatusCount(g.Key, g.Count()))],
            new Money(matched, "EUR"));
    }
}
