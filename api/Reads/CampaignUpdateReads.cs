using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Api.Reads;

/// <summary>An update as a page shows it: with its author's display name (null for a member without an account, or deleted).</summary>
public sealed record CampaignUpdateRow(CampaignUpdateView Update, string? AuthorName);

/// <summary>
/// A campaign's updates from <c>civic_campaign_updates</c>, newest first, keyset-paginated on the index of that order
/// (deleted ones left out), so a page costs the same whatever the campaign's number of updates.
/// </summary>
public sealed class CampaignUpdateReads(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        u.update_id, u.campaign_id, u.author_id, u.title, u.body, u.body_html, u.version, u.posted_at, u.edited_at, u.deleted_at, a.display_name
        """;

    private const string From = """
        from civic_campaign_updates u
        left join civic_accounts a on a.tenant = u.tenant and a.id = u.author_id and a.deleted_at is null
        """;

    public async Task<(ImmutableArray<CampaignUpdateRow> Rows, bool HasMore)> PageAsync(
        string tenant, string campaignId, int first, (DateTimeOffset At, string Id)? after, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} {From}
            where u.tenant = $1 and u.campaign_id = $2 and u.deleted_at is null
              and ($3::timestamptz is null or (u.posted_at, u.update_id) < ($3, $4))
            order by u.posted_at desc, u.update_id desc
            limit $5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.At ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = after?.Id ?? "", NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        var rows = new List<CampaignUpdateRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }

        return ([.. rows.Take(first)], rows.Count > first);
    }

    /// <summary>One update of the tenant (deleted or not), or null.</summary>
    public async Task<CampaignUpdateRow?> OneAsync(string tenant, string updateId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} {From} where u.tenant = $1 and u.update_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = updateId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>The campaign an update is on, or null when the tenant has no such update.</summary>
    public async Task<string?> CampaignOfAsync(string tenant, string updateId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select campaign_id from civic_campaign_updates where tenant = $1 and update_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = updateId });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public async Task<ImmutableArray<CampaignUpdateVersion>> VersionsAsync(string tenant, string updateId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select version, title, body, replaced_at from civic_campaign_update_versions where tenant = $1 and update_id = $2 order by version");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = updateId });
        var versions = ImmutableArray.CreateBuilder<CampaignUpdateVersion>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            versions.Add(new CampaignUpdateVersion(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return versions.ToImmutable();
    }

    private static CampaignUpdateRow Read(NpgsqlDataReader reader) => new(
        new CampaignUpdateView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetString(5), reader.GetInt32(6), reader.GetFieldValue<DateTimeOffset>(7),
            reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
            reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)),
        reader.IsDBNull(10) ? null : reader.GetString(10));
}
