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
}

[GenerateSerializer, Immutable, Alias("civic.vote-option-input")]
public sealed record VoteOptionInput(
    [property: Id(0)] string Title,
    [property: Id(1)] long Cost);

[GenerateSerializer, Immutable, Alias("civic.create-vote")]
public sealed record CreateVote(
    [property: Id(0)] string Title,
    [property: Id(1)] BallotType BallotType,
    [property: Id(2)] int MinChoices,
    [property: Id(3)] int MaxChoices,
    [property: Id(4)] ImmutableArray<VoteOptionInput> Options,
    [property: Id(5)] Money? Budget,
    [property: Id(6)] DateTimeOffset OpensAt,
    [property: Id(7)] DateTimeOffset ClosesAt);

[GenerateSerializer, Immutable, Alias("civic.cast-ballot")]
public sealed record CastBallot(
    [property: Id(0)] Actor Voter,
    [property: Id(1)] ImmutableArray<string> Choices);

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
    [property: Id(3)] int Votes);

[GenerateSerializer, Immutable, Alias("civic.vote-results")]
public sealed record VoteResults(
    [property: Id(0)] ImmutableArray<string> Selected,
    [property: Id(1)] long Allocated,
    [property: Id(2)] long LeftOver,
    [property: Id(3)] DateTimeOffset ComputedAt);

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
    [property: Id(12)] bool HasVoted);
