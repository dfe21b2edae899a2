using Npgsql;
using NpgsqlTypes;

namespace Civic.Api.Reads;

/// <summary>
/// A member marks their own notifications read in <c>civic_notifications</c>: one, or all at once. Each statement names
/// the member, so nobody marks another's; a notification read already keeps the instant it was first read (marking
/// again changes nothing).
/// </summary>
public sealed class NotificationMarks(NpgsqlDataSource dataSource)
{
    /// <summary>Marks the member's notification read; null when the member has no notification with this id.</summary>
    public async Task<NotificationRow?> MarkReadAsync(string tenant, string memberId, long id, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            update civic_notifications set read_at = coalesce(read_at, $4)
            where tenant = $1 and member_id = $2 and id = $3
            returning {NotificationRow.Columns}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? NotificationRow.Read(reader) : null;
    }

    /// <summary>Marks every unread notification of the member read: how many were unread.</summary>
    public async Task<int> MarkAllReadAsync(string tenant, string memberId, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "update civic_notifications set read_at = $3 where tenant = $1 and member_id = $2 and read_at is null");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await command.ExecuteNonQueryAsync(ct);
    }
}
