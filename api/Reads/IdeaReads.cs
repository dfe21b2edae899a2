using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Api.Reads;

/// <summary>How a box's ideas are listed.</summary>
public enum IdeaOrder
{
    MostSupported = 0,
    Newest = 1,

    /// <summary>Shuffled by a seed the visitor keeps, so paging is stable for them and fair across ideas.</summary>
    Random = 2,

    /// <summary>Most comments (not deleted, replies included) first.</summary>
    MostCommented = 3,
}

/// <summary>One idea as lists show it.</summary>
public sealed record IdeaRow(
    string Id, string BoxId, string AuthorId, string Title, string Body, string BodyHtml, string? Category, string? District,
    GeoPoint? Location, IdeaState State, int Supports, int Version, DateTimeOffset SubmittedAt, DateTimeOffset? UnderReviewSince,
    int Comments, string? HiddenReason, bool SupportedByMe, string SortKey, IdeaProject? Project = null);

/// <summary>One live support of an idea: who, with their account's display name when they have an account, and when.</summary>
public sealed record SupporterRow(string MemberId, string? DisplayName, DateTimeOffset SupportedAt);

/// <summary>Who reads a list: a signed-in member (or null), and whether they moderate (and so see hidden ideas).</summary>
public sealed record IdeaReader(string? MemberId, bool Moderates);

/// <summary>What a list of ideas is filtered by.</summary>
public sealed record IdeaFilter(string? Category = null, string? District = null, IdeaState? State = null, string? Search = null);

/// <summary>One idea box as lists show it.</summary>
public sealed record IdeaBoxRow(string Id, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset CreatedAt, int Ideas);

/// <summary>
/// Lists, search and similar-idea hints of idea boxes, from <c>civic_ideas</c> (written by the idea grains):
/// never a grain per row. Keyset pagination on (sort key, id); withdrawn ideas are never listed, hidden ones only to
/// their author and moderators. Each row carries its comment count, hidden reason and the reader's support.
/// </summary>
public sealed class IdeaReads(NpgsqlDataSource dataSource)
{
    // $m is the reader's member id (null when anonymous), $mod whether they moderate.
    private static string Columns(string m) => $"""
        idea_id, box_id, author_id, title, body, body_html, category, district, latitude, longitude, state, supports, version,
        submitted_at, under_review_since, comments, hidden_reason,
        exists (select 1 from civic_idea_supports s where s.tenant = civic_ideas.tenant and s.idea_id = civic_ideas.idea_id
                and s.member_id = {m} and s.withdrawn_at is null),
        vote_id, vote_option_id, project_cost
        """;

    private static string Visible(string m, string mod) => $"(hidden_reason is null or {mod} or author_id = {m})";

    public async Task<(ImmutableArray<IdeaRow> Rows, bool HasMore)> ListAsync(
        string tenant, string boxId, IdeaOrder order, IdeaFilter filter, string seed, int first, (string Key, string Id)? after, IdeaReader reader,
        CancellationToken ct)
    {
        // Each order's key as text that sorts like the order: supports zero-padded and inverted, times inverted.
        var key = order switch
        {
            IdeaOrder.MostSupported => "lpad((2147483647 - supports)::text, 10, '0')",
            IdeaOrder.MostCommented => "lpad((2147483647 - comments)::text, 10, '0')",
            IdeaOrder.Newest => "lpad((9999999999999999 - (extract(epoch from submitted_at) * 1000000)::bigint)::text, 16, '0')",
            _ => "md5($9 || idea_id)",
        };
        await using var command = dataSource.CreateCommand($"""
            select {Columns("$11")}, {key} as k from civic_ideas
            where tenant = $1 and box_id = $2 and state <> 'withdrawn' and {Visible("$11", "$12")}
              and ($3::text is null or category = $3)
              and ($4::text is null or district = $4)
              and ($5::text is null or state = $5)
              and ($6::text is null or search @@ websearch_to_tsquery(language, $6))
              and ($7::text is null or ({key}, idea_id) > ($7, $8))
            order by k, idea_id
            limit $10
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = boxId });
        command.Parameters.Add(Text(filter.Category));
        command.Parameters.Add(Text(filter.District));
        command.Parameters.Add(Text(filter.State is { } s ? IdeaStates.ToSql(s) : null));
        command.Parameters.Add(Text(filter.Search));
        command.Parameters.Add(Text(after?.Key));
        command.Parameters.Add(Text(after?.Id ?? ""));
        command.Parameters.Add(Text(seed));
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        command.Parameters.Add(Text(reader.MemberId));
        command.Parameters.Add(new NpgsqlParameter { Value = reader.Moderates });
        var rows = await ReadAsync(command, ct);
        var hasMore = rows.Count > first;
        return ([.. rows.Take(first)], hasMore);
    }

    /// <summary>
    /// Up to 10 ideas of the box that share words with <paramref name="text"/> (any of them, in the box's language),
    /// best match first: the hints a member sees before submitting a duplicate.
    /// </summary>
    public async Task<ImmutableArray<IdeaRow>> SimilarAsync(string tenant, string boxId, string text, IdeaReader reader, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            with q as (
                select nullif(replace(plainto_tsquery(b.language, $3)::text, '&', '|'), '')::tsquery as query
                from civic_idea_boxes b where b.tenant = $1 and b.box_id = $2)
            select {Columns("$4")}, '' as k from civic_ideas, q
            where tenant = $1 and box_id = $2 and state <> 'withdrawn' and {Visible("$4", "$5")} and q.query is not null and search @@ q.query
            order by ts_rank(search, q.query) desc, supports desc, idea_id
            limit 10
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = boxId });
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(Text(reader.MemberId));
        command.Parameters.Add(new NpgsqlParameter { Value = reader.Moderates });
        return [.. await ReadAsync(command, ct)];
    }

    /// <summary>One idea's comment count, hidden reason and whether <paramref name="memberId"/> supports it; null if there is no such row.</summary>
    public async Task<IdeaListing?> ListingAsync(string tenant, string ideaId, string? memberId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select comments, hidden_reason,
                   exists (select 1 from civic_idea_supports s where s.tenant = $1 and s.idea_id = $2 and s.member_id = $3 and s.withdrawn_at is null)
            from civic_ideas where tenant = $1 and idea_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = ideaId });
        command.Parameters.Add(Text(memberId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new IdeaListing(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2))
            : null;
    }

    /// <summary>
    /// The tenant's ideas under review whose answer was due before <paramref name="now"/> (the box's answer deadline
    /// after they went under review), the longest overdue first, by keyset on (due, id); one box only when named.
    /// </summary>
    public async Task<(ImmutableArray<(IdeaRow Row, DateTimeOffset DueAt)> Rows, bool HasMore)> OverdueAsync(
        string tenant, string? boxId, DateTimeOffset now, int first, (DateTimeOffset At, string Id)? after, CancellationToken ct)
    {
        const string due = """
            (under_review_since + (select (b.settings->>'answerDeadlineDays')::int from civic_idea_boxes b
                                   where b.tenant = civic_ideas.tenant and b.box_id = civic_ideas.box_id) * interval '1 day')
            """;
        await using var command = dataSource.CreateCommand($"""
            select * from (
                select {Columns("null::text")}, '' as k, {due} as due from civic_ideas
                where tenant = $1 and state = 'under_review' and ($2::text is null or box_id = $2)) o
            where due < $3 and ($4::timestamptz is null or (due, idea_id) > ($4, $5))
            order by due, idea_id
            limit $6
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(Text(boxId));
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.At ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Text(after?.Id ?? ""));
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        var rows = new List<(IdeaRow, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((Read(reader), reader.GetFieldValue<DateTimeOffset>(22)));
        }

        return ([.. rows.Take(first)], rows.Count > first);
    }

