using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

public enum VoteStatus
{
    Draft = 0,
    Open = 1,
    Closed = 2,
}

public enum BallotType
{
    /// <summary>Exactly one option.</summary>
    ChooseOne = 0,

    /// <summary>Between MinChoices and MaxChoices distinct options.</summary>
    Approval = 1,

    /// <summary>Options whose total cost stays within the budget, optionally at least a minimum share of it.</summary>
    Knapsack = 2,

    /// <summary>Points spread over options: at most MaxPointsPerProject each, MaxTotalPoints in all.</summary>
    Cumulative = 3,

    /// <summary>Options ranked, most preferred first: exactly (or at most) MaxChoices of them.</summary>
    Ordinal = 4,

    /// <summary>A grade for every option on a scale of GradeScale grades (0 = worst).</summary>
    MajorityJudgment = 5,
}

/// <summary>How a closed vote turns ballots into selected projects.</summary>
public enum VoteRule
{
    /// <summary>By score, descending; each project selected if it still fits the budget.</summary>
    Greedy = 0,

    /// <summary>By score, descending; stops at the first project that does not fit.</summary>
    GreedyNoSkip = 1,

    /// <summary>Method of Equal Shares (cost utilities) with the add1 completion.</summary>
    EqualSharesAdd1 = 2,

    /// <summary>Method of Equal Shares (cost utilities) without completion.</summary>
    EqualShares = 3,

    /// <summary>Majority judgment: by median grade (then the majority-value tie-break), funded greedily.</summary>
    MajorityJudgment = 4,

    /// <summary>Greedy (with skipping) among the projects whose score reaches the vote's minimum project score.</summary>
    GreedyThreshold = 5,

    /// <summary>
    /// Equal shares with add1, then the comparison step: when more voters have more of their approved projects
    /// funded by greedy-by-votes than by that outcome (strictly), the greedy outcome is kept.
    /// </summary>
    EqualSharesAdd1Comparison = 6,

    /// <summary>
    /// Greedy (with skipping), where a project that is mutually exclusive with an already selected one (see the
    /// vote's exclusive sets) is skipped too.
    /// </summary>
    GreedyExclusive = 7,
}

[GenerateSerializer, Immutable, Alias("civic.vote-district-input")]
public sealed record VoteDistrictInput(
    [property: Id(0)] string Name,
    [property: Id(1)] long Budget);

[GenerateSerializer, Immutable, Alias("civic.vote-option-input")]
public sealed record VoteOptionInput(
    [property: Id(0)] string Title,
    [property: Id(1)] long Cost,
    [property: Id(2)] string? District = null,
    [property: Id(3)] string? ExternalId = null);

[GenerateSerializer, Immutable, Alias("civic.create-vote")]
public sealed record CreateVote(
    [property: Id(0)] string Title,
    [property: Id(1)] BallotType BallotType,
    [property: Id(2)] int? MinChoices,
    [property: Id(3)] int? MaxChoices,
    [property: Id(4)] ImmutableArray<VoteOptionInput> Options,
    [property: Id(5)] Money? Budget,
    [property: Id(6)] DateTimeOffset? OpensAt,
    [property: Id(7)] DateTimeOffset ClosesAt,
    [property: Id(8)] VoteRule? Rule = null,
    [property: Id(9)] int? MaxPointsPerProject = null,
    [property: Id(10)] int? MaxTotalPoints = null,
    [property: Id(11)] int? GradeScale = null,
    [property: Id(12)] int? MinimumSpendPercent = null,
    [property: Id(13)] ImmutableArray<VoteDistrictInput> Districts = default,
    [property: Id(14)] bool? AllowSecondDistrict = null,
    [property: Id(15)] bool? ExactRanks = null,
    [property: Id(16)] bool? RequireVerified = null,
    [property: Id(17)] int? MinimumAge = null,
    [property: Id(18)] long? MinProjectScore = null,
    [property: Id(19)] bool LiveTallies = false,
    [property: Id(20)] ImmutableArray<ImmutableArray<string>> ExclusiveSets = default);

/// <summary>
/// A member's ballot. <see cref="Points"/> holds cumulative points or majority-judgment grades,
/// parallel to <see cref="Choices"/>; <see cref="District"/> is required when the vote has districts.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.cast-ballot")]
public sealed record CastBallot(
    [property: Id(0)] Actor Voter,
    [property: Id(1)] ImmutableArray<string> Choices,
    [property: Id(2)] ImmutableArray<int> Points = default,
    [property: Id(3)] string? District = null);

/// <summary>A ballot from a polling station (or an imported file): the voter is the station's own reference.</summary>
[GenerateSerializer, Immutable, Alias("civic.paper-ballot")]
public sealed record PaperBallot(
    [property: Id(0)] string VoterRef,
    [property: Id(1)] ImmutableArray<string> Choices,
    [property: Id(2)] ImmutableArray<int> Points,
    [property: Id(3)] string? District);

[GenerateSerializer, Immutable, Alias("civic.paper-ballots-receipt")]
public sealed record PaperBallotsReceipt(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] ImmutableArray<string> Rejected,
    [property: Id(3)] int Ballots);

/// <summary>
/// A Pabulib file to turn into a new vote, its ballots counted as paper ballots; <see cref="Close"/> null leaves
/// the vote open (the vote rules' default).
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.import-pabulib")]
public sealed record ImportPabulib(
    [property: Id(0)] string Content,
    [property: Id(1)] string? Title,
    [property: Id(2)] bool? Close);

