namespace Civic.Grains.Votes;

/// <summary>
/// The live count: one slot per voter and district (held from validation until the ledger answers),
/// the second-district allowance per voter, and per option the ballots naming it and its running
/// score. Pure bookkeeping; the grain drives it.
/// </summary>
public sealed class VoteTally(int options)
{
    private readonly int[] _ballots = new int[options];
    private readonly long[] _scores = new long[options];
    private readonly HashSet<string> _voters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _extraUsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byDistrict = new(StringComparer.Ordinal);

    public long NextSeq { get; private set; } = 1;

    public int Ballots { get; private set; }

    public int InFlight => _pending.Count;

    /// <summary>Ballots naming each option.</summary>
    public IReadOnlyList<int> Counts => _ballots;

    /// <summary>Each option's running score (ballots, points or rank points by ballot type).</summary>
    public IReadOnlyList<long> Scores => _scores;

    public IReadOnlyDictionary<string, int> BallotsByDistrict => _byDistrict;

    public bool HasVoted(string voterKey) => _voters.Contains(voterKey) || _pending.Contains(voterKey);

    public bool HasUsedExtraDistrict(string voterRef) => _extraUsed.Contains(voterRef);

    /// <summary>
    /// Takes the voter's slot (and, for a ballot outside their own district, their one extra district);
    /// false if they voted here already or a ballot of theirs is on its way.
    /// </summary>
    public bool TryReserve(string voterKey, string voterRef, bool isExtra, out long seq)
    {
        seq = 0;
        if (HasVoted(voterKey) || isExtra && _extraUsed.Contains(voterRef))
        {
            return false;
        }

        _pending.Add(voterKey);
        if (isExtra)
        {
            _extraUsed.Add(voterRef);
        }

        seq = NextSeq++;
        return true;
    }

    public void Commit(string voterKey, string? district, IReadOnlyList<int> choices, IReadOnlyList<long> scores)
    {
        if (!_pending.Remove(voterKey))
        {
            throw new InvalidOperationException("No ballot of this voter is pending.");
        }

        Apply(voterKey, district, choices, scores);
    }

    public void Release(string voterKey, string voterRef, bool isExtra)
    {
        if (!_pending.Remove(voterKey))
        {
            throw new InvalidOperationException("No ballot of this voter is pending.");
        }

        if (isExtra)
        {
            _extraUsed.Remove(voterRef);
        }
    }

    /// <summary>Counts a ballot read back from the ledger.</summary>
    public void Replay(string voterKey, string voterRef, bool isExtra, long seq, string? district, IReadOnlyList<int> choices, IReadOnlyList<long> scores)
    {
        Apply(voterKey, district, choices, scores);
        if (isExtra)
        {
            _extraUsed.Add(voterRef);
        }

        NextSeq = Math.Max(NextSeq, seq + 1);
    }

    private void Apply(string voterKey, string? district, IReadOnlyList<int> choices, IReadOnlyList<long> scores)
    {
        if (!_voters.Add(voterKey))
        {
            throw new InvalidOperationException("A voter's ballot was counted twice.");
        }

        for (var i = 0; i < choices.Count; i++)
        {
            _ballots[choices[i]]++;
            _scores[choices[i]] += scores[i];
        }

        if (district is not null)
        {
            _byDistrict[district] = _byDistrict.GetValueOrDefault(district) + 1;
        }

        Ballots++;
    }
}
