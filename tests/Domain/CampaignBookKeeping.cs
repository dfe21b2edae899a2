using Civic.Grains.Interfaces;
using Civic.Grains.Campaigns;
using Civic.Grains.Ledger;

namespace Civic.Tests.Domain;

public class CampaignBookKeeping
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reserved_amounts_do_not_count_until_committed()
    {
        var book = CampaignBook.Empty();
        var r = book.Reserve("alice", 500);

        Assert.Equal(0, book.Raised);
        Assert.Equal(1, book.InFlight);

        book.Commit(r, new CampaignBook.KnownPledge("ct_1", 500, At, r.Seq), "k1");

        Assert.Equal(500, book.Raised);
        Assert.Equal(1, book.Backers);
        Assert.Equal(1, book.Contributions);
        Assert.Equal(0, book.InFlight);
    }

    [Fact]
    public void Released_reservations_never_count()
    {
        var book = CampaignBook.Empty();
        var r = book.Reserve("alice", 500);
        book.Release(r);

        Assert.Equal(0, book.Raised);
        Assert.Equal(0, book.Backers);
        Assert.False(book.TryFindKey("alice", "k1", out _));
    }

    [Fact]
    public void Backers_count_distinct_members()
    {
        var book = CampaignBook.Empty();
        Commit(book, "alice", 100, "a1");
        Commit(book, "alice", 200, "a2");
        Commit(book, "bob", 300, "b1");

        Assert.Equal(600, book.Raised);
        Assert.Equal(2, book.Backers);
        Assert.Equal(3, book.Contributions);
    }

    [Fact]
    public void Snapshot_leaves_out_rows_committed_above_an_unsettled_one()
    {
        var book = CampaignBook.Empty();
        var first = book.Reserve("alice", 100);   // seq 1, still in flight
        var second = book.Reserve("bob", 200);    // seq 2
        book.Commit(second, new CampaignBook.KnownPledge("ct_2", 200, At, second.Seq), "b");

        var snapshot = book.Snapshot();

        // Seq 1 is unsettled, so the snapshot speaks only for rows up to 0: bob's row is replayed later.
        Assert.Equal(0, snapshot.Watermark);
        Assert.Equal(0, snapshot.Raised);
        Assert.Equal(0, snapshot.Contributions);
        Assert.Equal(200, book.Raised);

        book.Commit(first, new CampaignBook.KnownPledge("ct_1", 100, At, first.Seq), "a");
        var settled = book.Snapshot();
        Assert.Equal(2, settled.Watermark);
        Assert.Equal(300, settled.Raised);
        Assert.Equal(2, settled.Contributions);
    }

    [Fact]
    public void Restore_from_snapshot_and_replay_equals_the_full_ledger()
    {
        var book = CampaignBook.Empty();
        var rows = new List<ContributionEntry>();
        for (var i = 0; i < 10; i++)
        {
            var r = book.Reserve($"m{i % 3}", 100 + i);
            book.Commit(r, new CampaignBook.KnownPledge($"ct_{i}", 100 + i, At, r.Seq), $"k{i}");
            rows.Add(new ContributionEntry("t", "c", r.Seq, $"ct_{i}", $"m{i % 3}", 100 + i, "EUR", $"k{i}", At, Payment: PaymentStatus.Confirmed));
        }

        // A snapshot taken after 6 rows, then 4 more rows replayed from the ledger.
        var partial = CampaignBook.Empty();
        foreach (var row in rows.Take(6))
        {
            var r = partial.Reserve(row.MemberId, row.Amount);
            partial.Commit(r, new CampaignBook.KnownPledge(row.ContributionId, row.Amount, At, r.Seq), row.IdempotencyKey);
        }

        var restored = CampaignBook.Restore(partial.Snapshot(), CampaignBook.BackersOf(rows.Take(6)), rows.Skip(6));

        Assert.Equal(book.Raised, restored.Raised);
        Assert.Equal(book.Backers, restored.Backers);
        Assert.Equal(book.BackerAmounts.OrderBy(b => b.Key, StringComparer.Ordinal), restored.BackerAmounts.OrderBy(b => b.Key, StringComparer.Ordinal));
        Assert.Equal(book.Contributions, restored.Contributions);
        Assert.True(restored.TryFindKey("m0", "k9", out var known));
        Assert.Equal("ct_9", known.ContributionId);
        Assert.Equal(11, restored.Reserve("x", 1).Seq);
    }

    [Fact]
    public void Restore_refuses_a_row_the_snapshot_already_holds()
    {
        var book = CampaignBook.Empty();
        Commit(book, "alice", 100, "a1");
        var snapshot = book.Snapshot();

        Assert.Throws<InvalidOperationException>(() => CampaignBook.Restore(snapshot, [],
            [new ContributionEntry("t", "c", 1, "ct_x", "alice", 100, "EUR", "a1", At, Payment: PaymentStatus.Confirmed)]));
    }

    [Fact]
    public void Reward_units_are_counted_up_to_the_watermark_and_replayed_after_it()
    {
        var book = CampaignBook.Empty();
        var first = book.Reserve("alice", 500, "r1");
        var second = book.Reserve("bob", 500, "r1");
        book.Commit(second, new CampaignBook.KnownPledge("ct_b", 500, At, second.Seq, "r1"), "b1");

        // Row 2 committed above the pending row 1: the snapshot leaves it to the replay.
        var snapshot = book.Snapshot();
        Assert.Empty(snapshot.Rewards);
        Assert.Equal(1, book.CommittedRewards["r1"]);

        book.Commit(first, new CampaignBook.KnownPledge("ct_a", 500, At, first.Seq, "r1"), "a1");
        var restored = CampaignBook.Restore(book.Snapshot(), book.BackerAmounts, []);
        Assert.Equal(2, restored.CommittedRewards["r1"]);

        var replayed = CampaignBook.Restore(snapshot, [], [new ContributionEntry("t", "c", 1, "ct_a", "alice", 500, "EUR", "a1", At, "r1", Payment: PaymentStatus.Confirmed),
            new ContributionEntry("t", "c", 2, "ct_b", "bob", 500, "EUR", "b1", At, "r1", Payment: PaymentStatus.Confirmed)]);
        Assert.Equal(2, replayed.CommittedRewards["r1"]);
    }

    private static void Commit(CampaignBook book, string member, long amount, string key)
    {
        var r = book.Reserve(member, amount);
        book.Commit(r, new CampaignBook.KnownPledge("ct_" + key, amount, At, r.Seq), key);
    }
}
