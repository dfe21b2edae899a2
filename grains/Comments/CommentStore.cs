using Civic.Grains.Interfaces;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Grains.Comments;

/// <summary>
/// The comment tables (<c>civic_comments</c>, <c>civic_comment_versions</c>), written by each item's
/// <see cref="CommentThreadGrain"/>: one comment row at a time, never the thread. Votes are the ledger's.
/// </summary>
public sealed class CommentStore(NpgsqlDataSource dataSource)
{
    public const string Columns = """
        comment_id, item_kind, item_id, parent_id, depth, author_id, stance, body, body_html, version, created_at, edited_at,
        deleted_at, ups, downs, replies, hidden_reason
        """;

    /// <summary>Whether the item can take comments: an idea that exists and was not withdrawn.</summary>
    public async Task<bool> ItemExistsAsync(string tenant, string kind, string itemId)
    {
        if (kind != CommentedItems.Idea)
        {
            return false;
        }

        await using var command = dataSource.CreateCommand(
            "select 1 from civic_ideas where tenant = $1 and idea_id = $2 and state <> 'withdrawn'");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = itemId });
        return await command.ExecuteScalarAsync() is not null;
    }

    /// <summary>The author of the item when moderation hides it (its comments are then for its author and moderators); null when it is not hidden.</summary>
    public async Task<string?> HiddenItemAuthorAsync(string tenant, string kind, string itemId)
    {
        if (kind != CommentedItems.Idea)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand(
            "select author_id from civic_ideas where tenant = $1 and idea_id = $2 and hidden_reason is not null");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = itemId });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Per member, their comments on the item since <paramref name="since"/> (the day's quota).</summary>
    public async Task<Dictionary<string, int>> CommentsSinceAsync(string tenant, string kind, string itemId, DateTimeOffset since)
    {
        await using var command = dataSource.CreateCommand("""
            select author_id, count(*)::int from civic_comments
            where tenant = $1 and item_kind = $2 and item_id = $3 and created_at >= $4 group by author_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = itemId });
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    public async Task<CommentView?> CommentAsync(string tenant, string commentId)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from civic_comments where tenant = $1 and comment_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = commentId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    /// <summary>Inserts the comment, counts it as a reply of its parent and as a comment of its item, in one transaction.</summary>
    public async Task InsertAsync(string tenant, CommentView comment)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            insert into civic_comments (tenant, comment_id, item_kind, item_id, parent_id, depth, author_id, stance, body, body_html, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = tenant });
            insert.Parameters.Add(new NpgsqlParameter { Value = comment.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = comment.ItemKind });
            insert.Parameters.Add(new NpgsqlParameter { Value = comment.ItemId });
            insert.Parameters.Add(new NpgsqlParameter { Value = comment.ParentId ?? "" });
            insert.Parameters.Add(new NpgsqlParameter { Value = comment.Depth });
            insert.Parameters.Add(new NpgsqlParameter { Value = comment.AuthorId });
            insert.Parameters.Add(new NpgsqlParameter { Value = CommentedItems.ToSql(comment.Stance) });
            insert.Parameters.Add(new NpgsqlParameter { Value = comment.Body });
            insert.Parameters.Add(new NpgsqlParameter { Value = comment.BodyHtml });
            insert.Parameters.Add(new NpgsqlParameter { Value = comment.CreatedAt });
            await insert.ExecuteNonQueryAsync();
        }

        if (comment.ParentId is { } parent)
        {
            await using var replies = new NpgsqlCommand(
                "update civic_comments set replies = replies + 1 where tenant = $1 and comment_id = $2", connection, transaction);
            replies.Parameters.Add(new NpgsqlParameter { Value = tenant });
            replies.Parameters.Add(new NpgsqlParameter { Value = parent });
            await replies.ExecuteNonQueryAsync();
        }

        await CountAsync(connection, transaction, tenant, comment, +1);
        await transaction.CommitAsync();
    }

    /// <summary>Keeps the current text as a version and writes the new one, in one transaction.</summary>
    public async Task EditAsync(string tenant, CommentView previous, string body, string bodyHtml, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var keep = new NpgsqlCommand("""
            insert into civic_comment_versions (tenant, comment_id, version, body, replaced_at) values ($1, $2, $3, $4, $5)
            """, connection, transaction))
        {
            keep.Parameters.Add(new NpgsqlParameter { Value = tenant });
            keep.Parameters.Add(new NpgsqlParameter { Value = previous.Id });
            keep.Parameters.Add(new NpgsqlParameter { Value = previous.Version });
            keep.Parameters.Add(new NpgsqlParameter { Value = previous.Body });
            keep.Parameters.Add(new NpgsqlParameter { Value = at });
            await keep.ExecuteNonQueryAsync();
        }

        await using (var update = new NpgsqlCommand("""
            update civic_comments set body = $3, body_html = $4, version = version + 1, edited_at = $5
            where tenant = $1 and comment_id = $2 and deleted_at is null
            """, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = tenant });
            update.Parameters.Add(new NpgsqlParameter { Value = previous.Id });
            update.Parameters.Add(new NpgsqlParameter { Value = body });
            update.Parameters.Add(new NpgsqlParameter { Value = bodyHtml });
            update.Parameters.Add(new NpgsqlParameter { Value = at });
            await update.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Marks the comment deleted (its row and replies stay) and stops counting it for its item.</summary>
    public async Task DeleteAsync(string tenant, CommentView comment, string by, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("""
            update civic_comments set deleted_at = $3, deleted_by = $4 where tenant = $1 and comment_id = $2 and deleted_at is null
            """, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = tenant });
            update.Parameters.Add(new NpgsqlParameter { Value = comment.Id });
            update.Parameters.Add(new NpgsqlParameter { Value = at });
            update.Parameters.Add(new NpgsqlParameter { Value = by });
            if (await update.ExecuteNonQueryAsync() == 0)
            {
                return;
            }
        }

        await CountAsync(connection, transaction, tenant, comment, -1);
        await transaction.CommitAsync();
    }

    /// <summary>Reads a row selected with <see cref="Columns"/>, from its first column.</summary>
    public static CommentView Read(NpgsqlDataReader reader, int at = 0) => new(
        reader.GetString(at), reader.GetString(at + 1), reader.GetString(at + 2),
        reader.GetString(at + 3) is { Length: > 0 } parent ? parent : null,
        reader.GetInt32(at + 4), reader.GetString(at + 5), CommentedItems.StanceFromSql(reader.GetString(at + 6)),
        reader.GetString(at + 7), reader.GetString(at + 8), reader.GetInt32(at + 9), reader.GetFieldValue<DateTimeOffset>(at + 10),
        reader.IsDBNull(at + 11) ? null : reader.GetFieldValue<DateTimeOffset>(at + 11),
        reader.IsDBNull(at + 12) ? null : reader.GetFieldValue<DateTimeOffset>(at + 12),
        reader.GetInt32(at + 13), reader.GetInt32(at + 14), reader.GetInt32(at + 15), reader.IsDBNull(at + 16) ? null : reader.GetString(at + 16));

    /// <summary>The item's count of comments not deleted (the column ideas lists sort by).</summary>
    private static async Task CountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, CommentView comment, int by)
    {
        if (comment.ItemKind != CommentedItems.Idea)
        {
            return;
        }

        await using var count = new NpgsqlCommand(
            "update civic_ideas set comments = comments + $3 where tenant = $1 and idea_id = $2", connection, transaction);
        count.Parameters.Add(new NpgsqlParameter { Value = tenant });
        count.Parameters.Add(new NpgsqlParameter { Value = comment.ItemId });
        count.Parameters.Add(new NpgsqlParameter { Value = by, NpgsqlDbType = NpgsqlDbType.Integer });
        await count.ExecuteNonQueryAsync();
    }
}
