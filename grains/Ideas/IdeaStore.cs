using System.Collections.Immutable;
using System.Text.Json;
using Civic.Grains.Interfaces;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Grains.Ideas;

/// <summary>An idea as its grain keeps it: the row of <c>civic_ideas</c> and its answers.</summary>
public sealed class IdeaRecord
{
    public required string Tenant { get; init; }
    public required string Id { get; init; }
    public required string BoxId { get; init; }
    public required string AuthorId { get; init; }
    public required SubmitIdea Text { get; set; }
    public required string BodyHtml { get; set; }
    public IdeaState State { get; set; }
    public int Version { get; set; } = 1;
    public required DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? UnderReviewSince { get; set; }
    public List<IdeaAnswer> Answers { get; } = [];

    /// <summary>The vote option it became (TURNED_INTO_PROJECT).</summary>
    public IdeaProject? Project { get; set; }
}

/// <summary>The idea box tables: boxes, ideas, their versions and answers, and the supports the ledger wrote.</summary>
public sealed class IdeaStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The text search configuration of a tenant's locale (PostgreSQL's built-in ones).</summary>
    public static string SearchLanguage(string locale) => locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "english" : "french";

    public async Task InsertBoxAsync(string tenant, string boxId, CreateIdeaBox settings, string briefHtml, string createdBy, DateTimeOffset at, string locale)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_idea_boxes (tenant, box_id, settings, brief_html, opens_at, closes_at, created_by, created_at, language)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9::regconfig)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = boxId });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(settings, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = briefHtml });
        command.Parameters.Add(new NpgsqlParameter { Value = settings.OpensAt });
        command.Parameters.Add(new NpgsqlParameter { Value = settings.ClosesAt });
        command.Parameters.Add(new NpgsqlParameter { Value = createdBy });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        command.Parameters.Add(new NpgsqlParameter { Value = SearchLanguage(locale) });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<(CreateIdeaBox Settings, string BriefHtml, DateTimeOffset CreatedAt)?> BoxAsync(string tenant, string boxId)
    {
        await using var command = dataSource.CreateCommand(
            "select settings, brief_html, created_at from civic_idea_boxes where tenant = $1 and box_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = boxId });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var settings = JsonSerializer.Deserialize<CreateIdeaBox>(reader.GetString(0), Json)!;
        return (settings, reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
    }

    /// <summary>
    /// The tenant's boxes opened by <paramref name="now"/>, newest opening first, as the feed tells them: a box opens at
    /// its date, or when it was created if that date had passed.
    /// </summary>
    public async Task<List<FeedItem>> OpenedBoxesAsync(string tenant, DateTimeOffset now, int count)
    {
        await using var command = dataSource.CreateCommand("""
            select box_id, settings, greatest(opens_at, created_at) as opened_at from civic_idea_boxes
            where tenant = $1 and opens_at <= $2 order by opened_at desc, box_id limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        await using var reader = await command.ExecuteReaderAsync();
        var boxes = new List<FeedItem>();
        while (await reader.ReadAsync())
        {
            var title = JsonSerializer.Deserialize<CreateIdeaBox>(reader.GetString(1), Json)!.Title;
            boxes.Add(new FeedItem(FeedKind.IdeaBoxOpened, reader.GetString(0), title, reader.GetFieldValue<DateTimeOffset>(2), ModeratorsOnly: false));
        }

        return boxes;
    }

    /// <summary>Per author, the ideas of the box that count against their limit (all but withdrawn ones).</summary>
    public Task<Dictionary<string, int>> IdeasPerAuthorAsync(string tenant, string boxId) => CountsAsync("""
        select author_id, count(*)::int from civic_ideas
        where tenant = $1 and box_id = $2 and state <> 'withdrawn' group by author_id
        """, tenant, boxId);

    /// <summary>Per member, their live supports in the box.</summary>
    public Task<Dictionary<string, int>> SupportsPerMemberAsync(string tenant, string boxId) => CountsAsync("""
        select member_id, count(*)::int from civic_idea_supports
        where tenant = $1 and box_id = $2 and withdrawn_at is null group by member_id
        """, tenant, boxId);

    public async Task InsertIdeaAsync(IdeaRecord idea)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_ideas (tenant, idea_id, box_id, author_id, title, body, body_html, category, district,
                latitude, longitude, state, version, supports, submitted_at, language)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, 0, $13,
                (select language from civic_idea_boxes where tenant = $1 and box_id = $3))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = idea.Tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = idea.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = idea.BoxId });
        command.Parameters.Add(new NpgsqlParameter { Value = idea.AuthorId });
        AddText(command, idea);
        command.Parameters.Add(new NpgsqlParameter { Value = IdeaStates.ToSql(idea.State) });
        command.Parameters.Add(new NpgsqlParameter { Value = idea.SubmittedAt });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Keeps the current text as a version and writes the new one, in one transaction.</summary>
    public async Task EditIdeaAsync(IdeaRecord idea, SubmitIdea previous, int previousVersion, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var keep = new NpgsqlCommand("""
            insert into civic_idea_versions (tenant, idea_id, version, title, body, category, district, latitude, longitude, replaced_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, connection, transaction))
        {
            keep.Parameters.Add(new NpgsqlParameter { Value = idea.Tenant });
            keep.Parameters.Add(new NpgsqlParameter { Value = idea.Id });
            keep.Parameters.Add(new NpgsqlParameter { Value = previousVersion });
            keep.Parameters.Add(new NpgsqlParameter { Value = previous.Title });
            keep.Parameters.Add(new NpgsqlParameter { Value = previous.Body });
            keep.Parameters.Add(Nullable(previous.Category));
            keep.Parameters.Add(Nullable(previous.District));
            keep.Parameters.Add(Nullable(previous.Location?.Latitude));
            keep.Parameters.Add(Nullable(previous.Location?.Longitude));
            keep.Parameters.Add(new NpgsqlParameter { Value = at });
            await keep.ExecuteNonQueryAsync();
        }

        await using (var update = new NpgsqlCommand("""
            update civic_ideas set title = $3, body = $4, body_html = $5, category = $6, district = $7, latitude = $8, longitude = $9, version = $10
            where tenant = $1 and idea_id = $2
            """, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = idea.Tenant });
            update.Parameters.Add(new NpgsqlParameter { Value = idea.Id });
            AddText(update, idea);
            update.Parameters.Add(new NpgsqlParameter { Value = idea.Version });
            await update.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Writes the idea's state (and the answer that set it, if any) in one transaction.</summary>
    public async Task SetStateAsync(IdeaRecord idea, int supports, IdeaAnswer? answer)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("""
            update civic_ideas set state = $3, under_review_since = $4, supports = $5, answered_at = coalesce($6, answered_at),
                vote_id = $7, vote_option_id = $8, project_cost = $9
            where tenant = $1 and idea_id = $2
            """, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = idea.Tenant });
            update.Parameters.Add(new NpgsqlParameter { Value = idea.Id });
            update.Parameters.Add(new NpgsqlParameter { Value = IdeaStates.ToSql(idea.State) });
            update.Parameters.Add(Nullable(idea.UnderReviewSince));
            update.Parameters.Add(new NpgsqlParameter { Value = supports });
            update.Parameters.Add(Nullable(answer?.At));
            update.Parameters.Add(Nullable(idea.Project?.VoteId));
            update.Parameters.Add(Nullable(idea.Project?.OptionId));
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)idea.Project?.Cost ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            await update.ExecuteNonQueryAsync();
        }

        if (answer is not null)
        {
            await using var insert = new NpgsqlCommand("""
                insert into civic_idea_answers (tenant, idea_id, answered_at, answered_by, state, text) values ($1, $2, $3, $4, $5, $6)
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = idea.Tenant });
            insert.Parameters.Add(new NpgsqlParameter { Value = idea.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = answer.At });
            insert.Parameters.Add(new NpgsqlParameter { Value = answer.By });
            insert.Parameters.Add(new NpgsqlParameter { Value = IdeaStates.ToSql(answer.State) });
            insert.Parameters.Add(new NpgsqlParameter { Value = answer.Text });
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The count lists sort by; the supports table stays the truth.</summary>
    public async Task SetSupportsAsync(string tenant, string ideaId, int supports)
    {
        await using var command = dataSource.CreateCommand("update civic_ideas set supports = $3 where tenant = $1 and idea_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = ideaId });
        command.Parameters.Add(new NpgsqlParameter { Value = supports });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IdeaRecord?> IdeaAsync(string tenant, string ideaId)
    {
        await using var command = dataSource.CreateCommand("""
            select box_id, author_id, title, body, body_html, category, district, latitude, longitude, state, version, submitted_at, under_review_since,
                vote_id, vote_option_id, project_cost
            from civic_ideas where tenant = $1 and idea_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = ideaId });
        IdeaRecord record;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                return null;
            }

            record = new IdeaRecord
            {
                Tenant = tenant,
                Id = ideaId,
                BoxId = reader.GetString(0),
                AuthorId = reader.GetString(1),
                Text = new SubmitIdea(reader.GetString(2), reader.GetString(3), NullableString(reader, 5), NullableString(reader, 6),
                    reader.IsDBNull(7) ? null : new GeoPoint(reader.GetDouble(7), reader.GetDouble(8))),
                BodyHtml = reader.GetString(4),
                State = IdeaStates.FromSql(reader.GetString(9)),
                Version = reader.GetInt32(10),
                SubmittedAt = reader.GetFieldValue<DateTimeOffset>(11),
                UnderReviewSince = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
                Project = reader.IsDBNull(13) ? null : new IdeaProject(reader.GetString(13), reader.GetString(14), reader.GetInt64(15)),
            };
        }

        await using var answers = dataSource.CreateCommand(
            "select answered_at, answered_by, state, text from civic_idea_answers where tenant = $1 and idea_id = $2 order by answered_at");
        answers.Parameters.Add(new NpgsqlParameter { Value = tenant });
        answers.Parameters.Add(new NpgsqlParameter { Value = ideaId });
        await using var rows = await answers.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            record.Answers.Add(new IdeaAnswer(rows.GetFieldValue<DateTimeOffset>(0), rows.GetString(1), IdeaStates.FromSql(rows.GetString(2)), rows.GetString(3)));
        }

        return record;
    }

    /// <summary>The members whose support of the idea is live.</summary>
    public async Task<HashSet<string>> SupportersAsync(string tenant, string ideaId)
    {
        await using var command = dataSource.CreateCommand(
            "select member_id from civic_idea_supports where tenant = $1 and idea_id = $2 and withdrawn_at is null");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = ideaId });
        var members = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            members.Add(reader.GetString(0));
        }

        return members;
    }

    public async Task<ImmutableArray<SubmitIdea>> VersionsAsync(string tenant, string ideaId)
    {
        await using var command = dataSource.CreateCommand("""
            select title, body, category, district, latitude, longitude from civic_idea_versions
            where tenant = $1 and idea_id = $2 order by version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = ideaId });
        var versions = ImmutableArray.CreateBuilder<SubmitIdea>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(new SubmitIdea(reader.GetString(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3),
                reader.IsDBNull(4) ? null : new GeoPoint(reader.GetDouble(4), reader.GetDouble(5))));
        }

        return versions.ToImmutable();
    }

    private async Task<Dictionary<string, int>> CountsAsync(string sql, string tenant, string boxId)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = boxId });
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    /// <summary>$n..$n+6: title, body, body_html, category, district, latitude, longitude.</summary>
    private static void AddText(NpgsqlCommand command, IdeaRecord idea)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = idea.Text.Title });
        command.Parameters.Add(new NpgsqlParameter { Value = idea.Text.Body });
        command.Parameters.Add(new NpgsqlParameter { Value = idea.BodyHtml });
        command.Parameters.Add(Nullable(idea.Text.Category));
        command.Parameters.Add(Nullable(idea.Text.District));
        command.Parameters.Add(Nullable(idea.Text.Location?.Latitude));
        command.Parameters.Add(Nullable(idea.Text.Location?.Longitude));
    }

    private static NpgsqlParameter Nullable(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Nullable(double? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double };

    private static NpgsqlParameter Nullable(DateTimeOffset? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static string? NullableString(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
