using Civic.Grains.Interfaces;

namespace Civic.Grains.Votes;

/// <summary>
/// What the vote grain persists: its configuration, status, final results and a snapshot of the tally's totals.
/// The voters and the ballots after the snapshot are read back from the ballots table on activation.
/// </summary>
[GenerateSerializer, Alias("civic.vote-state")]
public sealed class VoteState
{
    [Id(0)] public string Tenant { get; set; } = "";
    [Id(1)] public string Id { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public BallotType BallotType { get; set; }
    [Id(4)] public int MinChoices { get; set; }
    [Id(5)] public int MaxChoices { get; set; }
    [Id(6)] public List<VoteOptionConfig> Options { get; set; } = [];
    [Id(7)] public long? Budget { get; set; }
    [Id(8)] public string Currency { get; set; } = "EUR";
    [Id(9)] public DateTimeOffset OpensAt { get; set; }
    [Id(10)] public DateTimeOffset ClosesAt { get; set; }
    [Id(11)] public VoteStatus Status { get; set; }
    [Id(12)] public string CreatedBy { get; set; } = "";
    [Id(13)] public DateTimeOffset CreatedAt { get; set; }
    [Id(14)] public VoteResults? Results { get; set; }
    [Id(15)] public List<int> FinalCounts { get; set; } = [];
    [Id(16)] public int FinalBallots { get; set; }
    [Id(17)] public string? ClosedBy { get; set; }
    [Id(18)] public VoteRule Rule { get; set; }
    [Id(19)] public int MaxPointsPerProject { get; set; }
    [Id(20)] public int MaxTotalPoints { get; set; }
    [Id(21)] public int GradeScale { get; set; }
    [Id(22)] public int MinimumSpendPercent { get; set; }
    [Id(23)] public List<VoteDistrictInput> Districts { get; set; } = [];
    [Id(24)] public bool AllowSecondDistrict { get; set; }
    [Id(25)] public bool ExactRanks { get; set; } = true;
    [Id(26)] public List<long> FinalScores { get; set; } = [];
    [Id(27)] public Dictionary<string, int> FinalDistrictBallots { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Only members whose residency is verified against the tenant's census vote (always so with a minimum age).</summary>
    [Id(28)] public bool RequireVerified { get; set; }

    /// <summary>The least age on the vote's opening date; 0 for none.</summary>
    [Id(29)] public int MinimumAge { get; set; }

    /// <summary>Greedy-threshold: the least score a project needs to be funded (0: none).</summary>
    [Id(30)] public long MinProjectScore { get; set; }

    /// <summary>What the Pabulib import could not honour, by META key (empty for votes created directly).</summary>
    [Id(31)] public List<string> ImportWarnings { get; set; } = [];

    /// <summary>The vote shows its per-option counts while open (live tallies); off by default: a live tally can reveal a voter's choice.</summary>
    [Id(32)] public bool LiveTallies { get; set; }

    /// <summary>Greedy-exclusive: sets of option ids of which at most one project is funded.</summary>
    [Id(33)] public List<List<string>> ExclusiveSets { get; set; } = [];

    /// <summary>Imported from a greedy-exclusive file: counted as greedy until its exclusive sets are added.</summary>
    [Id(34)] public bool ExclusiveSetsPending { get; set; }

    /// <summary>The tally over the ballots up to its seq; the activation replays only the ballots after it.</summary>
    [Id(35)] public TallySnapshot? Tally { get; set; }

    public bool HasDistricts => Districts.Count > 0;
}

[GenerateSerializer, Immutable, Alias("civic.vote-option-config")]
public sealed record VoteOptionConfig(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] long Cost,
    [property: Id(3)] string? District = null,
    [property: Id(4)] string? ExternalId = null);
