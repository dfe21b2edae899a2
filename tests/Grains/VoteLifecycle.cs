using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using static Civic.Tests.Grains.GrainTestData;

namespace Civic.Tests.Grains;

[Collection("cluster")]
public sealed class VoteLifecycle(ClockedClusterFixture fixture)
{
    private CreateVote Approval(DateTimeOffset closesAt, DateTimeOffset? opensAt = null) => new(
        "Budget", BallotType.Approval, 1, 2,
        [new VoteOptionInput("A", 300), new VoteOptionInput("B", 500), new VoteOptionInput("C", 400)],
        new Money(800, "EUR"), opensAt ?? fixture.Now, closesAt);

    [Fact]
    public async Task Vote_closes_by_itself_and_computes_results()
    {
        var tenant = NewTenant();
        var vote = fixture.Client.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.Vote)));
        var closesAt = fixture.Now.AddHours(1);
        await vote.CreateAsync(Approval(closesAt), Admin(tenant));
        await vote.CastBallotAsync(new CastBallot(Member(tenant, "a"), ["p1", "p2"]));
        await vote.CastBallotAsync(new CastBallot(Member(tenant, "b"), ["p2"]));
        await vote.CastBallotAsync(new CastBallot(Member(tenant, "c"), ["p3"]));

        var closed = await fixture.EventuallyAfterAsync(closesAt, () => vote.GetAsync(null), v => v!.Results is not null, "the vote to close");
        Assert.Equal(VoteStatus.Closed, closed!.Status);
        // p2 (2 votes, 500) then p1 (1 vote, 300) = 800; p3 (1 vote, 400) no longer fits. p1 beats p3 on cost.
        Assert.Equal(new[] { "p2", "p1" }, closed.Results!.Selected.ToArray());
        Assert.Equal(800, closed.Results.Allocated);
    }

    [Fact]
    public async Task Vote_is_not_open_before_its_window()
    {
        var tenant = NewTenant();
        var vote = fixture.Client.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.Vote)));
        var created = await vote.CreateAsync(Approval(fixture.Now.AddDays(2), fixture.Now.AddDays(1)), Admin(tenant));
        Assert.Equal(VoteStatus.Draft, created.Status);

        var error = await Assert.ThrowsAsync<CivicException>(() => vote.CastBallotAsync(new CastBallot(Member(tenant), ["p1"])));
        Assert.Equal(ErrorCodes.VoteNotOpen, error.Code);
    }

    [Fact]
    public async Task Tally_is_rebuilt_from_the_ballots_table_after_deactivation()
    {
        var tenant = NewTenant();
        var vote = fixture.Client.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.Vote)));
        await vote.CreateAsync(Approval(fixture.Now.AddDays(1)), Admin(tenant));
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            vote.CastBallotAsync(new CastBallot(Member(tenant, $"v{i}"), i % 2 == 0 ? ["p1"] : ["p2", "p3"]))));

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var reloaded = await vote.GetAsync(Member(tenant, "v0"));
        Assert.Equal(30, reloaded!.Ballots);
        Assert.True(reloaded.HasVoted);
        Assert.Equal(new[] { 15, 15, 15 }, reloaded.Options.Select(o => o.Votes).ToArray());
        var again = await Assert.ThrowsAsync<CivicException>(() => vote.CastBallotAsync(new CastBallot(Member(tenant, "v3"), ["p1"])));
        Assert.Equal(ErrorCodes.AlreadyVoted, again.Code);
    }

    [Fact]
    public async Task Ballots_do_not_name_their_voter()
    {
        var tenant = NewTenant();
        var voteId = GrainKeys.NewId(IdPrefixes.Vote);
        var vote = fixture.Client.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, voteId));
        await vote.CreateAsync(Approval(fixture.Now.AddDays(1)), Admin(tenant));
        await vote.CastBallotAsync(new CastBallot(Member(tenant, "jeanne.dupont"), ["p1"]));

        var key = await PostgresServerFixture.ScalarAsync<string>(fixture.ConnectionString,
            "select voter_key from civic_ballots where vote_id = @id", ("id", voteId));
        Assert.DoesNotContain("jeanne", key);
        Assert.Equal(64, key.Length);
    }
}
