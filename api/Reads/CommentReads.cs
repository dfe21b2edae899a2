using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Api.Reads;

/// <summary>Where a page of comments starts: after this comment's sort key (its score for BEST) and time.</summary>
public sealed record CommentKey(int Score, DateTimeOffset CreatedAt, string Id);

/// <summary>
/// Pages of comments from <c>civic_comments</c>: one level of one thread (the item's comments, or one comment's
/// replies), keyset-paginated on the index of its order, so a page costs the same in a thread of 10 or 10,000.
/// </summary>
public sealed class CommentReads(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        comment_id, item_kind, item_id, parent_id, depth, author_id, stance, body, body_html, version, created_at, edited_at,
        deleted_at, ups, downs, replies, hidden_reason
        """;

    /// <summary>
    /// The SQL of a page (tests check its plan): the order's index columns in the order's direction, and after a
    /// cursor the keyset as one row comparison on them. Two texts, so no plan has to cover both.
    /// </summary>
    public static string PageSql(CommentOrder order, bool afterCursor)
    {
        var (keyset, sort) = order == CommentOrder.Best
            ? ("(score, created_at, comment_id) < ($5, $6, $7)", "score desc, created_at desc, comment_id desc")
            : ("(created_at, comment_id) < ($6, $7)", "created_at desc, comment_id desc");
        return $"""
            select {Columns} from civic_comments
            where tenant = $1 and item_kind = $2 and item_id = $3 and parent_id = $4{(afterCursor ? " and " + keyset : "")}
            order by {sort}
            limit $8
            """;
    }

    public async Task<(ImmutableArray<CommentView> Rows, bool HasMore)> PageAsync(
        string tenant, string kind, string itemId, string? parentId, CommentOrder order, int first, CommentKey? after, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(PageSql(order, after is not null));
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = itemId });
        command.Parameters.Add(new NpgsqlParameter { Value = parentId ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = after?.Score ?? 0, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = after?.CreatedAt ?? DateTimeOffset.UnixEpoch, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = after?.Id ?? "", NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        var rows = new List<CommentView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }

        return ([.. rows.Take(first)], rows.Count > first);
    }

    /// <summary>The item a comment belongs to, or null when the tenant has no such comment.</summary>
    public async Task<(string Kind, string ItemId)?> ItemOfAsync(string tenant, string commentId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select item_kind, item_id from civic_comments where tenant = $1 and comment_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = commentId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>The member's votes on these comments (one query for a page): the comments they voted on only.</summary>
    public async Task<Dictionary<string, CommentVote?>> VotesOfAsync(string tenant, string memberId, string[] commentIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select comment_id, value from civic_comment_votes where tenant = $1 and member_id = $2 and comment_id = any($3)");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = commentIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var votes = new Dictionary<string, CommentVote?>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            votes[reader.GetString(0)] = reader.GetInt16(1) > 0 ? CommentVote.Up : CommentVote.Down;
        }

        return votes;
    }

    /// <summary>One comment of the tenant, or null.</summary>
    public async Task<CommentView?> OneAsync(string tenant, string commentId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from civic_comments where tenant = $1 and comment_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = commentId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<ImmutableArray<CommentVersion>> VersionsAsync(string tenant, string commentId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select version, body, replaced_at from civic_comment_versions where tenant = $1 and comment_id = $2 order by version");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = commentId });
        var versions = ImmutableArray.CreateBuilder<CommentVersion>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            versions.Add(new CommentVersion(reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return versions.ToImmutable();
    }

    private static CommentView Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3) is { Length: > 0 } parent ? parent : null,
        reader.GetInt32(4), reader.GetString(5), CommentedItems.StanceFromSql(reader.GetString(6)), reader.GetString(7), reader.GetString(8),
        reader.GetInt32(9), reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        reader.GetInt32(13), reader.GetInt32(14), reader.GetInt32(15), reader.IsDBNull(16) ? null : reader.GetString(16));
}
