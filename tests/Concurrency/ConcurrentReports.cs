using Civic.Tests.Api;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Concurrency;

[Collection("api")]
public sealed class ConcurrentReports(ApiFixture api)
{
    [Fact]
    public async Task Five_hundred_members_reporting_one_comment_at_once_hide_it_exactly_once()
    {
        var tenant = await api.NewTenantAsync();
        var (_, comment) = await CommentDocuments.IdeaWithCommentAsync(api, tenant, "Achetez mes montres !");

        var members = Enumerable.Range(0, 500).Select(i => api.Member(tenant, $"reporter-{i}")).ToArray();
        var attempts = members.Concat(members.Take(50)).ToArray(); // 50 of them twice
        var refused = 0;
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(attempts.Select(async member =>
        {
            await gate.WaitAsync();
            try
            {
                var result = await member.SendAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" });
                if (result.Errors is not null)
                {
                    Assert.Equal("ALREADY_EXISTS", result.FirstCode);
                    Interlocked.Increment(ref refused);
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        foreach (var member in members)
        {
            member.Dispose();
        }

        Assert.Equal(50, refused);
        Assert.Equal(500L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_reports where tenant = @t and item_id = @c", ("t", tenant), ("c", comment)));
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_moderation_acts where tenant = @t and item_id = @c and act = 'auto_hide'", ("t", tenant), ("c", comment)));
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_notifications where tenant = @t and member_id = 'bob' and item_id = @c", ("t", tenant), ("c", comment)));
        Assert.Equal(500, await PostgresServerFixture.ScalarAsync<int>(api.ConnectionString,
            "select reports from civic_moderation where tenant = @t and item_id = @c", ("t", tenant), ("c", comment)));
    }

    /// <summary>One member reporting 40 comments at once (40 grains): exactly the daily quota is recorded, the rest refused.</summary>
    [Fact]
    public async Task A_member_reporting_forty_comments_at_once_gets_exactly_the_daily_quota()
    {
        var tenant = await api.NewTenantAsync();
        var (idea, first) = await CommentDocuments.IdeaWithCommentAsync(api, tenant, "Premier commentaire.");
        var comments = new List<string> { first };
        using (var bob = api.Member(tenant, "bob"))
        {
            for (var i = 1; i < 40; i++)
            {
                comments.Add((await bob.OkAsync(CommentDocuments.Comment, CommentDocuments.New(idea, $"Commentaire {i}.")))["commentIdea"]!["id"]!.GetValue<string>());
            }
        }

        using var zealot = api.Member(tenant, "zealot");
        var results = await Task.WhenAll(comments.Select(c => zealot.SendAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = c, reason = "OFF_TOPIC" })));

        var quota = new Civic.Grains.Tenants.QuotaOptions().ReportsPerMemberPerDay;
        Assert.Equal(quota, results.Count(r => r.Errors is null));
        Assert.All(results.Where(r => r.Errors is not null), r => Assert.Equal("QUOTA_EXCEEDED", r.FirstCode));
        Assert.Equal((long)quota, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_reports where tenant = @t and reporter_id = 'zealot'", ("t", tenant)));
        Assert.Equal((long)quota, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(reports), 0)::bigint from civic_moderation where tenant = @t", ("t", tenant))); // nothing counted for a refused one
    }
}
