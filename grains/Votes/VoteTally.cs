namespace Civic.Grains.Votes;

/// <summary>
/// The live count: one slot per voter and district (held from validation until the ledger answers),
/// the second-district allowance per voter, and per option the ballots naming it and its running
/// score. Pure bookkeeping; the grain drives it. Voters are held as <see cref="VoterDigest"/>s.
/// </summary>
public sealed class VoteTally(int options)
{
    private readonly int[] _ballots = new int[options];
    private readonly long[] _scores = new long[options];
    private readonly HashSet<VoterDigest> _voters = [];
    private readonly HashSet<VoterDigest> _pending = [];
    private readonly HashSet<VoterDigest> _extraUsed = [];
    private readonly Dictionary<string, int> _byDistrict = new(StringComparer.Ordinal);
    private readonly List<VoterDigest> _votersSince = [];
    private readonly Dictionary<VoterDigest, VoterDigest> _pendingExtras = [];
    private readonly List<VoterDigest> _extrasSince = [];

    public long NextSeq { get; private set; } = 1;

    public int Ballots { get; private set; }

    public int InFlight => _pending.Count;

    /// <summary>Voters whose ballot counts (equals <see cref="Ballots"/> once a replay is complete).</summary>
    public int Voters => _voters.Count;

    /// <summary>Ballots naming each option.</summary>
    public IReadOnlyList<int> Counts => _ballots;

    /// <summary>Each option's running score (ballots, points or rank points by ballot type).</summary>
    public IReadOnlyList<long> Scores => _scores;

    public IReadOnlyDictionary<string, int> BallotsByDistrict => _byDistrict;

    public bool HasVoted(string voterKey) => HasVoted(VoterDigest.Of(voterKey));

    private bool HasVoted(VoterDigest voter) => _voters.Contains(voter) || _pending.Contains(voter);

    public bool HasUsedExtraDistrict(string voterRef) => _extraUsed.Contains(VoterDigest.Of(voterRef));

    /// <summary>
    /// Takes the voter's slot (and, for a ballot outside their own district, their one extra district);
    /// false if they voted here already or a ballot of theirs is on its way.
    /// </summary>
    public bool TryReserve(string voterKey, string voterRef, bool isExtra, out long seq)
    {
        seq = 0;
        var voter = VoterDigest.Of(voterKey);
        var reference = isExtra ? VoterDigest.Of(voterRef) : default;
        if (HasVoted(voter) || isExtra && _extraUsed.Contains(reference))
        {
            return false;
        }

        _pending.Add(voter);
        if (isExtra)
        {
            _extraUsed.Add(reference);
            _pendingExtras[voter] = reference;
        }

        seq = NextSeq++;
        return true;
    }

    public void Commit(string voterKey, string? district, IReadOnlyList<int> choices, IReadOnlyList<long> scores)
    {
        var voter = VoterDigest.Of(voterKey);
        if (!_pending.Remove(voter))
        {
            throw new InvalidOperationException("No ballot of this voter is pending.");
        }

        if (!_voters.Add(voter))
        {
            throw new InvalidOperationException("A voter's ballot was counted twice.");
        }

        _votersSince.Add(voter);
        if (_pendingExtras.Remove(voter, out var reference))
        {
            _extrasSince.Add(reference);
        }

        AddTotals(district, choices, scores);
    }

    public void Release(string voterKey, string voterRef, bool isExtra)
    {
        var voter = VoterDigest.Of(voterKey);
        if (!_pending.Remove(voter))
        {
            throw new InvalidOperationException("No ballot of this voter is pending.");
        }

        _pendingExtras.Remove(voter);
        if (isExtra)
        {
            _extraUsed.Remove(VoterDigest.Of(voterRef));
        }
    }

    /// <summary>Counts a ballot read back from the ledger: its voter and its totals.</summary>
    public void Replay(string voterKey, string voterRef, bool isExtra, long seq, string? district, IReadOnlyList<int> choices, IReadOnlyList<long> scores)
    {
        ReplayVoter(VoterDigest.Of(voterKey), isExtra ? VoterDigest.Of(voterRef) : null, seq);
        ReplayTotals(seq, district, choices, scores);
    }

