using Civic.Grains.Ledger;

namespace Civic.Grains.Votes;

/// <summary>
/// A vote's tally on activation: the snapshot's totals (grain state), every voter read back as a digest, and the totals of
/// the ballots after the snapshot replayed. A snapshot that does not match the ledger (as many voters as ballots) is
/// dropped and everything is replayed.
/// </summary>
internal static class VoteReplay
{
    /// <summary>How many ballots may pass between two snapshots of the tally.</summary>
    public const int SnapshotEvery = 10_000;

    /// <returns>The tally, how many ballots were replayed, and whether the snapshot was used (if not, the grain's next snapshot starts a new chain).</returns>
    public static async Task<(VoteTally Tally, int Replayed, bool FromSnapshot)> RebuildAsync(VoteState s, VoteLedgerReader reader, bool useSnapshot = true)
    {
        var tally = new VoteTally(s.Options.Count);
        var snapshot = useSnapshot && s.Tally is { } t && t.Counts.Count == s.Options.Count && t.Scores.Count == s.Options.Count ? t : null;
        if (snapshot is not null)
        {
            tally.Restore(snapshot);
            tally.EnsureCapacity(snapshot.Ballots);
        }

        // The snapshot's voters from its chunks (16 bytes each), the later ones from the ballots; without an unbroken chain
        // of chunks, every voter from the ballots.
        var chunked = snapshot is not null && await reader.ReadVoterChunksAsync(s.Tenant, s.Id, snapshot.Seq, tally.ReplayChunkVoter, tally.ReplayChunkExtra);
        if (!chunked && snapshot is not null)
        {
            return await RebuildAsync(s, reader, useSnapshot: false);
        }

        await reader.ReadVotersAsync(s.Tenant, s.Id, chunked ? snapshot!.Seq : 0, tally.ReplayVoter);
        var index = s.Options.Select((o, i) => (o.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var replayed = 0;
        await reader.ReadBallotsAfterAsync(s.Tenant, s.Id, snapshot?.Seq ?? 0, (seq, district, choices, points) =>
        {
            var indexes = new int[choices.Length];
            for (var i = 0; i < choices.Length; i++)
            {
                indexes[i] = index[choices[i]];
            }

            tally.ReplayTotals(seq, district, indexes, VoteRules.LiveScores(s, points.Length == 0 ? new int[choices.Length] : points));
            replayed++;
        });

        if (tally.Voters != tally.Ballots && snapshot is not null)
        {
            return await RebuildAsync(s, reader, useSnapshot: false);
        }

        return (tally, replayed, snapshot is not null);
    }
}
