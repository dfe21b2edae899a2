using Civic.Grains.Ledger;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Votes;

/// <summary>
/// A vote grain's snapshots of its tally: the voters since the last snapshot written as a chunk of digests, then the totals
/// in the grain state. One at a time; none once a ballot's fate is unknown to the activation (the ledger did not answer,
/// or found a duplicate), since the totals may then miss a ballot of the table. A snapshot is an optimisation: a failed
/// one is logged, and the activation replays more.
/// </summary>
internal sealed class TallySnapshots(VoteLedgerReader ballots, StateWriter writer, ILogger logger)
{
    private bool _disabled;
    private bool _taking;

    public void Disable() => _disabled = true;

    public async Task TakeAsync(VoteState s, VoteTally tally)
    {
        if (_disabled || _taking || tally.Snapshot() is not { } snapshot)
        {
            return;
        }

        _taking = true;
        try
        {
            var (voters, extras) = tally.SinceSnapshot();
            await ballots.WriteVoterChunkAsync(s.Tenant, s.Id, s.Tally?.Seq ?? 0, snapshot.Seq, voters, extras);
            tally.Snapshotted(voters.Length, extras.Length);
            s.Tally = snapshot;
            await writer.WriteAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not snapshot the tally of vote {Vote}", s.Id);
        }
        finally
        {
            _taking = false;
        }
    }
}
