using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Grains.Accounts;

/// <summary>civic_audit_log: rows written inside the transaction of the change they record; read newest first.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string tenant, DateTimeOffset at,
        IReadOnlyList<AuditRecord>? records)
    {
        foreach (var record in records ?? [])
        {
            await using var command = new NpgsqlCommand("""
                insert into civic_audit_log (tenant, at, actor_id, action, target, details) values ($1, $2, $3, $4, $5, $6)
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            command.Parameters.Add(new NpgsqlParameter { Value = at });
            command.Parameters.Add(new NpgsqlParameter { Value = record.ActorId });
            command.Parameters.Add(new NpgsqlParameter { Value = record.Action });
            command.Parameters.Add(new NpgsqlParameter { Value = record.Target });
            command.Parameters.Add(new NpgsqlParameter { Value = record.Details, NpgsqlDbType = NpgsqlDbType.Jsonb });
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Newest first (by id: rows of one tenant are written one at a time by its grains), after <paramref name="afterId"/>.</summary>
    public async Task<Page<AuditEntry>> PageAsync(string tenant, int first, long? afterId)
    {
        await using var command = dataSource.CreateCommand("""
            select id, at, actor_id, action, target, details::text from civic_audit_log
            where tenant = $1 and ($2::bigint is null or id < $2)
            order by id desc limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        var items = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            items.Add(new AuditEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5)));
        }

        return new Page<AuditEntry>([.. items.Take(first)], items.Count > first, await CountAsync(tenant));
    }

    private async Task<int> CountAsync(string tenant)
    {
        await using var command = dataSource.CreateCommand("select count(*) from civic_audit_log where tenant = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }
}
