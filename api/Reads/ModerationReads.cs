using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Api.Reads;

/// <summary>One report of a queued item.</summary>
public sealed record ReportRow(string ReporterId, string Reason, string Text, DateTimeOffset ReportedAt);

/// <summary>One item of the moderators' queue: its live reports, and whether it is hidden.</summary>
/// <remarks>
/// <see cref="Title"/> is the idea's (for a comment, the title of the idea it is on), <see cref="Excerpt"/> the reported text's
/// beginning (null for a deleted comment), <see cref="IdeaId"/> the idea to link to.
/// </remarks>
public sealed record QueuedItem(string Kind, string ItemId, string AuthorId, int Reports, string? HiddenReason, DateTimeOffset LastReportedAt,
    ImmutableArray<ReportRow> Latest, string? Title = null, string? Excerpt = null, string? IdeaId = null);

/// <summary>What a member was told: the kind (content_hidden, content_restored), the item, the text (the reason) and when.</summary>
public sealed record NotificationRow(long Id, string Kind, string ItemKind, string ItemId, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt = null)
{
    /// <summary>The columns of <c>civic_notifications</c> that <see cref="Read"/> takes, in its order.</summary>
    public const string Columns = "id, kind, item_kind, item_id, text, created_at, read_at";

    public static NotificationRow Read(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
}

/// <summary>The moderators' queue, from <c>civic_moderation</c> and <c>civic_reports</c>: items with live reports, latest reported first.</summary>
public sealed class ModerationReads(NpgsqlDataSource dataSource)
{
    public async Task<(ImmutableArray<QueuedItem> Rows, bool HasMore)> QueueAsync(string tenant, int first, (DateTimeOffset At, string Id)? after, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select m.item_kind, m.item_id, m.author_id, m.reports, m.hidden_reason, m.last_reported_at,
                   coalesce((select json_agg(json_build_object('r', r.reporter_id, 'w', r.reason, 't', r.text, 'a', r.reported_at) order by r.reported_at desc)
                             from (select * from civic_reports r where r.tenant = m.tenant and r.item_kind = m.item_kind and r.item_id = m.item_id
                                   and r.dismissed_at is null order by r.reported_at desc limit 10) r), '[]')::text,
                   i.title, left(case when m.item_kind = 'idea' then i.body when c.deleted_at is null then c.body end, $5), i.idea_id
            from civic_moderation m
            left join civic_comments c on m.item_kind = 'comment' and c.tenant = m.tenant and c.comment_id = m.item_id
            left join civic_ideas i on i.tenant = m.tenant
                and i.idea_id = case when m.item_kind = 'idea' then m.item_id when c.item_kind = 'idea' then c.item_id end
            where m.tenant = $1 and m.reports > 0
              and ($2::timestamptz is null or (m.last_reported_at, m.item_kind || ':' || m.item_id) < ($2, $3))
            order by m.last_reported_at desc, m.item_kind || ':' || m.item_id desc
            limit $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.At ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = after?.Id ?? "", NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        command.Parameters.Add(new NpgsqlParameter { Value = ExcerptLength });
        var rows = new List<QueuedItem>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var latest = System.Text.Json.JsonDocument.Parse(reader.GetString(6)).RootElement.EnumerateArray()
                .Select(e => new ReportRow(e.GetProperty("r").GetString()!, e.GetProperty("w").GetString()!, e.GetProperty("t").GetString()!,
                    e.GetProperty("a").GetDateTimeOffset()))
                .ToImmutableArray();
            rows.Add(new QueuedItem(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), latest,
                Text(reader, 7), Text(reader, 8), Text(reader, 9)));
        }

        return ([.. rows.Take(first)], rows.Count > first);
    }

    /// <summary>A member's notifications, newest first, by keyset on (created_at, id).</summary>
    public async Task<(ImmutableArray<NotificationRow> Rows, bool HasMore)> NotificationsAsync(
        string tenant, string memberId, int first, (DateTimeOffset At, string Id)? after, CancellationToken ct)
    {
        var afterId = 0L;
        if (after is { } a && !long.TryParse(a.Id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out afterId))
        {
            throw new Civic.Grains.Interfaces.CivicException(Civic.Grains.Interfaces.ErrorCodes.Validation, "The cursor is not valid.");
        }

        await using var command = dataSource.CreateCommand($"""
            select {NotificationRow.Columns} from civic_notifications
            where tenant = $1 and member_id = $2 and ($3::timestamptz is null or (created_at, id) < ($3, $4))
            order by created_at desc, id desc
            limit $5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.At ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = afterId });
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        var rows = new List<NotificationRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(NotificationRow.Read(reader));
        }

        return ([.. rows.Take(first)], rows.Count > first);
    }

    /// <summary>How many of the member's notifications are not read yet (the app's badge).</summary>
    public async Task<int> UnreadNotificationsAsync(string tenant, string memberId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*)::int from civic_notifications where tenant = $1 and member_id = $2 and read_at is null");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The characters of the reported text the queue shows.</summary>
    public const int ExcerptLength = 280;

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