[GenerateSerializer, Immutable, Alias("civic.ballot-receipt")]
public sealed record BallotReceipt(
    [property: Id(0)] string VoteId,
    [property: Id(1)] int Ballots,
    [property: Id(2)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("civic.vote-option")]
public sealed record VoteOption(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] long Cost,
    [property: Id(3)] int Votes,
    [property: Id(4)] string? District = null,
    [property: Id(5)] long Score = 0,
    [property: Id(6)] string? ExternalId = null);

[GenerateSerializer, Immutable, Alias("civic.vote-district")]
public sealed record VoteDistrict(
    [property: Id(0)] string Name,
    [property: Id(1)] long Budget,
    [property: Id(2)] int Ballots);

[GenerateSerializer, Immutable, Alias("civic.project-result")]
public sealed record ProjectResult(
    [property: Id(0)] string Id,
    [property: Id(1)] long Score,
    [property: Id(2)] int Ballots,
    [property: Id(3)] bool Selected,
    [property: Id(4)] ImmutableArray<int> GradeCounts);

[GenerateSerializer, Immutable, Alias("civic.equal-shares-payment")]
public sealed record EqualSharesProjectPayment(
    [property: Id(0)] string Id,
    [property: Id(1)] int Payers,
    [property: Id(2)] string MaxPayment);

/// <summary>Equal shares' accounting, amounts in cents as exact decimals rounded for display.</summary>
[GenerateSerializer, Immutable, Alias("civic.equal-shares-summary")]
public sealed record EqualSharesSummary(
    [property: Id(0)] string ShareEach,
    [property: Id(1)] long VirtualBudget,
    [property: Id(2)] int CompletionSteps,
    [property: Id(3)] ImmutableArray<EqualSharesProjectPayment> Payments,
    [property: Id(4)] string MinPaidByVoter,
    [property: Id(5)] string MaxPaidByVoter,
    [property: Id(6)] int VotersWhoPaid);

[GenerateSerializer, Immutable, Alias("civic.district-results")]
public sealed record DistrictResults(
    [property: Id(0)] string District,
    [property: Id(1)] long Budget,
    [property: Id(2)] ImmutableArray<string> Selected,
    [property: Id(3)] long Allocated,
    [property: Id(4)] long LeftOver,
    [property: Id(5)] int Ballots,
    [property: Id(6)] EqualSharesSummary? EqualShares);

[GenerateSerializer, Immutable, Alias("civic.vote-results")]
public sealed record VoteResults(
    [property: Id(0)] ImmutableArray<string> Selected,
    [property: Id(1)] long Allocated,
    [property: Id(2)] long LeftOver,
    [property: Id(3)] DateTimeOffset ComputedAt,
    [property: Id(4)] VoteRule Rule = VoteRule.Greedy,
    [property: Id(5)] ImmutableArray<ProjectResult> Projects = default,
    [property: Id(6)] EqualSharesSummary? EqualShares = null,
    [property: Id(7)] ImmutableArray<DistrictResults> Districts = default);

[GenerateSerializer, Immutable, Alias("civic.vote-summary")]
public sealed record VoteSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] VoteStatus Status,
    [property: Id(3)] BallotType BallotType,
    [property: Id(4)] int MinChoices,
    [property: Id(5)] int MaxChoices,
    [property: Id(6)] ImmutableArray<VoteOption> Options,
    [property: Id(7)] Money? Budget,
    [property: Id(8)] int Ballots,
    [property: Id(9)] DateTimeOffset OpensAt,
    [property: Id(10)] DateTimeOffset ClosesAt,
    [property: Id(11)] VoteResults? Results,
    [property: Id(12)] bool HasVoted,
    [property: Id(13)] VoteRule Rule = VoteRule.Greedy,
    [property: Id(14)] ImmutableArray<VoteDistrict> Districts = default,
    [property: Id(15)] bool AllowSecondDistrict = false,
    [property: Id(16)] int MaxPointsPerProject = 0,
    [property: Id(17)] int MaxTotalPoints = 0,
    [property: Id(18)] int GradeScale = 0,
    [property: Id(19)] int MinimumSpendPercent = 0,
    [property: Id(20)] bool RequireVerified = false,
    [property: Id(21)] int MinimumAge = 0,
    [property: Id(22)] long MinProjectScore = 0,
    [property: Id(23)] ImmutableArray<string> ImportWarnings = default,
    [property: Id(24)] bool LiveTallies = false,
    [property: Id(25)] bool ExactRanks = true,
    [property: Id(26)] ImmutableArray<ImmutableArray<string>> ExclusiveSets = default);

/// <summary>A closed vote as data for researchers: voters appear only under pseudonyms.</summary>
[GenerateSerializer, Immutable, Alias("civic.vote-export")]
public sealed record VoteExport(
    [property: Id(0)] VoteSummary Vote,
    [property: Id(1)] ImmutableArray<ExportedBallot> Ballots);

[GenerateSerializer, Immutable, Alias("civic.exported-ballot")]
public sealed record ExportedBallot(
    [property: Id(0)] string VoterId,
    [property: Id(1)] ImmutableArray<string> Choices,
    [property: Id(2)] ImmutableArray<int> Points,
    [property: Id(3)] string? District);
