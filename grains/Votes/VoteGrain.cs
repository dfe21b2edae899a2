using Civic.Grains.Faults;
using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Live;
using Civic.Grains.Pabulib;
using Civic.Grains.Votes.Counting;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace Civic.Grains.Votes;

/// <summary>
/// One vote: one ballot per voter (and district), enforced here (a slot held from validation to
/// commit) and by the ballots table's unique constraints. Only <see cref="CastBallotAsync"/>
/// interleaves, at its ledger await.
/// </summary>
/// <remarks>Invariant at every await: the tally counts exactly the committed ballots of this vote.</remarks>
[MayInterleave(nameof(CanInterleave))]
public sealed class VoteGrain(
    [PersistentState("vote", "civic")] IPersistentState<VoteState> state,
    LedgerWriter ledger,
    LedgerStore store,
    VoteLedgerReader ballots,
    VoteCountRunner counter,
    DomainClock time,
    ILogger<VoteGrain> logger) : CivicGrain, IVoteGrain, IRemindable, IIncomingGrainCallFilter
{
    private const string ClockReminder = "vote-clock";
    private const int PaperBatch = 2_000;
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    private readonly StateWriter _writer = new(state);
    private GrainClock? _clockInstance;
    private readonly List<Task> _inFlight = [];
    private readonly Dictionary<string, (BallotValidator Validator, int[] ToOption)> _validators = new(StringComparer.Ordinal);
    private VoteTally _tally = new(0);
    private readonly Dictionary<string, CensusVerification> _verified = new(StringComparer.Ordinal);
    private VoterPseudonyms? _pseudonyms;
    private DateTimeOffset _lastReport;

    private TallySnapshots? _snapshotsInstance;

    private TallySnapshots Snapshots => _snapshotsInstance ??= new(ballots, _writer, logger);

    private VoteState S => state.State;

    public static bool CanInterleave(IInvokable request) => request.GetMethodName() == nameof(CastBallotAsync);

    protected override async Task ActivateAsync(CancellationToken cancellationToken)
    {
        _pseudonyms = await store.VoterPseudonymsAsync();
        if (!state.RecordExists)
        {
            return;
        }

        (_tally, var replayed, var fromSnapshot) = await VoteReplay.RebuildAsync(S, ballots);
        S.Tally = fromSnapshot ? S.Tally : null; // a snapshot the ledger did not match is replaced from seq 0
        if (replayed >= VoteReplay.SnapshotEvery)
        {
            await SnapshotAsync();
        }

        await AdvanceClockAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.RecordExists && _tally.Ballots != (S.Tally?.Ballots ?? 0))
        {
            await SnapshotAsync();
        }
    }

    /// <summary>Keeps the tally's totals in the grain state (and its voters in chunks), so an activation replays only the ballots after them.</summary>
    private Task SnapshotAsync() => Snapshots.TakeAsync(S, _tally);

    public async Task<VoteSummary> CreateAsync(CreateVote command, Actor actor)
    {
        Configure(command, actor);
        await WriteNewAsync(actor);
        await AdvanceClockAsync();
        await ReportAsync();
        return Summary(actor);
    }

    public async Task<BallotReceipt> CastBallotAsync(CastBallot command)
    {
        EnsureVisible(command.Voter);
        var voter = command.Voter;
        if (voter.Tenant != S.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "This vote belongs to another tenant.");
        }

        if (S.RequireVerified)
        {
            voter = await VerifiedVoterAsync(voter);
        }

        var now = time.GetUtcNow();
        EnsureOpen(now);
        VoteRules.ValidateBallotInput(command.Choices, command.Points, command.District);
        var (district, isExtra) = VoteEligibility.DistrictOf(S, command.District, voter);

        // Validate and take the voter's slot in this turn, before the first await.
        var (choices, points) = Validate(district, command.Choices, command.Points);
        var voterRef = _pseudonyms!.For(S.Tenant, S.Id, voter.UserId);
        var voterKey = district is null ? voterRef : _pseudonyms.For(S.Tenant, S.Id, voter.UserId, district);
        if (!_tally.TryReserve(voterKey, voterRef, isExtra, out var seq))
        {
            throw _tally.HasVoted(voterKey)
                ? new CivicException(ErrorCodes.AlreadyVoted, "You have already voted in this vote.")
                : new CivicException(ErrorCodes.SecondDistrictUsed, "You have already voted in a district other than your own.");
        }

        var outcome = await CommitAsync(seq, voterKey, voterRef, isExtra, district, choices, points, now);
        if (outcome == CommitOutcome.Duplicate)
        {
            throw new CivicException(ErrorCodes.AlreadyVoted, "You have already voted in this vote.");
        }

        if (outcome == CommitOutcome.Rejected)
        {
            throw new CivicException(ErrorCodes.Rejected, "The ballot was refused by the ledger and not recorded.");
        }

        if (now - _lastReport >= ReportEvery)
        {
            _lastReport = now;
            _ = QuietlyAsync(ReportAsync, "refresh in the catalog");
        }

        return new BallotReceipt(S.Id, _tally.Ballots, now);
    }

    public async Task<PaperBallotsReceipt> RecordPaperBallotsAsync(ImmutableArray<PaperBallot> ballots, Actor actor)
    {
        EnsureVisible(actor);
        RequireAdmin(actor, "record paper ballots");
        TextRules.RequireCount("ballots", ballots.IsDefault ? 0 : ballots.Length, ListLimits.PaperBallotsPerCall);
        foreach (var ballot in ballots.IsDefault ? [] : ballots)
        {
            // A malformed text refuses the whole call before anything is written; a ballot that breaks
            // the vote's rules is only listed as rejected.
            TextRules.Require("A paper ballot's voterRef", ballot.VoterRef, TextLimits.VoterRef);
            VoteRules.ValidateBallotInput(ballot.Choices, ballot.Points, ballot.District);
        }

        EnsureOpen(time.GetUtcNow());
        return await RecordPaperAsync(ballots);
    }

    public async Task<VoteSummary> ImportPabulibAsync(ImportPabulib command, Actor actor)
    {
        RequireAdmin(actor, "import a vote");
        var (create, file, election) = VotePabulibImport.Read(command, time.GetUtcNow());
        Configure(create, actor);
        S.ImportWarnings = [.. election.Warnings];
        S.ExclusiveSetsPending = VotePabulibImport.WantsExclusiveSets(file);
        await WriteNewAsync(actor);

        var paper = VotePabulibImport.Ballots(file, election, S.Options);
        var receipt = await RecordPaperAsync(paper);
        logger.LogInformation("Imported vote {Vote}: {Accepted} ballots, {Duplicates} duplicates, {Rejected} rejected",
            S.Id, receipt.Accepted, receipt.Duplicates, receipt.Rejected.Length);
        if (VoteRules.ClosesAfterImport(command))
        {
            await CloseNowAsync(actor.UserId);
        }
        else
        {
            await AdvanceClockAsync();
        }

        await ReportAsync();
        return Summary(actor);
    }

    public async Task<VoteSummary> CloseAsync(Actor actor)
    {
        EnsureVisible(actor);
        RequireAdmin(actor, "close a vote");
        if (S.Status == VoteStatus.Closed)
        {
            throw new CivicException(ErrorCodes.VoteClosed, "The vote is already closed.");
        }

        await CloseNowAsync(actor.UserId);
        return Summary(actor);
    }

    public async Task<VoteExport> ExportAsync(Actor? viewer)
    {
        if (!state.RecordExists || !CanSee(viewer))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such vote.");
        }

        if (S.Status != VoteStatus.Closed)
        {
            throw new CivicException(ErrorCodes.VoteNotClosed, "Ballots are published once the vote is closed.");
        }

        // Published under pseudonyms of this export and in their order, never in casting order: whoever saw
        // who voted n-th, or holds the ballots table, cannot find that voter's ballot in the file.
        var ballots = await store.BallotsAsync(S.Tenant, S.Id);
        var pseudonym = _pseudonyms!.ForExport(S.Tenant, S.Id);
        return new VoteExport(Summary(null), [.. ballots
            .Select(b => new ExportedBallot(pseudonym(b.VoterKey), b.Choices, b.Points.IsDefault ? [] : b.Points, b.District))
            .OrderBy(b => b.VoterId, StringComparer.Ordinal)]);
    }

    public async Task<string> ExportPabulibAsync(Actor? viewer)
    {
        var export = await ExportAsync(viewer);
        return PbWriter.Write(VotePabulib.ToFile(S, export));
    }

    public async Task<VoteSummary> SetExclusiveSetsAsync(ImmutableArray<ImmutableArray<string>> sets, Actor actor)
    {
        EnsureVisible(actor);
        RequireAdmin(actor, "change a vote's exclusive projects");
        VoteRules.RequireExclusiveSetsChangeable(S, time.GetUtcNow());
        VoteRules.ValidateExclusiveSets(sets, [.. S.Options.Select(o => o.District)]);
        S.ExclusiveSets = [.. (sets.IsDefault ? [] : sets).Select(set => set.ToList())];
        S.Rule = VoteRule.GreedyExclusive;
        S.ExclusiveSetsPending = false;
        await _writer.WriteAsync();
        return Summary(actor);
    }

    public Task<VoteSummary?> GetAsync(Actor? viewer) =>
        Task.FromResult(state.RecordExists && CanSee(viewer) ? Summary(viewer) : null);

    public async Task<VoteOption> AddOptionAsync(VoteOptionInput option, Actor actor)
    {
        EnsureVisible(actor);
        VoteOptionRules.RequireModerator(S, actor);
        if (VoteOptionRules.Existing(S, option) is not { } config)
        {
            // A draft has no ballots: the tally and validators are rebuilt for the new set of options.
            config = VoteOptionRules.New(S, option, time.GetUtcNow());
            S.Options.Add(config);
            try
            {
                await _writer.WriteAsync();
            }
            catch
            {
                S.Options.Remove(config);
                throw;
            }

            _tally = new VoteTally(S.Options.Count);
            _validators.Clear();
            await ReportAsync();
        }

        return Summary(actor).Options.First(o => o.Id == config.Id);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => AdvanceClockAsync();

    private void Configure(CreateVote command, Actor actor)
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
        command = VoteRules.WithDefaults(command, now);
        VoteRules.ValidateCreate(command, actor, now);
        var s = S;
        s.Tenant = tenant;
        s.Id = id;
        s.Title = command.Title.Trim();
        s.BallotType = command.BallotType;
        s.MinChoices = command.MinChoices!.Value;
        s.MaxChoices = command.MaxChoices!.Value;
        s.Options = [.. command.Options.Select((o, i) => new VoteOptionConfig($"p{i + 1}", o.Title.Trim(), o.Cost, o.District, o.ExternalId))];
        s.Budget = command.Budget?.Amount;
        s.Currency = command.Budget?.Currency ?? "EUR";
        s.OpensAt = command.OpensAt!.Value;
        s.ClosesAt = command.ClosesAt;
        s.Status = VoteStatus.Draft;
        s.CreatedBy = actor.UserId;
        s.CreatedAt = now;
        s.Rule = command.Rule!.Value;
        s.MaxPointsPerProject = command.MaxPointsPerProject!.Value;
        s.MaxTotalPoints = command.MaxTotalPoints!.Value;
        s.GradeScale = command.GradeScale!.Value;
        s.MinimumSpendPercent = command.MinimumSpendPercent!.Value;
        s.Districts = command.Districts.IsDefault ? [] : [.. command.Districts];
        s.AllowSecondDistrict = command.AllowSecondDistrict!.Value;
        s.ExactRanks = command.ExactRanks!.Value;
        s.RequireVerified = command.RequireVerified!.Value;
        s.MinimumAge = command.MinimumAge!.Value;
        s.MinProjectScore = command.MinProjectScore ?? 0;
        s.LiveTallies = command.LiveTallies;
        s.ExclusiveSets = [.. (command.ExclusiveSets.IsDefault ? [] : command.ExclusiveSets).Select(set => set.ToList())];
        if (now >= s.OpensAt)
        {
            s.Status = VoteStatus.Open;
        }

        _tally = new VoteTally(s.Options.Count);
    }

    /// <summary>Paper ballots: validated, given a slot and committed like members' ballots, in batches.</summary>
    private async Task<PaperBallotsReceipt> RecordPaperAsync(ImmutableArray<PaperBallot> ballots)
    {
        var accepted = 0;
        var duplicates = 0;
        var rejected = ImmutableArray.CreateBuilder<string>();
        var now = time.GetUtcNow();
        for (var start = 0; start < ballots.Length; start += PaperBatch)
        {
            var commits = new List<Task<(string VoterRef, CommitOutcome Outcome)>>(PaperBatch);
            foreach (var ballot in ballots.Skip(start).Take(PaperBatch))
            {
                try
                {
                    TextRules.Require("A paper ballot's voterRef", ballot.VoterRef, TextLimits.VoterRef);
                    VoteRules.ValidateBallotInput(ballot.Choices, ballot.Points, ballot.District);

                    var district = S.HasDistricts ? ballot.District ?? throw new CivicException(ErrorCodes.DistrictRequired, "Say which district the ballot is for.") : null;
                    if (district is not null && S.Districts.All(d => d.Name != district))
                    {
                        throw new CivicException(ErrorCodes.Validation, $"The vote has no district '{district}'.");
                    }

                    var (choices, points) = Validate(district, ballot.Choices, ballot.Points);
                    var voterRef = _pseudonyms!.For(S.Tenant, S.Id, "paper:" + ballot.VoterRef);
                    var voterKey = district is null ? voterRef : _pseudonyms.For(S.Tenant, S.Id, "paper:" + ballot.VoterRef, district);
                    if (!_tally.TryReserve(voterKey, voterRef, isExtra: false, out var seq))
                    {
                        duplicates++;
                        continue;
                    }

                    commits.Add(CommitPaperAsync(ballot.VoterRef, seq, voterKey, voterRef, district, choices, points, now));
                }
                catch (CivicException ex)
                {
                    if (rejected.Count < 100)
                    {
                        rejected.Add($"{TextRules.Truncate(ballot.VoterRef, 40)}: {ex.Code}");
                    }
                }
            }

            foreach (var (voterRef, outcome) in await Task.WhenAll(commits))
            {
                switch (outcome)
                {
                    case CommitOutcome.Committed:
                        accepted++;
                        break;
                    case CommitOutcome.Rejected:
                        if (rejected.Count < 100)
                        {
                            rejected.Add($"{TextRules.Truncate(voterRef, 40)}: {ErrorCodes.Rejected}");
                        }

                        break;
                    default:
                        duplicates++;
                        break;
                }
            }
        }

        await SnapshotAsync();
        await ReportAsync();
        return new PaperBallotsReceipt(accepted, duplicates, rejected.ToImmutable(), _tally.Ballots);
    }

    private async Task<(string VoterRef, CommitOutcome Outcome)> CommitPaperAsync(string paperRef, long seq, string voterKey, string voterRef,
        string? district, int[] choices, ImmutableArray<int> points, DateTimeOffset now) =>
        (paperRef, await CommitAsync(seq, voterKey, voterRef, false, district, choices, points, now));

    /// <summary>Validates a ballot's form; returns the chosen options' indexes in the vote and the points.</summary>
    private (int[] Choices, ImmutableArray<int> Points) Validate(string? district, ImmutableArray<string> choices, ImmutableArray<int> points)
    {
        var key = district ?? "";
        if (!_validators.TryGetValue(key, out var validator))
        {
            validator = (VoteRules.ValidatorFor(S, district), [.. VoteRules.OptionsOf(S, district).Select(p => p.Index)]);
            _validators[key] = validator;
        }

        var valid = validator.Validator.Validate(choices.IsDefault ? [] : choices, points.IsDefault ? null : points);
        return ([.. valid.Indexes.Select(i => validator.ToOption[i])], valid.Points.IsDefault ? [] : valid.Points);
    }

    /// <summary>Writes a reserved ballot; on success it counts, otherwise its slot is released.</summary>
    private async Task<CommitOutcome> CommitAsync(long seq, string voterKey, string voterRef, bool isExtra, string? district,
        int[] choices, ImmutableArray<int> points, DateTimeOffset now)
    {
        var entry = new BallotEntry(S.Tenant, S.Id, seq, GrainKeys.NewId(IdPrefixes.Ballot), voterKey,
            [.. choices.Select(i => S.Options[i].Id)], now, points, district, voterRef, isExtra);
        var commit = ledger.AppendAsync(entry);
        _inFlight.Add(commit);
        CommitOutcome outcome;
        try
        {
            outcome = await commit;
        }
        catch (LedgerUnavailableException ex)
        {
            _tally.Release(voterKey, voterRef, isExtra);
            Snapshots.Disable();
            logger.LogWarning(ex, "Ballot {Seq} on vote {Vote} not acknowledged", seq, S.Id);
            this.DeactivateOnIdle(); // the next activation recounts from the ballots table
            throw ex.ToCivicError("The ballot");
        }
        finally
        {
            _inFlight.Remove(commit);
        }

        if (outcome == CommitOutcome.Rejected)
        {
            // The database refused this row alone: the slot goes back, nothing counts.
            _tally.Release(voterKey, voterRef, isExtra);
            return outcome;
        }

        if (outcome == CommitOutcome.Duplicate)
        {
            // Another activation recorded this voter's ballot: the table is right, our memory is stale.
            _tally.Release(voterKey, voterRef, isExtra);
            Snapshots.Disable();
            this.DeactivateOnIdle();
            return outcome;
        }

        _tally.Commit(voterKey, district, choices, VoteRules.LiveScores(S, Points(points, choices.Length)));
        if (_tally.Ballots - (S.Tally?.Ballots ?? 0) >= VoteReplay.SnapshotEvery && _tally.InFlight == 0)
        {
            _ = SnapshotAsync();
        }

        return outcome;
    }

    /// <summary>The census' answer, asked once per verified member and vote (a verification is never withdrawn).</summary>
    private async Task<Actor> VerifiedVoterAsync(Actor voter)
    {
        if (!_verified.TryGetValue(voter.UserId, out var verification))
        {
            verification = await GrainFactory.GetGrain<ICensusGrain>(S.Tenant).GetVerificationAsync(voter.UserId);
            if (verification.Verified)
            {
                _verified[voter.UserId] = verification;
            }
        }

        return VoteEligibility.Admit(S, voter, verification);
    }

    private static ImmutableArray<int> Points(ImmutableArray<int> points, int count) =>
        points.IsDefaultOrEmpty ? ImmutableArray.Create(new int[count]) : points;

    private void EnsureOpen(DateTimeOffset now)
    {
        switch (VoteRules.StatusAt(S, now))
        {
            case VoteStatus.Draft:
                throw new CivicException(ErrorCodes.VoteNotOpen, "The vote is not open yet.");
            case VoteStatus.Closed:
                throw new CivicException(ErrorCodes.VoteClosed, "The vote is closed.");
        }
    }

    private async Task AdvanceClockAsync()
    {
        var now = time.GetUtcNow();
        var due = VoteRules.StatusAt(S, now);
        if (due == VoteStatus.Closed && S.Status != VoteStatus.Closed)
        {
            await CloseNowAsync(SystemActors.Clock);
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

        S.FinalCounts = [.. _tally.Counts];
        S.FinalScores = [.. _tally.Scores];
        S.FinalBallots = _tally.Ballots;
        S.FinalDistrictBallots = new Dictionary<string, int>(_tally.BallotsByDistrict, StringComparer.Ordinal);

        // The results are computed from the ballots table, not from memory, off this grain's turn: reads are answered
        // meanwhile (the vote shows closed, results null). Nothing else that changes the vote interleaves with this call.
        var cast = await store.BallotsAsync(S.Tenant, S.Id);
        var now = time.GetUtcNow();
        var config = S; // the state object itself: the grain's state accessor answers only on the grain's scheduler
        S.Results = await counter.CountAsync(this.GetPrimaryKeyString(), () => VoteRules.Count(config, cast, now));
        await _writer.WriteAsync();
        await SnapshotAsync();
        await ScheduleClockAsync(time.GetUtcNow());
        await ReportAsync();
    }

    private GrainClock Clock => _clockInstance ??= new GrainClock(this, ClockReminder);

    private Task ScheduleClockAsync(DateTimeOffset now) => Clock.ScheduleAsync(S.Status switch
    {
        VoteStatus.Draft => S.OpensAt,
        VoteStatus.Open => S.ClosesAt,
        _ => null,
    }, now);

    /// <summary>Work a ballot's answer does not wait for: a failure is logged, never the caller's.</summary>
    private async Task QuietlyAsync(Func<Task> work, string what)
    {
        try
        {
            await work();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not {What} vote {Vote}", what, S.Id);
        }
    }

    /// <summary>
    /// The first write of a new vote, once the tenant's vote quota gave it a slot. Refused, the configured
    /// but unwritten state is dropped with the activation; a failed write gives the slot back.
    /// </summary>
    private async Task WriteNewAsync(Actor actor)
    {
        var tenant = GrainFactory.GetGrain<ITenantGrain>(S.Tenant);
        try
        {
            await tenant.ReserveCreationAsync(new Creation(CreationKind.Vote, S.Id, actor));
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            await tenant.ReleaseCreationAsync(CreationKind.Vote, S.Id);
            throw;
        }
    }

    private Task ReportAsync() =>
        GrainFactory.GetGrain<ITenantGrain>(S.Tenant).UpsertListingAsync(
            new CatalogListing(CatalogKind.Vote, S.Id, S.CreatedAt, Public: true, Campaign: null, Vote: Summary(null)));

    private void RequireAdmin(Actor actor, string what)
    {
        if (!actor.IsAtLeast(Role.Admin) || actor.Tenant != GrainKeys.Split(this.GetPrimaryKeyString()).Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, $"Only a tenant admin can {what}.");
        }
    }

    private void EnsureVisible(Actor actor)
    {
        if (!state.RecordExists || !CanSee(actor))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such vote.");
        }
    }

    private bool CanSee(Actor? viewer) => viewer is null || viewer.Tenant == S.Tenant;

    private VoteSummary Summary(Actor? viewer) => VoteViews.Summary(S, _tally, _pseudonyms, time.GetUtcNow(), viewer);

    private LivePublisher<VoteLive>? _live;

    /// <summary>The live figures API nodes watch; published after every call (see <see cref="Invoke"/>).</summary>
    private LivePublisher<VoteLive> Live => _live ??= new(
        () => state.RecordExists ? VoteViews.Live(S, _tally, _pseudonyms, time.GetUtcNow()) : null,
        VoteViews.Same,
        (observer, vote) => observer.VoteUpdatedAsync(S.Tenant, vote),
        (flush, due) => this.RegisterGrainTimer(flush, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)),
        time.GetUtcNow);

    public Task<VoteLive?> WatchAsync(ILiveObserver observer) => Task.FromResult(Live.Watch(observer));

    public Task UnwatchAsync(ILiveObserver observer)
    {
        Live.Unwatch(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Ballots, paper batches, the clock and the close may move a live figure: the publisher sends it if one did; an
    /// opening or a close is told to the tenant's feed.
    /// </summary>
    public Task Invoke(IIncomingGrainCallContext context) => LivePublisher<VoteLive>.AfterEachCallAsync(context, () => _live,
        () => state.RecordExists ? S.Status : (VoteStatus?)null,
        _ => TenantFeed.Publish(GrainFactory, S.Tenant, TenantFeed.OfVote(S.Status, S.Id, S.Title, time.GetUtcNow())));
}
