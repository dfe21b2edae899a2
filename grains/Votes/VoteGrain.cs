using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace Civic.Grains.Votes;

/// <summary>
/// One vote: one ballot per voter, enforced here (a slot held from validation to commit) and by the
/// ballots table's unique constraint. Only <see cref="CastBallotAsync"/> interleaves, at its ledger await.
/// </summary>
/// <remarks>Invariant at every await: the tally counts exactly the committed ballots of this vote.</remarks>
[MayInterleave(nameof(CanInterleave))]
public sealed class VoteGrain(
    [PersistentState("vote", "civic")] IPersistentState<VoteState> state,
    LedgerWriter ledger,
    LedgerStore store,
    TimeProvider time,
    ILogger<VoteGrain> logger) : Grain, IVoteGrain, IRemindable
{
    private const string ClockReminder = "vote-clock";
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    private readonly StateWriter _writer = new(state);
    private readonly List<Task> _inFlight = [];
    private VoteTally _tally = new(0);
    private VoterPseudonyms? _pseudonyms;
    private IGrainTimer? _clock;
    private DateTimeOffset _lastReport;

    private VoteState S => state.State;

    public static bool CanInterleave(IInvokable request) => request.GetMethodName() == nameof(CastBallotAsync);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pseudonyms = await store.VoterPseudonymsAsync();
        if (!state.RecordExists)
        {
            return;
        }

        _tally = new VoteTally(S.Options.Count);
        var index = S.Options.Select((o, i) => (o.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        foreach (var ballot in await store.BallotsAsync(S.Tenant, S.Id))
        {
            _tally.Replay(ballot.VoterKey, ballot.Seq, ballot.Choices.Select(c => index[c]));
        }

        await AdvanceClockAsync();
    }

    public async Task<VoteSummary> CreateAsync(CreateVote command, Actor actor)
    {
        var (tenant, id) = GrainKeys.Split(this.GetPrimaryKeyString());
        if (state.RecordExists)
        {
            throw new CivicException(ErrorCodes.AlreadyExists, "This vote already exists.");
        }

        if (actor.Tenant != tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Votes are created in the actor's own tenant.");
        }

        var now = time.GetUtcNow();
        VoteRules.ValidateCreate(command, actor, now);
        var s = S;
        s.Tenant = tenant;
        s.Id = id;
        s.Title = command.Title.Trim();
        s.BallotType = command.BallotType;
        s.MinChoices = command.MinChoices;
        s.MaxChoices = command.MaxChoices;
        s.Options = [.. command.Options.Select((o, i) => new VoteOptionConfig($"p{i + 1}", o.Title.Trim(), o.Cost))];
        s.Budget = command.Budget?.Amount;
        s.Currency = command.Budget?.Currency ?? "EUR";
        s.OpensAt = command.OpensAt;
        s.ClosesAt = command.ClosesAt;
        s.Status = VoteStatus.Draft;
        s.CreatedBy = actor.UserId;
        s.CreatedAt = now;
        _tally = new VoteTally(s.Options.Count);
        await _writer.WriteAsync();
        await AdvanceClockAsync();
        await ReportAsync();
        return Summary(actor);
    }

    public async Task<BallotReceipt> CastBallotAsync(CastBallot command)
    {
        EnsureVisible(command.Voter);
        var now = time.GetUtcNow();
        if (command.Voter.Tenant != S.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "This vote belongs to another tenant.");
        }

        switch (VoteRules.StatusAt(S, now))
        {
            case VoteStatus.Draft:
                throw new CivicException(ErrorCodes.VoteNotOpen, "The vote is not open yet.");
            case VoteStatus.Closed:
                throw new CivicException(ErrorCodes.VoteClosed, "The vote is closed.");
        }

        // Validate and take the voter's slot in this turn, before the first await.
        var choices = VoteRules.ValidateBallot(S, command.Choices);
        var voterKey = _pseudonyms!.For(S.Tenant, S.Id, command.Voter.UserId);
        if (!_tally.TryReserve(voterKey, out var seq))
        {
            throw new CivicException(ErrorCodes.AlreadyVoted, "You have already voted in this vote.");
        }

        var entry = new BallotEntry(S.Tenant, S.Id, seq, GrainKeys.NewId("bl"), voterKey,
            [.. choices.Select(i => S.Options[i].Id)], now);
        var commit = ledger.AppendAsync(entry);
        _inFlight.Add(commit);
        CommitOutcome outcome;
        try
        {
            outcome = await commit;
        }
        catch (LedgerUnavailableException ex)
        {
            _tally.Release(voterKey);
            logger.LogWarning(ex, "Ballot {Seq} on vote {Vote} not acknowledged", seq, S.Id);
            this.DeactivateOnIdle(); // the next activation recounts from the ballots table
            throw new CivicException(ErrorCodes.Unavailable, "The ballot could not be recorded; please retry.");
        }
        finally
        {
            _inFlight.Remove(commit);
        }

        if (outcome == CommitOutcome.Duplicate)
        {
            // Another activation recorded this voter's ballot: the table is right, our memory is stale.
            _tally.Release(voterKey);
            this.DeactivateOnIdle();
            throw new CivicException(ErrorCodes.AlreadyVoted, "You have already voted in this vote.");
        }

        _tally.Commit(voterKey, choices);
        if (now - _lastReport >= ReportEvery)
        {
            _lastReport = now;
            _ = ReportQuietlyAsync();
        }

        return new BallotReceipt(S.Id, _tally.Ballots, now);
    }

    public async Task<VoteSummary> CloseAsync(Actor actor)
    {
        EnsureVisible(actor);
        if (!actor.IsAtLeast(Role.Admin) || actor.Tenant != S.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin can close a vote.");
        }

        if (S.Status == VoteStatus.Closed)
        {
            throw new CivicException(ErrorCodes.VoteClosed, "The vote is already closed.");
        }

        await CloseNowAsync(actor.UserId);
        return Summary(actor);
    }

    public Task<VoteSummary?> GetAsync(Actor? viewer) =>
        Task.FromResult(state.RecordExists && CanSee(viewer) ? Summary(viewer) : null);

    public Task ReceiveReminder(string reminderName, TickStatus status) => AdvanceClockAsync();

    private async Task AdvanceClockAsync()
    {
        var now = time.GetUtcNow();
        var due = VoteRules.StatusAt(S, now);
        if (due == VoteStatus.Closed && S.Status != VoteStatus.Closed)
        {
            await CloseNowAsync("system");
        }
        else if (due == VoteStatus.Open && S.Status == VoteStatus.Draft)
        {
            S.Status = VoteStatus.Open;
            await _writer.WriteAsync();
            await ReportAsync();
        }

        await ScheduleClockAsync(now);
    }

    private async Task CloseNowAsync(string by)
    {
        // From here no ballot is accepted; those already reserved may still commit and count.
        S.Status = VoteStatus.Closed;
        S.ClosedBy = by;
        while (_inFlight.Count > 0)
        {
            await Task.WhenAll(_inFlight.ToArray()).ContinueWith(_ => { }, TaskScheduler.Current);
        }

        var (selected, allocated) = VoteRules.Select(S.Options, _tally.Counts, S.Budget);
        S.FinalCounts = [.. _tally.Counts];
        S.FinalBallots = _tally.Ballots;
        S.Results = new VoteResults(selected, allocated, (S.Budget ?? 0) - allocated, time.GetUtcNow());
        await _writer.WriteAsync();
        await ScheduleClockAsync(time.GetUtcNow());
        await ReportAsync();
    }

    private async Task ScheduleClockAsync(DateTimeOffset now)
    {
        _clock?.Dispose();
        _clock = null;
        DateTimeOffset? next = S.Status switch
        {
            VoteStatus.Draft => S.OpensAt,
            VoteStatus.Open => S.ClosesAt,
            _ => null,
        };
        if (next is null)
        {
            if (await this.GetReminder(ClockReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        var due = GrainClock.DueTime(next.Value, now);
        _clock = this.RegisterGrainTimer(AdvanceClockAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        await this.RegisterOrUpdateReminder(ClockReminder, due, TimeSpan.FromMinutes(1));
    }

    private async Task ReportQuietlyAsync()
    {
        try
        {
            await ReportAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not refresh vote {Vote} in the catalog", S.Id);
        }
    }

    private Task ReportAsync() =>
        GrainFactory.GetGrain<ITenantGrain>(S.Tenant).UpsertListingAsync(
            new CatalogListing(CatalogKind.Vote, S.Id, S.CreatedAt, Public: true, Campaign: null, Vote: Summary(null)));

    private void EnsureVisible(Actor actor)
    {
        if (!state.RecordExists || !CanSee(actor))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such vote.");
        }
    }

    private bool CanSee(Actor? viewer) => viewer is null || viewer.Tenant == S.Tenant || viewer.Role == Role.Operator;

    private VoteSummary Summary(Actor? viewer)
    {
        var status = VoteRules.StatusAt(S, time.GetUtcNow());
        var counts = S.Status == VoteStatus.Closed ? S.FinalCounts : [.. _tally.Counts];
        var options = S.Options.Select((o, i) => new VoteOption(o.Id, o.Title, o.Cost, counts[i])).ToImmutableArray();
        var hasVoted = viewer is not null && _pseudonyms is not null
            && _tally.HasVoted(_pseudonyms.For(S.Tenant, S.Id, viewer.UserId));
        return new VoteSummary(
            S.Id, S.Title, status, S.BallotType, S.MinChoices, S.MaxChoices, options,
            S.Budget is { } b ? new Money(b, S.Currency) : null,
            S.Status == VoteStatus.Closed ? S.FinalBallots : _tally.Ballots,
            S.OpensAt, S.ClosesAt, S.Results, hasVoted);
    }
}
