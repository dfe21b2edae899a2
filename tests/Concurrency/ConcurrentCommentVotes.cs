using Civic.Tests.Api;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Concurrency;

/// <summary>
/// Comment votes under load (issue 11): 300 members voting on one comment at once, a third of them then turning their
/// vote the other way and a third withdrawing it, all concurrently: the comment's counts equal the votes table.
/// </summary>
[Collection("api")]
public sealed class ConcurrentCommentVotes(ApiFixture api)
{
    [Fact]
    public async Task Three_hundred_members_voting_changing_and_withdrawing_at_once_leave_counts_equal_to_the_table()
    {
        var tenant = await api.NewTenantAsync();
        var (_, comment) = await CommentDocuments.IdeaWithCommentAsync(api, tenant, "Votez !");
        var members = Enumerable.Range(0, 300).Select(i => api.Member(tenant, $"voter-{i}")).ToArray();
        using var gate = new SemaphoreSlim(64);

        async Task<string?> SendAsync(GraphQLClient member, string document, object variables)
        {
            await gate.WaitAsync();
            try
            {
                return (await member.SendAsync(document, variables)).FirstCode;
            }
            finally
            {
                gate.Release();
            }
        }

        // Every member votes (even ones UP, odd ones DOWN) and, right after its answer, a third turn their vote
        // the other way and a third withdraw it.
        var codes = await Task.WhenAll(members.Select(async (member, i) =>
        {
            var vote = i % 2 == 0 ? "UP" : "DOWN";
            var first = await SendAsync(member, CommentDocuments.Vote, new { id = comment, vote });
            var then = (i % 3) switch
            {
                0 => await SendAsync(member, CommentDocuments.Vote, new { id = comment, vote = vote == "UP" ? "DOWN" : "UP" }),
                1 => await SendAsync(member, CommentDocuments.WithdrawVote, new { id = comment }),
                _ => null,
            };
            return (first, then);
        }));

        foreach (var member in members)
        {
            member.Dispose();
        }

        Assert.All(codes, c => Assert.Null(c.first));
        Assert.All(codes, c => Assert.Null(c.then));
        var expectedUps = Enumerable.Range(0, 300).Count(i => (i % 3) switch { 0 => i % 2 == 1, 1 => false, _ => i % 2 == 0 });
        var expectedDowns = Enumerable.Range(0, 300).Count(i => (i % 3) switch { 0 => i % 2 == 0, 1 => false, _ => i % 2 == 1 });
        Assert.Equal($"{expectedUps}:{expectedDowns}", await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString, """
            select count(*) filter (where value = 1) || ':' || count(*) filter (where value = -1)
            from civic_comment_votes where tenant = @t and comment_id = @c
            """, ("t", tenant), ("c", comment)));
        Assert.Equal($"{expectedUps}:{expectedDowns}", await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select ups || ':' || downs from civic_comments where tenant = @t and comment_id = @c", ("t", tenant), ("c", comment)));
    }
}
