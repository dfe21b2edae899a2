using Civic.Grains.Interfaces;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Grains.Moderation;

/// <summary>What a reported item's grain knows of it: its author, its box's threshold, and its moderation row.</summary>
/// <summary>
/// A reported idea or comment: <see cref="IdeaId"/> is the idea (the reported one, or the one a comment is on; empty for
/// a comment on a campaign or a vote's option), <see cref="Path"/> the page of the site its author's mail points to.
/// </summary>
public sealed record ReportedItem(string AuthorId, int ReportsToHide, int Reports, string? HiddenReason, bool AutoHidden, string IdeaId = "",
    string Path = "");

/// <summary>What its author is told of a change to their content: the notification's kind and text, and the mail's link to the idea.</summary>
public sealed record AuthorNotice(string Kind, string MailKind, string Text, string Link);

/// <summary>
/// The report and moderation tables, written by each reported item's <see cref="ModerationGrain"/>: each report, and
/// each act, in one transaction with the moderation row, the act's record and the hidden state of the item itself.
/// </summary>
public sealed class ModerationStore(NpgsqlDataSource dataSource)
{
    public const string System = "system";

    public async Task<ReportedItem?> ItemAsync(string tenant, string kind, string itemId)
    {
        var sql = kind switch
        {
            ReportedItems.Idea => """
                select i.author_id, coalesce((b.settings->>'reportsToHide')::int, 3), i.idea_id, 'idea', i.idea_id from civic_ideas i
                join civic_idea_boxes b on b.tenant = i.tenant and b.box_id = i.box_id
                where i.tenant = $1 and i.idea_id = $2
                """,
            // A comment on a campaign or a vote's option has no box: it hides at the default threshold.
            ReportedItems.Comment => """
                select c.author_id, coalesce((b.settings->>'reportsToHide')::int, 3), coalesce(i.idea_id, ''), c.item_kind, c.item_id
                from civic_comments c
                left join civic_ideas i on c.item_kind = 'idea' and i.tenant = c.tenant and i.idea_id = c.item_id
                left join civic_idea_boxes b on b.tenant = i.tenant and b.box_id = i.box_id
                where c.tenant = $1 and c.comment_id = $2
                """,
            _ => null,
        };
        if (sql is null)
        {
            return null;
        }

        string author, idea, path;
        int threshold;
        await using (var command = dataSource.CreateCommand(sql))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            command.Parameters.Add(new NpgsqlParameter { Value = itemId });
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                return null;
            }

