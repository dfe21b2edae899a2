namespace Civic.Grains.Interfaces;

/// <summary>One per vote, keyed "tenant/id": enforces one ballot per voter and keeps the live tally.</summary>
public interface IVoteGrain : IGrainWithStringKey
{
    Task<VoteSummary> CreateAsync(CreateVote command, Actor actor);

    /// <summary>Acknowledged only once the ballot is durably in the ballots table.</summary>
    Task<BallotReceipt> CastBallotAsync(CastBallot command);

    Task<VoteSummary> CloseAsync(Actor actor);

    Task<VoteSummary?> GetAsync(Actor? viewer);
}
