using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Civic.Grains.Interfaces;

/// <summary>One per vote, keyed "tenant/id": enforces one ballot per voter and keeps the live tally.</summary>
public interface IVoteGrain : IGrainWithStringKey, ILiveVote
{
    Task<VoteSummary> CreateAsync(CreateVote command, Actor actor);

    /// <summary>Acknowledged only once the ballot is durably in the ballots table.</summary>
    [ResponseTimeout(WriteTimeout.Value)]
    Task<BallotReceipt> CastBallotAsync(CastBallot command);

    /// <remarks>Counting a large vote by equal shares can take a while.</remarks>
    [ResponseTimeout("00:05:00")]
    Task<VoteSummary> CloseAsync(Actor actor);

    /// <summary>Admins record ballots collected on paper; each voter reference counts once, like a member.</summary>
    [ResponseTimeout("00:10:00")]
    Task<PaperBallotsReceipt> RecordPaperBallotsAsync(ImmutableArray<PaperBallot> ballots, Actor actor);

    /// <summary>Creates this vote from a Pabulib file and records its ballots as paper ballots.</summary>
    /// <remarks>A city-wide file holds over a hundred thousand ballots: this call may take minutes.</remarks>
    [ResponseTimeout("00:10:00")]
    Task<VoteSummary> ImportPabulibAsync(ImportPabulib command, Actor actor);

    /// <summary>The ballots of a closed vote under pseudonyms, for open data.</summary>
    [ResponseTimeout("00:05:00")]
    Task<VoteExport> ExportAsync(Actor? viewer);

    /// <summary>A closed vote as a Pabulib <c>.pb</c> file (voters pseudonymised), as researchers use them.</summary>
    [ResponseTimeout("00:05:00")]
    Task<string> ExportPabulibAsync(Actor? viewer);

    /// <summary>
    /// Sets the vote's mutually exclusive projects (option ids, e.g. "p1") and makes it count by greedy-exclusive:
    /// while the vote is a draft with a greedy rule, or until an import of a greedy-exclusive file closes.
    /// </summary>
    Task<VoteSummary> SetExclusiveSetsAsync(ImmutableArray<ImmutableArray<string>> sets, Actor actor);

    /// <remarks>Answered between the turns of a long count too (the vote shows closed, results null, until it is counted).</remarks>
    [AlwaysInterleave]
    Task<VoteSummary?> GetAsync(Actor? viewer);

    /// <summary>
    /// Moderators and admins add an option while the vote has not opened (VOTE_STARTED after): an accepted idea
    /// becoming a project. An option with an external id the vote has is answered as it is (nothing added).
    /// </summary>
    Task<VoteOption> AddOptionAsync(VoteOptionInput option, Actor actor);
}
