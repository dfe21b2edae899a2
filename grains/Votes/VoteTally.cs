namespace Civic.Grains.Votes;

/// <summary>
/// The live count: one slot per voter (held from validation until the ledger answers) and the
/// counts per option of the committed ballots. Pure bookkeeping; the grain drives it.
/// </summary>
public sealed class VoteTally(int options)
{
    private readonly int[] _counts = new int[options];
    private readonly HashSet<string> _voters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);

    public long NextSeq { get; private set; } = 1;

    public int Ballots { get; private set; }

    public int InFlight => _pending.Count;

    public IReadOnlyList<int> Counts => _counts;

    public bool HasVoted(string voterKey) => _voters.Contains(voterKey) || _pending.Contains(voterKey);

    /// <summary>Takes the voter's slot; false if they voted or a ballot of theirs is on its way.</summary>
    public bool TryReserve(string voterKey, out long seq)
    {
        if (HasVoted(voterKey))
        {
            seq = 0;
            return false;
        }

        _pending.Add(voterKey);
        seq = NextSeq++;
        return true;
    }

    public void Commit(string voterKey, IEnumerable<int> choices)
    {
        if (!_pending.Remove(voterKey))
        {
            throw new InvalidOperationException("No ballot of this voter is pending.");
        }

        Apply(voterKey, choices);
    }

    public void Release(string voterKey)
    {
        if (!_pending.Remove(voterKey))
        {
            throw new InvalidOperationException("No ballot of this voter is pending.");
        }
    }

    /// <summary>Counts a ballot read back from the ledger.</summary>
    public void Replay(string voterKey, long seq, IEnumerable<int> choices)
    {
        Apply(voterKey, choices);
        NextSeq = Math.Max(NextSeq, seq + 1);
    }

    private void Apply(string voterKey, IEnumerable<int> choices)
    {
        if (!_voters.Add(voterKey))
        {
            throw new InvalidOperationException("A voter's ballot was counted twice.");
        }

        foreach (var choice in choices)
        {
            _counts[choice]++;
        }

        Ballots++;
    }
}
