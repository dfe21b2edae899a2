using Civic.Grains.Interfaces;
using Civic.Grains.Votes;

namespace Civic.Tests.Domain;

public class VoteBallotRules
{
    private static VoteState Approval(int min, int max) => new()
    {
        Tenant = "lyon",
        Id = "vt_x",
        BallotType = BallotType.Approval,
        MinChoices = min,
        MaxChoices = max,
        Options = [new("p1", "A", 100), new("p2", "B", 200), new("p3", "C", 300), new("p4", "D", 400)],
    };

    [Fact]
    public void Returns_the_indexes_of_valid_choices()
    {
        var indexes = VoteRules.ValidateBallot(Approval(1, 3), ["p3", "p1"]);
        Assert.Equal(new[] { 2, 0 }, indexes.ToArray());
    }

    [Theory]
    [InlineData(new string[0], ErrorCodes.BallotTooFew)]
    [InlineData(new[] { "p1", "p2", "p3", "p4" }, ErrorCodes.BallotTooMany)]
    [InlineData(new[] { "p9" }, ErrorCodes.BallotUnknownProject)]
    [InlineData(new[] { "p1", "p1" }, ErrorCodes.BallotDuplicateChoice)]
    public void Rejects_invalid_ballots(string[] choices, string code)
    {
        var error = Assert.Throws<CivicException>(() => VoteRules.ValidateBallot(Approval(1, 3), choices));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Greedy_selection_skips_what_does_not_fit()
    {
        var options = new List<VoteOptionConfig> { new("p1", "A", 600), new("p2", "B", 500), new("p3", "C", 300), new("p4", "D", 100) };
        var (selected, allocated) = VoteRules.Select(options, [10, 8, 5, 0], budget: 1000);

        // p1 (600) fits, p2 (500) does not, p3 (300) does; p4 has no votes.
        Assert.Equal(new[] { "p1", "p3" }, selected.ToArray());
        Assert.Equal(900, allocated);
    }

    [Fact]
    public void Ties_go_to_the_cheaper_option_then_the_first_listed()
    {
        var options = new List<VoteOptionConfig> { new("p1", "A", 500), new("p2", "B", 400), new("p3", "C", 400) };
        var (selected, _) = VoteRules.Select(options, [5, 5, 5], budget: 800);
        Assert.Equal(new[] { "p2", "p3" }, selected.ToArray());
    }

    [Fact]
    public void Vote_opens_and_closes_by_the_clock()
    {
        var t0 = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        var s = Approval(1, 3);
        s.OpensAt = t0;
        s.ClosesAt = t0.AddDays(1);
        s.Status = VoteStatus.Draft;

        Assert.Equal(VoteStatus.Draft, VoteRules.StatusAt(s, t0.AddSeconds(-1)));
        Assert.Equal(VoteStatus.Open, VoteRules.StatusAt(s, t0));
        Assert.Equal(VoteStatus.Closed, VoteRules.StatusAt(s, t0.AddDays(1)));
    }

    [Fact]
    public void Tally_holds_one_slot_per_voter()
    {
        var tally = new VoteTally(4);
        Assert.True(tally.TryReserve("v1", out var seq));
        Assert.False(tally.TryReserve("v1", out _));
        tally.Commit("v1", [0, 2]);
        Assert.False(tally.TryReserve("v1", out _));
        Assert.Equal(1, tally.Ballots);
        Assert.Equal([1, 0, 1, 0], tally.Counts);
        Assert.Equal(1, seq);

        Assert.True(tally.TryReserve("v2", out _));
        tally.Release("v2");
        Assert.True(tally.TryReserve("v2", out _));
    }

    [Fact]
    public void Only_admins_create_votes()
    {
        var now = DateTimeOffset.UtcNow;
        var command = new CreateVote("Budget", BallotType.Approval, 1, 2,
            [new VoteOptionInput("A", 1), new VoteOptionInput("B", 2)], null, now, now.AddDays(1));
        var error = Assert.Throws<CivicException>(() => VoteRules.ValidateCreate(command, new Actor("lyon", "alice", Role.Member), now));
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
        VoteRules.ValidateCreate(command, new Actor("lyon", "boss", Role.Admin), now);
    }
}