    /// <summary>A voter read back from the ledger (every ballot's, snapshot or not); <paramref name="extra"/> for a second-district ballot.</summary>
    public void ReplayVoter(VoterDigest voter, VoterDigest? extra, long seq)
    {
        if (!_voters.Add(voter))
        {
            throw new InvalidOperationException("A voter's ballot was counted twice.");
        }

        _votersSince.Add(voter);
        if (extra is { } reference)
        {
            _extraUsed.Add(reference);
            _extrasSince.Add(reference);
        }

        NextSeq = Math.Max(NextSeq, seq + 1);
    }

    /// <summary>A voter of a snapshot's voter chunks (already in a chunk: not written again).</summary>
    public void ReplayChunkVoter(VoterDigest voter)
    {
        if (!_voters.Add(voter))
        {
            throw new InvalidOperationException("A voter's ballot was counted twice.");
        }
    }

    /// <summary>A second-district reference of a snapshot's voter chunks.</summary>
    public void ReplayChunkExtra(VoterDigest reference) => _extraUsed.Add(reference);

    /// <summary>The voters (and second-district references) counted since the last snapshot, for its voter chunk.</summary>
    public (VoterDigest[] Voters, VoterDigest[] Extras) SinceSnapshot() => ([.. _votersSince], [.. _extrasSince]);

    /// <summary>The first voters and references since the last snapshot are now in a written chunk.</summary>
    public void Snapshotted(int voters, int extras)
    {
        _votersSince.RemoveRange(0, voters);
        _extrasSince.RemoveRange(0, extras);
        if (_votersSince.Capacity > 4 * Math.Max(_votersSince.Count, 1024))
        {
            _votersSince.TrimExcess(); // a full replay's million voters are in their chunk now
        }
    }

    /// <summary>The totals of a ballot read back from the ledger after the snapshot.</summary>
    public void ReplayTotals(long seq, string? district, IReadOnlyList<int> choices, IReadOnlyList<long> scores)
    {
        AddTotals(district, choices, scores);
        NextSeq = Math.Max(NextSeq, seq + 1);
    }

    /// <summary>Makes room for this many voters at once (an activation knows how many it will read).</summary>
    public void EnsureCapacity(int voters) => _voters.EnsureCapacity(voters);

    /// <summary>
    /// The totals as they stand, for the grain state; null while a ballot is in flight (its sequence number is taken but
    /// it may or may not reach the table, so no cut of the ledger matches the totals).
    /// </summary>
    public TallySnapshot? Snapshot() => _pending.Count > 0 ? null : new TallySnapshot(
        NextSeq - 1, Ballots, [.. _ballots], [.. _scores], new Dictionary<string, int>(_byDistrict, StringComparer.Ordinal));

    /// <summary>Starts from a snapshot's totals (its voters are read back from the ledger separately).</summary>
    public void Restore(TallySnapshot snapshot)
    {
        if (snapshot.Counts.Count != _ballots.Length || snapshot.Scores.Count != _scores.Length)
        {
            throw new ArgumentException("The snapshot is of another set of options.");
        }

        snapshot.Counts.CopyTo(_ballots, 0);
        snapshot.Scores.CopyTo(_scores, 0);
        foreach (var (district, count) in snapshot.ByDistrict)
        {
            _byDistrict[district] = count;
        }

        Ballots = snapshot.Ballots;
        NextSeq = Math.Max(NextSeq, snapshot.Seq + 1);
    }

    private void AddTotals(string? district, IReadOnlyList<int> choices, IReadOnlyList<long> scores)
    {
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

/// <summary>The vote's totals over the ledger's ballots up to <see cref="Seq"/> (kept in the vote's grain state).</summary>
[GenerateSerializer, Alias("civic.tally-snapshot")]
public sealed record TallySnapshot(
    [property: Id(0)] long Seq,
    [property: Id(1)] int Ballots,
    [property: Id(2)] List<int> Counts,
    [property: Id(3)] List<long> Scores,
    [property: Id(4)] Dictionary<string, int> ByDistrict);
