using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Civic.Grains.Interfaces;

/// <summary>
/// One per tenant, keyed by its slug: in-person participation (issue 10). A polling officer (or an admin)
/// checks a person's census entry, which is claimed for them, and records their ballot under a voter id
/// derived from the entry, so they cannot vote again, in person or online. Each act is logged with the officer.
/// </summary>
public interface IPollingStationGrain : IGrainWithStringKey
{
    Task<BallotReceipt> RecordInPersonBallotAsync(InPersonBallot ballot, Actor officer);

    /// <summary>Admins: the in-person ballots of a vote per officer (how many, first and last), by officer id.</summary>
    [ReadOnly]
    Task<ImmutableArray<InPersonOfficerLog>> LogAsync(string voteId, Actor viewer);
}

/// <summary>What the log says of one officer in one vote: never who voted.</summary>
[GenerateSerializer, Immutable, Alias("civic.in-person-officer-log")]
public sealed record InPersonOfficerLog(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] int Ballots,
    [property: Id(2)] DateTimeOffset FirstAt,
    [property: Id(3)] DateTimeOffset LastAt);

/// <summary>The ballot of a person without an account, with the census data the officer checked.</summary>
[GenerateSerializer, Immutable, Alias("civic.in-person-ballot")]
public sealed record InPersonBallot(
    [property: Id(0)] string VoteId,
    [property: Id(1)] string DocumentNumber,
    [property: Id(2)] DateOnly BirthDate,
    [property: Id(3)] ImmutableArray<string> Choices,
    [property: Id(4)] ImmutableArray<int> Points = default,
    [property: Id(5)] string? District = null);
