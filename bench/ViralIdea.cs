using System.Globalization;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Bench;

/// <summary>What the viral-idea scenario measured and checked.</summary>
public sealed record ViralIdeaOutcome(LoadResult Supports, LoadResult LargeThread, LoadResult SmallThread, IReadOnlyList<(string Line, bool Ok)> Checks);

/// <summary>
/// The viral idea (issue 11): <see cref="Members"/> concurrent members supporting one idea through
/// <see cref="IIdeaGrain.SupportAsync"/> (each call a new member: one support per member), then checked: the idea's
/// count = the supports table = the supports acknowledged. And a page of 10 comments (NEWEST) read as <c>Idea.comments</c>
/// reads it (<see cref="CommentReads.PageAsync"/>), by <see cref="Readers"/> concurrent readers, after a random cursor in a
/// 10,000-comment thread and as the whole of a 10-comment one; their p99 compared.
/// The threads are seeded by SQL: the measured reads are the API's own query.
/// </summary>
public static class ViralIdea
{
    public const string Name = "viral-idea";
    public const string SkipFlag = "--no-viral-idea";
    public const int Members = 256;
    public const int Readers = 16;
    public const int LargeThread = 10_000;
    public const int SmallThread = 10;

    /// <summary>The rows of a measured page: the whole small thread.</summary>
    public const int PageSize = SmallThread;