            (author, threshold, idea, path) = (reader.GetString(0), reader.GetInt32(1), reader.GetString(2), PathOf(reader.GetString(3), reader.GetString(4)));
        }

        await using var row = dataSource.CreateCommand(
            "select reports, hidden_reason, auto_hidden_at is not null from civic_moderation where tenant = $1 and item_kind = $2 and item_id = $3");
        row.Parameters.Add(new NpgsqlParameter { Value = tenant });
        row.Parameters.Add(new NpgsqlParameter { Value = kind });
        row.Parameters.Add(new NpgsqlParameter { Value = itemId });
        await using var rows = await row.ExecuteReaderAsync();
        return await rows.ReadAsync()
            ? new ReportedItem(author, threshold, rows.GetInt32(0), rows.IsDBNull(1) ? null : rows.GetString(1), rows.GetBoolean(2), idea, path)
            : new ReportedItem(author, threshold, 0, null, false, idea, path);
    }

    /// <summary>The site's page of a commented item: an idea's, a campaign's, or the vote of an option.</summary>
    public static string PathOf(string kind, string itemId) => kind switch
    {
        CommentedItems.Campaign => "/campaigns/" + Uri.EscapeDataString(itemId),
        CommentedItems.VoteOption when CommentedItems.SplitVoteOptionId(itemId) is { } option => "/votes/" + Uri.EscapeDataString(option.VoteId),
        _ => "/ideas/" + Uri.EscapeDataString(itemId),
    };

    /// <summary>The author of the idea when moderation hides it; null when it is visible (or is no idea).</summary>
    public async Task<string?> HiddenIdeaAuthorAsync(string tenant, string ideaId)
    {
        await using var command = dataSource.CreateCommand(
            "select author_id from civic_ideas where tenant = $1 and idea_id = $2 and hidden_reason is not null");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = ideaId });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>
    /// Writes a report; false when the member had reported the item. With <paramref name="autoHide"/> (the notice to its
    /// author) the same transaction hides the item, records the act and tells its author.
    /// </summary>
    public async Task<ReportOutcome> ReportAsync(string tenant, string kind, string itemId, string author, string reporter, ReportReason reason,
        string text, DateTimeOffset at, AuthorNotice? autoHide, string hiddenReason, int reportsPerDay)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // The member's reports of the day, counted under a lock of (tenant, member): reports of different items (other
        // grains) by one member take turns here, so the quota holds exactly under a race.
        await using (var turn = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            turn.Parameters.Add(new NpgsqlParameter { Value = $"civic-reports/{tenant}/{reporter}" });
            await turn.ExecuteNonQueryAsync();
        }

        await using (var count = new NpgsqlCommand(
            "select count(*) from civic_reports where tenant = $1 and reporter_id = $2 and reported_at >= $3", connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = tenant });
            count.Parameters.Add(new NpgsqlParameter { Value = reporter });
            count.Parameters.Add(new NpgsqlParameter { Value = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero) });
            if ((long)(await count.ExecuteScalarAsync())! >= reportsPerDay)
            {
                return ReportOutcome.OverQuota;
            }
        }

        await using (var insert = new NpgsqlCommand("""
            insert into civic_reports (tenant, item_kind, item_id, reporter_id, reason, text, reported_at)
            values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing
            """, connection, transaction))
        {
            Add(insert, tenant, kind, itemId);
            insert.Parameters.Add(new NpgsqlParameter { Value = reporter });
            insert.Parameters.Add(new NpgsqlParameter { Value = ReportedItems.ToSql(reason) });
            insert.Parameters.Add(new NpgsqlParameter { Value = text });
            insert.Parameters.Add(new NpgsqlParameter { Value = at });
            if (await insert.ExecuteNonQueryAsync() == 0)
            {
                return ReportOutcome.AlreadyReported;
            }
        }

        await using (var upsert = new NpgsqlCommand("""
            insert into civic_moderation (tenant, item_kind, item_id, author_id, reports, last_reported_at) values ($1, $2, $3, $4, 1, $5)
            on conflict (tenant, item_kind, item_id) do update set reports = civic_moderation.reports + 1, last_reported_at = excluded.last_reported_at
            """, connection, transaction))
        {
            Add(upsert, tenant, kind, itemId);
            upsert.Parameters.Add(new NpgsqlParameter { Value = author });
            upsert.Parameters.Add(new NpgsqlParameter { Value = at });
            await upsert.ExecuteNonQueryAsync();
        }

        if (autoHide is not null)
        {
            await SetHiddenAsync(connection, transaction, tenant, kind, itemId, hiddenReason, at, auto: true);
            await ActAsync(connection, transaction, tenant, kind, itemId, "auto_hide", System, hiddenReason, at);
            await TellAuthorAsync(connection, transaction, tenant, kind, itemId, author, autoHide, at);
        }

        await transaction.CommitAsync();
        return ReportOutcome.Recorded;
    }

    /// <summary>A moderator's act: hide or restore the item, or dismiss its live reports; recorded with it, and its author told (<paramref name="notice"/>).</summary>
    public async Task ModerateAsync(string tenant, string kind, string itemId, string author, ModerationAct act, string by, string reason, DateTimeOffset at,
        AuthorNotice? notice)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var ensure = new NpgsqlCommand("""
            insert into civic_moderation (tenant, item_kind, item_id, author_id, last_reported_at) values ($1, $2, $3, $4, $5) on conflict do nothing
            """, connection, transaction))
        {
            Add(ensure, tenant, kind, itemId);
            ensure.Parameters.Add(new NpgsqlParameter { Value = author });
            ensure.Parameters.Add(new NpgsqlParameter { Value = at });
            await ensure.ExecuteNonQueryAsync();
        }

        switch (act)
        {
            case ModerationAct.Hide:
                await SetHiddenAsync(connection, transaction, tenant, kind, itemId, reason, at, auto: false);
                break;
            case ModerationAct.Restore:
                await SetHiddenAsync(connection, transaction, tenant, kind, itemId, null, at, auto: false);
                break;
            default:
                await using (var dismiss = new NpgsqlCommand("""
                    update civic_reports set dismissed_at = $4 where tenant = $1 and item_kind = $2 and item_id = $3 and dismissed_at is null
                    """, connection, transaction))
                {
                    Add(dismiss, tenant, kind, itemId);
                    dismiss.Parameters.Add(new NpgsqlParameter { Value = at });
                    await dismiss.ExecuteNonQueryAsync();
                }

                await using (var zero = new NpgsqlCommand(
                    "update civic_moderation set reports = 0 where tenant = $1 and item_kind = $2 and item_id = $3", connection, transaction))
                {
                    Add(zero, tenant, kind, itemId);
                    await zero.ExecuteNonQueryAsync();
                }

                break;
        }

        await ActAsync(connection, transaction, tenant, kind, itemId, act switch
        {
            ModerationAct.Hide => "hide",
            ModerationAct.Restore => "restore",
            _ => "dismiss",
        }, by, reason, at);
        if (notice is not null)
        {
            await TellAuthorAsync(connection, transaction, tenant, kind, itemId, author, notice, at);
        }

        await transaction.CommitAsync();
    }

    /// <summary>
    /// Tells the author, in the transaction of the change: a notification row, and a mail through the outbox when the
    /// author has an account with a confirmed address (in the account's locale; none for a member without one).
    /// </summary>
    private static async Task TellAuthorAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, string kind, string itemId,
        string author, AuthorNotice notice, DateTimeOffset at)
    {
        await using (var notify = new NpgsqlCommand("""
            insert into civic_notifications (tenant, member_id, kind, item_kind, item_id, text, created_at) values ($1, $4, $5, $2, $3, $6, $7)
            """, connection, transaction))
        {
            Add(notify, tenant, kind, itemId);
            notify.Parameters.Add(new NpgsqlParameter { Value = author });
            notify.Parameters.Add(new NpgsqlParameter { Value = notice.Kind });
            notify.Parameters.Add(new NpgsqlParameter { Value = notice.Text });
            notify.Parameters.Add(new NpgsqlParameter { Value = at });
            await notify.ExecuteNonQueryAsync();
        }

        await using var mail = new NpgsqlCommand("""
            insert into civic_mail_outbox (tenant, recipient, kind, locale, values, created_at, next_try_at)
            select a.tenant, a.email, $3, a.locale,
                   jsonb_build_object('name', a.display_name, 'link', $4::text, 'reason', $5::text,
                                      'what', case when a.locale = 'en' then $6::text else $7::text end),
                   $8, $8
            from civic_accounts a
            where a.tenant = $1 and a.id = $2 and a.deleted_at is null and a.email_confirmed_at is not null
            """, connection, transaction);
        mail.Parameters.Add(new NpgsqlParameter { Value = tenant });
        mail.Parameters.Add(new NpgsqlParameter { Value = author });
        mail.Parameters.Add(new NpgsqlParameter { Value = notice.MailKind });
        mail.Parameters.Add(new NpgsqlParameter { Value = notice.Link });
        mail.Parameters.Add(new NpgsqlParameter { Value = notice.Text });
        mail.Parameters.Add(new NpgsqlParameter { Value = kind == ReportedItems.Idea ? "idea" : "comment" });
        mail.Parameters.Add(new NpgsqlParameter { Value = kind == ReportedItems.Idea ? "idée" : "commentaire" });
        mail.Parameters.Add(new NpgsqlParameter { Value = at });
        await mail.ExecuteNonQueryAsync();
    }

    private static async Task SetHiddenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, string kind, string itemId,
        string? reason, DateTimeOffset at, bool auto)
    {
        await using (var row = new NpgsqlCommand($"""
            update civic_moderation set hidden_reason = $4{(auto ? ", auto_hidden_at = $5" : "")}
            where tenant = $1 and item_kind = $2 and item_id = $3
            """, connection, transaction))
        {
            Add(row, tenant, kind, itemId);
            row.Parameters.Add(new NpgsqlParameter { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            row.Parameters.Add(new NpgsqlParameter { Value = at });
            await row.ExecuteNonQueryAsync();
        }

        var table = kind == ReportedItems.Idea ? "civic_ideas set hidden_reason = $3 where tenant = $1 and idea_id = $2"
            : "civic_comments set hidden_reason = $3 where tenant = $1 and comment_id = $2";
        await using var item = new NpgsqlCommand("update " + table, connection, transaction);
        item.Parameters.Add(new NpgsqlParameter { Value = tenant });
        item.Parameters.Add(new NpgsqlParameter { Value = itemId });
        item.Parameters.Add(new NpgsqlParameter { Value = (object?)reason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await item.ExecuteNonQueryAsync();
    }

    private static async Task ActAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, string kind, string itemId,
        string act, string by, string reason, DateTimeOffset at)
    {
        await using var record = new NpgsqlCommand("""
            insert into civic_moderation_acts (tenant, item_kind, item_id, act, by_id, reason, at) values ($1, $2, $3, $4, $5, $6, $7)
            """, connection, transaction);
        Add(record, tenant, kind, itemId);
        record.Parameters.Add(new NpgsqlParameter { Value = act });
        record.Parameters.Add(new NpgsqlParameter { Value = by });
        record.Parameters.Add(new NpgsqlParameter { Value = reason });
        record.Parameters.Add(new NpgsqlParameter { Value = at });
        await record.ExecuteNonQueryAsync();
    }

    private static void Add(NpgsqlCommand command, string tenant, string kind, string itemId)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = itemId });
    }
}

/// <summary>What became of a report: recorded, a second one by the same member, or past the member's daily quota.</summary>
public enum ReportOutcome
{
    Recorded,
    AlreadyReported,
    OverQuota,
}
