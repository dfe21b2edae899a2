using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using static Civic.Tests.Grains.GrainTestData;

namespace Civic.Tests.Grains;

/// <summary>The close counts off the vote grain's turn, and the tally survives deactivation through its snapshot.</summary>
[Collection("cluster")]
public sealed class VoteCountingOffTurn(ClockedClusterFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private CreateVote EqualShares() => new(
        "Budget", BallotType.Approval, 1, 2,
        [new VoteOptionInput("A", 30_000), new VoteOptionInput("B", 50_000), new VoteOptionInput("C", 40_000)],
        new Money(80_000, "EUR"), fixture.Now, fixture.Now.AddDays(1), VoteRule.EqualSharesAdd1);

    [Fact]
    public async Task Reads_are_answered_while_the_close_counts_and_a_second_close_waits_for_it()
    {
        var tenant = NewTenant();
        var key = GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.Vote));
        var vote = fixture.Client.GetGrain<IVoteGrain>(key);
        await vote.CreateAsync(EqualShares(), Admin(tenant));
        await vote.CastBallotAsync(new CastBallot(Member(tenant, "a"), ["p1", "p2"]));
        await vote.CastBallotAsync(new CastBallot(Member(tenant, "b"), ["p2"]));
        await vote.CastBallotAsync(new CastBallot(Member(tenant, "c"), ["p3"]));

        var hold = HeldVoteCounts.Hold(key);
        var closing = vote.CloseAsync(Admin(tenant));
        await hold.Started.WaitAsync(Bound);

        // The count is held: the grain still answers, showing the vote closed and not yet counted.
        var during = await vote.GetAsync(Member(tenant, "a")).WaitAsync(Bound);
        Assert.Equal(VoteStatus.Closed, during!.Status);
        Assert.Null(during.Results);
        Assert.Equal(3, during.Ballots);
        Assert.True(during.HasVoted);
        var late = await Assert.ThrowsAsync<CivicException>(() => vote.CastBallotAsync(new CastBallot(Member(tenant, "d"), ["p1"])).WaitAsync(Bound));
        Assert.Equal(ErrorCodes.VoteClosed, late.Code);

        // A second close does not interleave with the first: it waits, then finds the vote closed.
        var second = vote.CloseAsync(Admin(tenant));
        Assert.False(closing.IsCompleted);
        hold.Release();
        var closed = await closing.WaitAsync(Bound);
        Assert.NotNull(closed.Results);
        Assert.NotEmpty(closed.Results!.Selected);
        Assert.Equal(ErrorCodes.VoteClosed, (await Assert.ThrowsAsync<CivicException>(() => second.WaitAsync(Bound))).Code);
        Assert.Equal(1, hold.Counts);
        Assert.Equal(closed.Results.Selected.ToArray(), (await vote.GetAsync(null))!.Results!.Selected.ToArray());
    }

    [Fact]
    public async Task The_tally_comes_back_from_its_snapshot_and_the_ballots_after_it()
    {
        var tenant = NewTenant();
        var vote = fixture.Client.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.Vote)));
        await vote.CreateAsync(EqualShares(), Admin(tenant));

        // Paper ballots end with a snapshot; the member ballots come after it.
        var paper = await vote.RecordPaperBallotsAsync(
            [.. Enumerable.Range(0, 40).Select(i => new PaperBallot($"ref{i}", i % 4 == 0 ? ["p1", "p3"] : ["p2"], [], null))], Admin(tenant));
        Assert.Equal(40, paper.Accepted);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => vote.CastBallotAsync(new CastBallot(Member(tenant, $"m{i}"), ["p3"]))));
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var back = await vote.GetAsync(Member(tenant, "m3"));
        Assert.Equal(50, back!.Ballots);
        Assert.True(back.HasVoted);
        Assert.Equal(new[] { 10, 30, 20 }, back.Options.Select(o => o.Votes).ToArray());
        Assert.Equal(1, (await vote.RecordPaperBallotsAsync([new PaperBallot("ref7", ["p1"], [], null)], Admin(tenant))).Duplicates);
        Assert.Equal(ErrorCodes.AlreadyVoted, (await Assert.ThrowsAsync<CivicException>(() =>
            vote.CastBallotAsync(new CastBallot(Member(tenant, "m9"), ["p1"])))).Code);

        // Once more with ballots after the deactivation's snapshot, and a second deactivation.
        await vote.CastBallotAsync(new CastBallot(Member(tenant, "n"), ["p1"]));
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var again = await vote.GetAsync(null);
        Assert.Equal(51, again!.Ballots);
        Assert.Equal(new[] { 11, 30, 20 }, again.Options.Select(o => o.Votes).ToArray());
    }
}