    public static async Task<ViralIdeaOutcome> RunAsync(IGrainFactory grains, NpgsqlDataSource db, string tenant, TimeSpan warmup, TimeSpan duration)
    {
        var now = DateTimeOffset.UtcNow;
        var admin = new Actor(tenant, "admin", Role.Admin);
        var box = await grains.GetGrain<IIdeaBoxGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.IdeaBox))).CreateAsync(
            new CreateIdeaBox("Idées virales", "Une idée que tout le monde soutient.", now.AddMinutes(-1), now.AddDays(30), [], [],
                ParticipationRule.AnyMember, ParticipationRule.AnyMember), admin);
        var box2 = grains.GetGrain<IIdeaBoxGrain>(GrainKeys.Compound(tenant, box.Id));
        var viral = await box2.SubmitAsync(new SubmitIdea("Des arbres partout", "Planter mille arbres.", null, null, null), new Actor(tenant, "author", Role.Member));
        var idea = grains.GetGrain<IIdeaGrain>(GrainKeys.Compound(tenant, viral.Id));

        Console.WriteLine($"running {Name} (IIdeaGrain.SupportAsync on one idea by {Members} concurrent members, a new member each call)...");
        var supports = await LoadRunner.RunAsync(Name, Members, warmup, duration, async (worker, sequence) =>
        {
            var member = new Actor(tenant, string.Create(CultureInfo.InvariantCulture, $"viral-{worker}-{sequence}"), Role.Member);
            await idea.SupportAsync(member);
            return 1;
        });

        var live = (await idea.GetAsync())!.Supports;
        var table = await ScalarAsync(db, "select count(*) from civic_idea_supports where tenant = $1 and idea_id = $2 and withdrawn_at is null", tenant, viral.Id);
        var ok = live == table && table == supports.AckedCount;
        var checks = new List<(string Line, bool Ok)>
        {
            ($"check {Name}: idea's supports {live} = supports table {table} = acknowledged {supports.AckedCount}: {(ok ? "OK" : "FAILED")}", ok),
        };

        var large = await ThreadAsync(db, tenant, box2, LargeThread, now);
        var small = await ThreadAsync(db, tenant, box2, SmallThread, now);
        var reads = new CommentReads(db);
        Console.WriteLine($"running comment-page ({PageSize} NEWEST, {Readers} concurrent readers): after a random cursor in a {LargeThread:N0}-comment thread, then the whole {SmallThread}-comment one...");
        var largeResult = await LoadRunner.RunAsync("page-10k", Readers, warmup, duration, Pages(reads, tenant, large, LargeThread, now));
        var smallResult = await LoadRunner.RunAsync("page-10", Readers, warmup, duration, Pages(reads, tenant, small, SmallThread, now));
        var pagesOk = largeResult.AckedCount > 0 && smallResult.AckedCount > 0 && largeResult.Errors == 0 && smallResult.Errors == 0;
        checks.Add(($"check comment-page: {largeResult.Count} pages of the {LargeThread:N0}-comment thread and {smallResult.Count} of the {SmallThread}-comment one read, each {PageSize} rows: {(pagesOk ? "OK" : "FAILED")}", pagesOk));
        return new ViralIdeaOutcome(supports, largeResult, smallResult, checks);
    }

    /// <summary>The summary line of the scenario.</summary>
    public static string Summary(ViralIdeaOutcome o) => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {o.Supports.Throughput:0} supports/s on one idea ({Members} members), p99 {o.Supports.Percentile(99):0.0} ms; " +
        $"comment page p99 {o.LargeThread.Percentile(99):0.00} ms in a {LargeThread:N0}-comment thread vs {o.SmallThread.Percentile(99):0.00} ms in a {SmallThread}-comment one " +
        $"({o.LargeThread.Percentile(99) / o.SmallThread.Percentile(99):0.00}x)");

    /// <summary>An idea whose thread holds <paramref name="comments"/> top-level comments, one a second before now, with votes.</summary>
    private static async Task<string> ThreadAsync(NpgsqlDataSource db, string tenant, IIdeaBoxGrain box, int comments, DateTimeOffset now)
    {
        var idea = await box.SubmitAsync(new SubmitIdea($"Un fil de {comments} commentaires", "Discutons-en.", null, null, null),
            new Actor(tenant, "thread-" + comments.ToString(CultureInfo.InvariantCulture), Role.Member));
        await using var seed = db.CreateCommand("""
            insert into civic_comments (tenant, comment_id, item_kind, item_id, depth, author_id, stance, body, body_html, created_at, ups, downs)
            select $1, $2 || lpad(g::text, 12, '0'), 'idea', $3, 1, 'm' || g, 'neutral', 'Commentaire ' || g, '<p>Commentaire ' || g || '</p>',
                   $4::timestamptz + g * interval '1 second', g % 7, g % 3
            from generate_series(1, $5) g
            """);
        seed.Parameters.Add(new NpgsqlParameter { Value = tenant });
        seed.Parameters.Add(new NpgsqlParameter { Value = "cm_" + idea.Id[^4..] });
        seed.Parameters.Add(new NpgsqlParameter { Value = idea.Id });
        seed.Parameters.Add(new NpgsqlParameter { Value = Start(now, comments) });
        seed.Parameters.Add(new NpgsqlParameter { Value = comments });
        await seed.ExecuteNonQueryAsync();
        await using var analyze = db.CreateCommand("analyze civic_comments");
        await analyze.ExecuteNonQueryAsync();
        return idea.Id;
    }

    private static DateTimeOffset Start(DateTimeOffset now, int comments) => now.AddSeconds(-comments - 1);

    /// <summary>
    /// Each read: a page of <see cref="PageSize"/> comments. In the large thread, the page after a comment drawn at
    /// random (at least a full page from its end); in the small one, the first page, which is the whole thread. Both
    /// pages hold the same number of rows, so the comparison is the thread's size alone.
    /// </summary>
    private static PledgeOperation Pages(CommentReads reads, string tenant, string ideaId, int comments, DateTimeOffset now)
    {
        var start = Start(now, comments);
        var prefix = "cm_" + ideaId[^4..];
        return async (worker, sequence) =>
        {
            CommentKey? after = null;
            if (comments > PageSize)
            {
                var at = Random.Shared.Next(PageSize + 1, comments + 1);
                after = new CommentKey(0, start.AddSeconds(at), prefix + at.ToString("D12", CultureInfo.InvariantCulture));
            }

            var (rows, _) = await reads.PageAsync(tenant, CommentedItems.Idea, ideaId, null, CommentOrder.Newest, PageSize, after, CancellationToken.None);
            if (rows.Length != PageSize)
            {
                throw new InvalidOperationException($"A page of the {comments}-comment thread held {rows.Length} rows, not {PageSize}.");
            }

            return 0;
        };
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, string tenant, string id)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
