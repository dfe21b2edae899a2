using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// The figures of a vote that subscribers watch: status, ballots so far (per district), and once closed the
/// results with the options they name. While the vote is open <see cref="Options"/> is empty unless the vote
/// shows live tallies (<see cref="LiveTallies"/>, off by default): a live tally can reveal a single voter's choice.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.vote-live")]
public sealed record VoteLive(
    [property: Id(0)] string Id,
    [property: Id(1)] VoteStatus Status,
    [property: Id(2)] int Ballots,
    [property: Id(3)] ImmutableArray<VoteDistrict> Districts,
    [property: Id(4)] VoteResults? Results,
    [property: Id(5)] ImmutableArray<VoteOption> Options,
    [property: Id(6)] bool LiveTallies = false);
