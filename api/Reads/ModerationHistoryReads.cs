using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Api.Reads;

/// <summary>One recorded moderation act: by a moderator, or 'system' when the reports hid the item by themselves.</summary>
public sealed record ModerationActRow(string Act, string ById, string Reason, DateTimeOffset At);

/// <summary>For moderators: the acts recorded on one item (<c>civic_moderation_acts</c>).</summary>
public sealed class ModerationHistoryReads(NpgsqlDataSource dataSource)
{
    /// <summary>The most acts one item's history shows (the latest ones, oldest first).</summary>
    public const int MaxActs = 100;

    public async Task<ImmutableArray<ModerationActRow>> ActsAsync(string tenant, string kind, string itemId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select act, by_id, reason, at from (
              select act, by_id, reason, at from civic_moderation_acts
              where tenant = $1 and item_kind = $2 and item_id = $3 order by at desc limit $4) latest
            order by at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = itemId });
        command.Parameters.Add(new NpgsqlParameter { Value = MaxActs });
        var acts = ImmutableArray.CreateBuilder<ModerationActRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            acts.Add(new ModerationActRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return acts.ToImmutable();
    }
}
