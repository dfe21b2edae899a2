using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Tests.Api;

/// <summary>
/// A thread of 10,000 comments, seeded by SQL: a page deep in it, NEWEST or BEST, is read by keyset on the order's
/// index (an index scan starting at the cursor, no sort, no offset), so it costs what a page of a 10-comment thread
/// costs; and the API's pages, followed by their cursors, walk the thread in order without gaps.
/// </summary>
[Collection("api-clock")]
public sealed class CommentPagesAtScale(ClockedApiFixture api)
{
    [Fact]
    public async Task A_page_deep_in_a_10000_comment_thread_is_an_index_range_from_its_cursor()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var alice = api.Member(tenant, "alice");
        var idea = (await alice.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea() }))["submitIdea"]!["id"]!.GetValue<string>();

        await using var data = NpgsqlDataSource.Create(api.ConnectionString);
        await using (var seed = data.CreateCommand("""
            insert into civic_comments (tenant, comment_id, item_kind, item_id, depth, author_id, stance, body, body_html, created_at, ups, downs)
            select $1, 'cm_' || lpad(g::text, 16, '0'), 'idea', $2, 1, 'm' || g, 'neutral', 'Commentaire ' || g, '<p>Commentaire ' || g || '</p>',
                   $3::timestamptz + g * interval '1 second', g % 7, g % 3
            from generate_series(1, 10000) g
            """))
        {
            seed.Parameters.Add(new NpgsqlParameter { Value = tenant });
            seed.Parameters.Add(new NpgsqlParameter { Value = idea });
            seed.Parameters.Add(new NpgsqlParameter { Value = api.Now.AddDays(-1) });
            Assert.Equal(10_000, await seed.ExecuteNonQueryAsync());
        }

        await using (var analyze = data.CreateCommand("analyze civic_comments"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        // Deep in the thread (the 9,000th of NEWEST, a BEST cursor from the middle of the scores).
        var newest = await PlanAsync(data, CommentOrder.Newest, tenant, idea, new CommentKey(0, api.Now.AddDays(-1).AddSeconds(1_000), "cm_0000000000001000"));
        Assert.Contains("Index Scan using civic_comments_newest", newest);
        Assert.DoesNotContain("Sort", newest);
        Assert.Contains("ROW(created_at, comment_id) < ROW(", newest.Replace("\"", ""));

        var best = await PlanAsync(data, CommentOrder.Best, tenant, idea, new CommentKey(3, api.Now.AddDays(-1).AddSeconds(5_000), "cm_0000000000005000"));
        Assert.Contains("Index Scan using civic_comments_best", best);
        Assert.DoesNotContain("Sort", best);
        Assert.Contains("ROW(score, created_at, comment_id) < ROW(", best.Replace("\"", ""));

        // The API: a page of 20 then the next from its cursor, newest first, contiguous.
        var reads = new CommentReads(data);
        var (first, more) = await reads.PageAsync(tenant, CommentedItems.Idea, idea, null, CommentOrder.Newest, 20, null, CancellationToken.None);
        Assert.True(more);
        Assert.Equal("cm_0000000000010000", first[0].Id);
        var last = first[^1];
        var (second, _) = await reads.PageAsync(tenant, CommentedItems.Idea, idea, null, CommentOrder.Newest, 20,
            new CommentKey(last.Score, last.CreatedAt, last.Id), CancellationToken.None);
        Assert.Equal("cm_0000000000009980", second[0].Id);
        Assert.Equal(20, second.Length);

        var page = (await alice.OkAsync(CommentDocuments.Comments, new { idea, order = "BEST" }))["idea"]!["comments"]!["edges"]!.AsArray();
        Assert.Equal(20, page.Count);
        var scores = page.Select(e => e!["node"]!["score"]!.GetValue<int>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    private static async Task<string> PlanAsync(NpgsqlDataSource data, CommentOrder order, string tenant, string idea, CommentKey after)
    {
        await using var explain = data.CreateCommand("explain " + CommentReads.PageSql(order, afterCursor: true));
        explain.Parameters.Add(new NpgsqlParameter { Value = tenant });
        explain.Parameters.Add(new NpgsqlParameter { Value = CommentedItems.Idea });
        explain.Parameters.Add(new NpgsqlParameter { Value = idea });
        explain.Parameters.Add(new NpgsqlParameter { Value = "" });
        explain.Parameters.Add(new NpgsqlParameter { Value = after.Score, NpgsqlDbType = NpgsqlDbType.Integer });
        explain.Parameters.Add(new NpgsqlParameter { Value = after.CreatedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        explain.Parameters.Add(new NpgsqlParameter { Value = after.Id, NpgsqlDbType = NpgsqlDbType.Text });
        explain.Parameters.Add(new NpgsqlParameter { Value = 21 });
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
