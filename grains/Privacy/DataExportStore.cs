using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Grains.Privacy;

/// <summary>An export as stored: the token's hash, and the file once ready.</summary>
public sealed record StoredExport(string Id, byte[] TokenHash, DateTimeOffset RequestedAt, DateTimeOffset? ReadyAt, DateTimeOffset? ExpiresAt, byte[]? Document);

/// <summary>The rows of <c>civic_data_exports</c>, written and read by the member's personal data grain.</summary>
public sealed class DataExportStore(NpgsqlDataSource dataSource)
{
    public async Task CreateAsync(string id, string tenant, string memberId, byte[] tokenHash, DateTimeOffset requestedAt)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_data_exports (id, tenant, member_id, token_hash, requested_at) values ($1, $2, $3, $4, $5)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = tokenHash });
        command.Parameters.Add(new NpgsqlParameter { Value = requestedAt });
        await command.ExecuteNonQueryAsync();
    }

    public async Task SaveDocumentAsync(string id, byte[] document, DateTimeOffset readyAt, DateTimeOffset expiresAt)
    {
        await using var command = dataSource.CreateCommand(
            "update civic_data_exports set document = $2, ready_at = $3, expires_at = $4 where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = document });
        command.Parameters.Add(new NpgsqlParameter { Value = readyAt });
        command.Parameters.Add(new NpgsqlParameter { Value = expiresAt });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>When the member last asked for an export, or null.</summary>
    public async Task<DateTimeOffset?> LastRequestedAtAsync(string tenant, string memberId)
    {
        await using var command = dataSource.CreateCommand(
            "select max(requested_at) from civic_data_exports where tenant = $1 and member_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        return await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    /// <summary>The member's export of this id, or null (another member's export is not theirs: null too).</summary>
    public async Task<StoredExport?> FindAsync(string tenant, string memberId, string id)
    {
        await using var command = dataSource.CreateCommand("""
            select id, token_hash, requested_at, ready_at, expires_at, document from civic_data_exports
            where id = $1 and tenant = $2 and member_id = $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new StoredExport(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5));
    }

    /// <summary>The member's latest exports, newest first, with their state at <paramref name="now"/>.</summary>
    public async Task<List<DataExportStatus>> ListAsync(string tenant, string memberId, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand("""
            select id, requested_at, ready_at, expires_at from civic_data_exports
            where tenant = $1 and member_id = $2 order by requested_at desc, id desc limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = DataExportStatus.Listed });
        await using var reader = await command.ExecuteReaderAsync();
        var exports = new List<DataExportStatus>();
        while (await reader.ReadAsync())
        {
            var ready = reader.IsDBNull(2) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(2);
            var expires = reader.IsDBNull(3) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(3);
            exports.Add(new DataExportStatus(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), ready, expires,
                DataExportRules.StateOf(ready, expires, now)));
        }

        return exports;
    }

    /// <summary>Deletes the files of exports whose link has expired (the rows stay: the quota and the status read them).</summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand(
            "update civic_data_exports set document = null where expires_at <= $1 and document is not null");
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return await command.ExecuteNonQueryAsync();
    }
}
