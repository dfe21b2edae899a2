using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Api.Reads;

/// <summary>One recorded moderation act: by a moderator, or 'system' when the reports hid the item by themselves.</summary>
public sealed record ModerationActRow(string Act, string ById, string Reason, DateTimeOffset At);

/// <summary>An idea under review past its box's answer deadline.</summary>
public sealed record OverdueIdeaRow(string IdeaId, string BoxId, string BoxTitle, string Title, DateTimeOffset UnderReviewSince, DateTimeOffset AnswerDueAt);

/// <summary>For moderators: the acts recorded on one item (<c>civic_moderation_acts</c>) and the ideas whose answer is overdue.</summary>
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

    /// <summary>Ideas under review whose answer was due before <paramref name="now"/>, across the tenant's boxes, most overdue first.</summary>
    public async Task<ImmutableArray<OverdueIdeaRow>> OverdueAsync(string tenant, DateTimeOffset now, int first, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select idea_id, box_id, box_title, title, under_review_since, due from (
              select i.idea_id, i.box_id, b.settings->>'title' as box_title, i.title, i.under_review_since,
                     i.under_review_since + make_interval(days => (b.settings->>'answerDeadlineDays')::int) as due
              from civic_ideas i join civic_idea_boxes b on b.tenant = i.tenant and b.box_id = i.box_id
              where i.tenant = $1 and i.state = 'under_review' and i.under_review_since is not null) ideas
            where due < $2
            order by due, idea_id
            limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        var rows = ImmutableArray.CreateBuilder<OverdueIdeaRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new OverdueIdeaRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows.ToImmutable();
    }
}
