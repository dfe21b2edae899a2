using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Api.Reads;

/// <summary>A tenant's matchfunding calls, from the table their pools write when they open (no grain per row).</summary>
public sealed class MatchCallReads(NpgsqlDataSource dataSource)
{
    /// <summary>Every call of the tenant, newest first (a tenant opens a handful a year).</summary>
    public async Task<ImmutableArray<MatchCall>> ForTenantAsync(string tenant, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from civic_match_calls
            where tenant = $1
            order by opened_at desc, call_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        return await ReadAsync(command, ct);
    }

    /// <summary>The calls of the tenant with these ids, in one query (the calls of a page of campaigns), by id.</summary>
    public async Task<IReadOnlyDictionary<string, MatchCall?>> ByIdsAsync(string tenant, string[] ids, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from civic_match_calls
            where tenant = $1 and call_id = any($2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        return (await ReadAsync(command, ct)).ToDictionary(c => c.Id, c => (MatchCall?)c, StringComparer.Ordinal);
    }

    private const string Columns = """
        call_id, name, currency, ratio_numerator, ratio_denominator, cap_per_contribution,
        cap_per_project, cap_per_project_goal_bp, matches_per_backer, opened_at
        """;

    private static async Task<ImmutableArray<MatchCall>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var calls = ImmutableArray.CreateBuilder<MatchCall>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var settings = new MatchSettings(
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.GetInt32(8));
            calls.Add(new MatchCall(
                reader.GetString(0), reader.GetString(1), reader.GetString(2).Trim(), settings, reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return calls.ToImmutable();
    }
}
