using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
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
        var valid = VoteRules.ValidatorFor(Approval(1, 3), null).Validate(["p3", "p1"]);
        Assert.Equal(new[] { 2, 0 }, valid.Indexes.ToArray());
    }

    [Theory]
    [InlineData(new string[0], ErrorCodes.BallotTooFew)]
    [InlineData(new[] { "p1", "p2", "p3", "p4" }, ErrorCodes.BallotTooMany)]
    [InlineData(new[] { "p9" }, ErrorCodes.BallotUnknownProject)]
    [InlineData(new[] { "p1", "p1" }, ErrorCodes.BallotDuplicateChoice)]
    public void Rejects_invalid_ballots(string[] choices, string code)
    {
        var error = Assert.Throws<CivicException>(() => VoteRules.ValidatorFor(Approval(1, 3), null).Validate(choices));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void The_count_reads_the_ledger_ballots_and_skips_what_does_not_fit()
    {
        var s = Approval(1, 3);
        s.Budget = 500;
        s.Rule = VoteRule.Greedy;
        var at = DateTimeOffset.UnixEpoch;
        BallotEntry Ballot(int n, params string[] choices) => new("lyon", "vt_x", n, $"bl_{n}", $"k{n}", [.. choices], at, [], null, $"k{n}", false);
        var results = VoteRules.Count(s, [Ballot(1, "p4", "p1"), Ballot(2, "p4"), Ballot(3, "p2", "p3"), Ballot(4, "p1")], at);

        // p4 (400, 2 votes) fits; p1 (100, 2 votes) fits; p2 and p3 (1 vote each) no longer do.
        Assert.Equal(new[] { "p1", "p4" }, results.Selected.Order().ToArray());
        Assert.Equal(500, results.Allocated);
        Assert.Equal(0, results.LeftOver);
        Assert.Equal(new long[] { 2, 1, 1, 2 }, results.Projects.Select(p => p.Score).ToArray());
    }

    [Fact]
    public void Districts_are_counted_each_within_their_own_budget()
    {
        var s = Approval(1, 2);
        s.Options = [new("p1", "A", 300, "nord"), new("p2", "B", 300, "nord"), new("p3", "C", 300, "sud"), new("p4", "D", 100, "sud")];
        s.Districts = [new VoteDistrictInput("nord", 400), new VoteDistrictInput("sud", 400)];
        var at = DateTimeOffset.UnixEpoch;
        BallotEntry Ballot(int n, string district, params string[] choices) => new("lyon", "vt_x", n, $"bl_{n}", $"k{n}", [.. choices], at, [], district, $"r{n}", false);
        var results = VoteRules.Count(s, [Ballot(1, "nord", "p2"), Ballot(2, "nord", "p2", "p1"), Ballot(3, "sud", "p3", "p4"), Ballot(4, "sud", "p3")], at);

        Assert.Equal(new[] { "p2" }, results.Districts.Single(d => d.District == "nord").Selected.ToArray());
        Assert.Equal(new[] { "p3", "p4" }, results.Districts.Single(d => d.District == "sud").Selected.ToArray());
        Assert.Equal(700, results.Allocated);
        Assert.Equal(2, results.Districts.Single(d => d.District == "sud").Ballots);
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
        Assert.True(tally.TryReserve("v1", "v1", false, out var seq));
        Assert.False(tally.TryReserve("v1", "v1", false, out _));
        tally.Commit("v1", null, [0, 2], [1, 1]);
        Assert.False(tally.TryReserve("v1", "v1", false, out _));
        Assert.Equal(1, tally.Ballots);
        Assert.Equal(new[] { 1, 0, 1, 0 }, tally.Counts.ToArray());
        Assert.Equal(1, seq);

        Assert.True(tally.TryReserve("v2", "v2", false, out _));
        tally.Release("v2", "v2", false);
        Assert.True(tally.TryReserve("v2", "v2", false, out _));
    }

    [Fact]
    public void Tally_allows_one_extra_district_per_voter()
    {
        var tally = new VoteTally(2);
        Assert.True(tally.TryReserve("alice@nord", "alice", isExtra: false, out _));
        Assert.True(tally.TryReserve("alice@sud", "alice", isExtra: true, out _));
        Assert.False(tally.TryReserve("alice@est", "alice", isExtra: true, out _));
        tally.Release("alice@sud", "alice", isExtra: true);
        Assert.True(tally.TryReserve("alice@est", "alice", isExtra: true, out _));
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

    [Fact]
    public void A_tally_restored_from_its_snapshot_and_voters_counts_on_and_refuses_a_second_ballot()
    {
        var tally = new VoteTally(2);
        Assert.True(tally.TryReserve("a", "a", false, out var seq));
        tally.Commit("a", null, [0, 1], [1, 1]);
        Assert.True(tally.TryReserve("b", "b", false, out _));
        Assert.Null(tally.Snapshot()); // b is in flight: no cut of the ledger matches
        tally.Commit("b", null, [1], [1]);
        var snapshot = tally.Snapshot()!;
        Assert.Equal(2, snapshot.Seq);
        Assert.Equal([1, 2], snapshot.Counts);

        var back = new VoteTally(2);
        back.Restore(snapshot);
        back.ReplayVoter(VoterDigest.Of("a"), null, seq);
        back.ReplayVoter(VoterDigest.Of("b"), null, 2);
        back.ReplayVoter(VoterDigest.Of("c"), null, 3);
        back.ReplayTotals(3, null, [0], [1]);
        Assert.Equal(3, back.Ballots);
        Assert.Equal(3, back.Voters);
        Assert.Equal([2, 2], back.Counts);
        Assert.True(back.HasVoted("c"));
        Assert.False(back.TryReserve("a", "a", false, out _));
        Assert.True(back.TryReserve("d", "d", false, out var next));
        Assert.Equal(4, next);
    }

    [Fact]
    public void Voter_digests_take_a_pseudonym_s_first_128_bits_and_hash_anything_else()
    {
        var pseudonym = new string('0', 31) + "1" + new string('f', 32);
        Assert.Equal(new VoterDigest(0, 1), VoterDigest.Of(pseudonym));
        Assert.Equal(VoterDigest.Of("paper:1"), VoterDigest.Of("paper:1"));
        Assert.NotEqual(VoterDigest.Of("paper:1"), VoterDigest.Of("paper:2"));
        var letters = new string('a', 64);
        Assert.Equal(new VoterDigest(0xaaaa_aaaa_aaaa_aaaa, 0xaaaa_aaaa_aaaa_aaaa), VoterDigest.Of(letters));
        Assert.NotEqual(VoterDigest.Of(letters.ToUpperInvariant()), VoterDigest.Of(letters));
    }
}