    /// <summary>
    /// One page of an idea's live supports, newest first, by keyset on <c>civic_idea_supports_by_idea</c>; only
    /// <paramref name="onlyMember"/>'s own when given (what a member who does not moderate may see).
    /// </summary>
    public async Task<(ImmutableArray<SupporterRow> Rows, bool HasMore)> SupportersAsync(
        string tenant, string ideaId, string? onlyMember, int first, (DateTimeOffset At, string Id)? after, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select s.member_id, a.display_name, s.supported_at
            from civic_idea_supports s
            left join civic_accounts a on a.tenant = s.tenant and a.id = s.member_id and a.deleted_at is null
            where s.tenant = $1 and s.idea_id = $2 and s.withdrawn_at is null
              and ($3::text is null or s.member_id = $3)
              and ($4::timestamptz is null or (s.supported_at, s.member_id) < ($4, $5))
            order by s.supported_at desc, s.member_id desc
            limit $6
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = ideaId });
        command.Parameters.Add(Text(onlyMember));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.At ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Text(after?.Id ?? ""));
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        var rows = new List<SupporterRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new SupporterRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return ([.. rows.Take(first)], rows.Count > first);
    }

    /// <summary>
    /// The ideas vote options were made from, by (idea id the option carries, option id): found when the idea's link
    /// names that option (one query for a vote's options).
    /// </summary>
    public async Task<Dictionary<(string Idea, string Option), string?>> IdeasOfOptionsAsync(
        string tenant, (string Idea, string Option)[] keys, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select i.idea_id, i.vote_option_id from civic_ideas i
            join unnest($2::text[], $3::text[]) as k(i, o) on i.idea_id = k.i and i.vote_option_id = k.o
            where i.tenant = $1 and i.vote_id is not null
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Idea).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Option).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var ideas = new Dictionary<(string Idea, string Option), string?>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ideas[(reader.GetString(0), reader.GetString(1))] = reader.GetString(0);
        }

        return ideas;
    }

    /// <summary>The tenant's idea boxes, newest first, with their number of listed ideas.</summary>
    public async Task<(ImmutableArray<IdeaBoxRow> Rows, bool HasMore)> BoxesAsync(string tenant, int first, (DateTimeOffset At, string Id)? after, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select b.box_id, b.settings->>'title', b.opens_at, b.closes_at, b.created_at,
                   (select count(*)::int from civic_ideas i where i.tenant = b.tenant and i.box_id = b.box_id and i.state <> 'withdrawn')
            from civic_idea_boxes b
            where b.tenant = $1 and ($2::timestamptz is null or (b.created_at, b.box_id) < ($2, $3))
            order by b.created_at desc, b.box_id desc
            limit $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.At ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Text(after?.Id ?? ""));
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        var rows = new List<IdeaBoxRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new IdeaBoxRow(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5)));
        }

        return ([.. rows.Take(first)], rows.Count > first);
    }

    private static async Task<List<IdeaRow>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<IdeaRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>A row selected with <see cref="Columns"/> then its sort key.</summary>
    private static IdeaRow Read(NpgsqlDataReader reader) => new(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : new GeoPoint(reader.GetDouble(8), reader.GetDouble(9)),
                IdeaStates.FromSql(reader.GetString(10)), reader.GetInt32(11), reader.GetInt32(12), reader.GetFieldValue<DateTimeOffset>(13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14), reader.GetInt32(15),
                reader.IsDBNull(16) ? null : reader.GetString(16), reader.GetBoolean(17), reader.GetString(21),
                reader.IsDBNull(18) ? null : new IdeaProject(reader.GetString(18), reader.GetString(19), reader.GetInt64(20)));

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
