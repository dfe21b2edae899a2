using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>One per vote, keyed "tenant/id": enforces one ballot per voter and keeps the live tally.</summary>
public interface IVoteGrain : IGrainWithStringKey
{
    Task<VoteSummary> CreateAsync(CreateVote command, Actor actor);

    /// <summary>Acknowledged only once the ballot is durably in the ballots table.</summary>
    Task<BallotReceipt> CastBallotAsync(CastBallot command);

    Task<VoteSummary> CloseAsync(Actor actor);

    /// <summary>Admins record ballots collected on paper; each voter reference counts once, like a member.</summary>
    Task<PaperBallotsReceipt> RecordPaperBallotsAsync(ImmutableArray<PaperBallot> ballots, Actor actor);

    /// <summary>Creates this vote from a Pabulib file and records its ballots as paper ballots.</summary>
    Task<VoteSummary> ImportPabulibAsync(ImportPabulib command, Actor actor);

    /// <summary>The ballots of a closed vote under pseudonyms, for open data.</summary>
    Task<VoteExport> ExportAsync(Actor? viewer);

    /// <summary>A closed vote as a Pabulib <c>.pb</c> file (voters pseudonymised), as researchers use them.</summary>
    Task<string> ExportPabulibAsync(Actor? viewer);

    Task<VoteSummary?> GetAsync(Actor? viewer);
}
