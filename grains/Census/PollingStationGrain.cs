using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Civic.Grains.Census;

/// <summary>
/// See <see cref="IPollingStationGrain"/>. The census grain claims the entry; the vote grain then takes
/// the ballot through its normal write path (one ballot per voter, the vote's eligibility from the census
/// entry). A ballot refused for a reason that wrote nothing gives a new claim back, so the person may still
/// vote online; an unacknowledged write (UNAVAILABLE) keeps it, since the ballot may be in the table.
/// </summary>
[StatelessWorker]
public sealed class PollingStationGrain(CensusStore store, DomainClock time, ILogger<PollingStationGrain> logger)
    : Grain, IPollingStationGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    public async Task<BallotReceipt> RecordInPersonBallotAsync(InPersonBallot ballot, Actor officer)
    {
        if (!officer.CanRecordInPerson || officer.Tenant != Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a polling officer or an admin of the tenant records in-person ballots.");
        }

        if (!GrainKeys.IsWellFormed(ballot.VoteId, IdPrefixes.Vote))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such vote.");
        }

        var census = GrainFactory.GetGrain<ICensusGrain>(Tenant);
        var claim = await census.ClaimInPersonAsync(ballot.DocumentNumber, ballot.BirthDate, officer);
        var voter = new Actor(Tenant, claim.VoterId, Role.Member, claim.Verification.District);
        BallotReceipt receipt;
        try
        {
            receipt = await GrainFactory.GetGrain<IVoteGrain>(GrainKeys.Compound(Tenant, ballot.VoteId))
                .CastBallotAsync(new CastBallot(voter, ballot.Choices, ballot.Points, ballot.District));
        }
        catch (CivicException ex) when (claim.Claimed && ex.Code != ErrorCodes.Unavailable)
        {
            await census.ReleaseInPersonAsync(claim.VoterId, officer);
            throw;
        }

        await store.LogInPersonAsync(Tenant, ballot.VoteId, officer.UserId, time.GetUtcNow());
        logger.LogInformation("Vote {Vote} of {Tenant}: an in-person ballot recorded by officer {Officer}", ballot.VoteId, Tenant, officer.UserId);
        return receipt;
    }

    public async Task<ImmutableArray<InPersonOfficerLog>> LogAsync(string voteId, Actor viewer)
    {
        if (!viewer.IsAtLeast(Role.Admin) || viewer.Tenant != Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin reads the in-person log.");
        }

        return [.. await store.InPersonLogAsync(Tenant, voteId)];
    }
}
