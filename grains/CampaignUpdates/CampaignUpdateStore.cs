using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Grains.CampaignUpdates;

/// <summary>
/// The update tables (<c>civic_campaign_updates</c>, <c>civic_campaign_update_versions</c>), written by each campaign's
/// <see cref="CampaignUpdatesGrain"/>: one update at a time. Posting one tells the campaign's backers in the same
/// transaction, with one statement whatever their number.
/// </summary>
public sealed class CampaignUpdateStore(NpgsqlDataSource dataSource)
{
    public const string Columns = "update_id, campaign_id, author_id, title, body, body_html, version, posted_at, edited_at, deleted_at";

    /// <summary>The campaign's updates posted since <paramref name="since"/>, deleted ones included (the day's quota).</summary>
    public async Task<int> PostedSinceAsync(string tenant, string campaignId, DateTimeOffset since)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*)::int from civic_campaign_updates where tenant = $1 and campaign_id = $2 and posted_at >= $3");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        return (int)(await command.ExecuteScalarAsync())!;
    }

    public async Task<CampaignUpdateView?> UpdateAsync(string tenant, string updateId)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from civic_campaign_updates where tenant = $1 and update_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = updateId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    /// <summary>
    /// Inserts the update and a notification for each backer of the campaign (a member whose contribution counts, the
    /// author aside), in one transaction: how many backers were told.
    /// </summary>
    public async Task<int> InsertAsync(string tenant, CampaignUpdateView update)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            insert into civic_campaign_updates (tenant, update_id, campaign_id, author_id, title, body, body_html, posted_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = tenant });
            insert.Parameters.Add(new NpgsqlParameter { Value = update.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = update.CampaignId });
            insert.Parameters.Add(new NpgsqlParameter { Value = update.AuthorId });
            insert.Parameters.Add(new NpgsqlParameter { Value = update.Title });
            insert.Parameters.Add(new NpgsqlParameter { Value = update.Body });
            insert.Parameters.Add(new NpgsqlParameter { Value = update.BodyHtml });
            insert.Parameters.Add(new NpgsqlParameter { Value = update.PostedAt });
            await insert.ExecuteNonQueryAsync();
        }

        int told;
        await using (var notify = new NpgsqlCommand("""
            insert into civic_notifications (tenant, member_id, kind, item_kind, item_id, text, created_at, source_id)
            select $1, b.member_id, $3, 'campaign', $2, $4, $5, $7
            from (select distinct member_id from civic_counted_contributions where tenant = $1 and campaign_id = $2 and member_id <> $6) b
            """, connection, transaction))
        {
            notify.Parameters.Add(new NpgsqlParameter { Value = tenant });
            notify.Parameters.Add(new NpgsqlParameter { Value = update.CampaignId });
            notify.Parameters.Add(new NpgsqlParameter { Value = UpdatedCampaigns.NotificationKind });
            notify.Parameters.Add(new NpgsqlParameter { Value = update.Title });
            notify.Parameters.Add(new NpgsqlParameter { Value = update.PostedAt });
            notify.Parameters.Add(new NpgsqlParameter { Value = update.AuthorId });
            notify.Parameters.Add(new NpgsqlParameter { Value = update.Id });
            told = await notify.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return told;
    }

    /// <summary>Keeps the current title and text as a version and writes the new ones, in one transaction.</summary>
    public async Task EditAsync(string tenant, CampaignUpdateView previous, WriteCampaignUpdate update, string bodyHtml, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var keep = new NpgsqlCommand("""
            insert into civic_campaign_update_versions (tenant, update_id, version, title, body, replaced_at) values ($1, $2, $3, $4, $5, $6)
            """, connection, transaction))
        {
            keep.Parameters.Add(new NpgsqlParameter { Value = tenant });
            keep.Parameters.Add(new NpgsqlParameter { Value = previous.Id });
            keep.Parameters.Add(new NpgsqlParameter { Value = previous.Version });
            keep.Parameters.Add(new NpgsqlParameter { Value = previous.Title });
            keep.Parameters.Add(new NpgsqlParameter { Value = previous.Body });
            keep.Parameters.Add(new NpgsqlParameter { Value = at });
            await keep.ExecuteNonQueryAsync();
        }

        await using (var write = new NpgsqlCommand("""
            update civic_campaign_updates set title = $3, body = $4, body_html = $5, version = version + 1, edited_at = $6
            where tenant = $1 and update_id = $2 and deleted_at is null
            """, connection, transaction))
        {
            write.Parameters.Add(new NpgsqlParameter { Value = tenant });
            write.Parameters.Add(new NpgsqlParameter { Value = previous.Id });
            write.Parameters.Add(new NpgsqlParameter { Value = update.Title });
            write.Parameters.Add(new NpgsqlParameter { Value = update.Body });
            write.Parameters.Add(new NpgsqlParameter { Value = bodyHtml });
            write.Parameters.Add(new NpgsqlParameter { Value = at });
            await write.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>
    /// Marks the update deleted, by whom and when (its row and versions stay), and takes back the notifications it
    /// sent, in one transaction; a deleted one stays as it was.
    /// </summary>
    public async Task DeleteAsync(string tenant, string updateId, string by, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var delete = new NpgsqlCommand(
            "update civic_campaign_updates set deleted_at = $3, deleted_by = $4 where tenant = $1 and update_id = $2 and deleted_at is null",
            connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = tenant });
            delete.Parameters.Add(new NpgsqlParameter { Value = updateId });
            delete.Parameters.Add(new NpgsqlParameter { Value = at });
            delete.Parameters.Add(new NpgsqlParameter { Value = by });
            if (await delete.ExecuteNonQueryAsync() == 0)
            {
                return;
            }
        }

        await using (var unsay = new NpgsqlCommand(
            "delete from civic_notifications where tenant = $1 and source_id = $2 and kind = $3", connection, transaction))
        {
            unsay.Parameters.Add(new NpgsqlParameter { Value = tenant });
            unsay.Parameters.Add(new NpgsqlParameter { Value = updateId });
            unsay.Parameters.Add(new NpgsqlParameter { Value = UpdatedCampaigns.NotificationKind });
            await unsay.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Reads a row selected with <see cref="Columns"/>, from its first column.</summary>
    public static CampaignUpdateView Read(NpgsqlDataReader reader, int at = 0) => new(
        reader.GetString(at), reader.GetString(at + 1), reader.GetString(at + 2), reader.GetString(at + 3), reader.GetString(at + 4),
        reader.GetString(at + 5), reader.GetInt32(at + 6), reader.GetFieldValue<DateTimeOffset>(at + 7),
        reader.IsDBNull(at + 8) ? null : reader.GetFieldValue<DateTimeOffset>(at + 8),
        reader.IsDBNull(at + 9) ? null : reader.GetFieldValue<DateTimeOffset>(at + 9));
}
