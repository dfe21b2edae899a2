using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The only writer of a campaign's totals. Every pledge goes validate → reserve → commit → apply →
/// answer; only <see cref="PledgeAsync"/> may interleave, and only at its ledger await.
/// </summary>
/// <remarks>
/// Invariant kept at every await: the book's committed totals equal the committed ledger rows of
/// this campaign, and every reservation is either waiting on exactly one ledger write or released.
/// </remarks>
[MayInterleave(nameof(CanInterleave))]
public sealed class CampaignGrain(
    [PersistentState("campaign", "civic")] IPersistentState<CampaignState> state,
    LedgerWriter ledger,
    LedgerStore store,
    TimeProvider time,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    private const int SnapshotEvery = 500;
    private static readonly TimeSpan SnapshotAfter = TimeSpan.FromSeconds(5);
    private const string EndReminder = "campaign-clock";

    private readonly StateWriter _writer = new(state);
    private GrainClock? _clockInstance;
    private readonly Dictionary<(string Member, string Key), Task<PledgeReceipt>> _pending = [];
    private CampaignBook _book = CampaignBook.Empty();
    private RewardStock _rewards = new([]);
    private LoanBook? _loans;
    private ShareBook? _shares;
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private Dictionary<string, ImmutableArray<LoanRepayment>>? _repayments;
    private long _settledSinceSnapshot;
    private DateTimeOffset _lastSnapshot;

    private CampaignState S => state.State;

    public static bool CanInterleave(IInvokable request) =>
        request.GetMethodName() is nameof(PledgeAsync) or nameof(InvestAsync);

    /// <summary>The reflection period is counted in the platform's time zone (French tenants).</summary>
    private static readonly TimeZoneInfo ReflectionZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastSnapshot = time.GetUtcNow();
        if (!state.RecordExists)
        {
            return;
        }

        var (tenant, id) = GrainKeys.Split(this.GetPrimaryKeyString());
        // Equity rows can be revoked after a snapshot counted them: an equity campaign replays its
        // whole ledger (its rows are few), so revoked rows never count.
        var equity = S.Mode == FinancingMode.Equity;
        var snapshot = equity ? new CampaignTotals() : S.Snapshot;
        var rows = await store.ContributionsAfterAsync(tenant, id, snapshot.Watermark);
        _book = CampaignBook.Restore(snapshot, rows);
        _rewards = RestoreRewards();
        RestoreHolds(rows);
        S.Snapshot = _book.Snapshot();
        await AdvanceClockAsync();
        ScheduleMatchRetry();
        if (S.Status == CampaignStatus.Failed)
        {
            // The end transition may have been recorded before its matches went back: ask again (idempotent).
            await ReturnMatchesAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.RecordExists && _settledSinceSnapshot > 0)
        {
            S.Snapshot = _book.Snapshot();
            await _writer.WriteAsync();
        }
    }

    public async Task<CampaignSummary> CreateAsync(CreateCampaign command, Actor actor)
    {
        var (tenant, id) = GrainKeys.Split(this.GetPrimaryKeyString());
        if (state.RecordExists)
        {
            throw new CivicException(ErrorCodes.AlreadyExists, "This campaign already exists.");
        }

        if (actor.Tenant != tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Campaigns are created in the actor's own tenant.");
        }

        var now = time.GetUtcNow();
        command = command.MatchCall is null ? command : command with { Matchfunding = true };
        CampaignRules.ValidateCreate(command, actor, now);
        var rewards = CampaignRules.NumberRewards(command);
        await EnsureMatchCallAsync(command);
        var s = S;
        s.Tenant = tenant;
        s.Id = id;
        s.Title = command.Title.Trim();
        s.Description = command.Description;
        s.Mode = command.Mode;
        s.Rule = command.Rule;
        s.Goal = command.Goal.Amount;
        s.Currency = command.Goal.Currency;
        s.StartsAt = command.StartsAt;
        s.EndsAt = command.EndsAt;
        s.MinContribution = command.MinContribution;
        s.MaxContribution = command.MaxContribution;
        s.OwnerId = actor.UserId;
        s.Category = command.Category;
        s.Rewards = rewards;
        s.Loan = command.Mode == FinancingMode.Loan ? command.Loan : null;
        s.Equity = command.Mode == FinancingMode.Equity ? command.Equity! with { Currency = command.Goal.Currency } : null;
        s.Matchfunding = command.Matchfunding;
        s.MatchCall = command.MatchCall;
        _rewards = new RewardStock(rewards);
        RestoreHolds([]);
        s.CreatedAt = now;
        s.Status = CampaignStatus.Draft;
        s.History.Add(new CampaignTransition(CampaignStatus.Draft, CampaignStatus.Draft, actor.UserId, now, "created"));
        await _writer.WriteAsync();
        await PublishListingAsync();
        return Summary();
    }

    public async Task<CampaignSummary> PublishAsync(Actor actor)
    {
        EnsureExists(actor);
        var now = time.GetUtcNow();
        CampaignRules.EnsureCanPublish(S, actor, now);
        var to = now >= S.StartsAt ? CampaignStatus.Live : CampaignStatus.Approved;
        await TransitionAsync(to, actor.UserId, "published");
        await AdvanceClockAsync();
        return Summary();
    }

    public Task<CampaignSummary> SubmitAsync(Actor actor) =>
        MoveAsync(actor, (subject, now) => CampaignLifecycle.Submit(subject, actor, now));

    public Task<CampaignSummary> RequestChangesAsync(Actor actor, string reason) =>
        MoveAsync(actor, (subject, now) => CampaignLifecycle.RequestChanges(subject, actor, reason, now));

    public Task<CampaignSummary> ApproveAsync(Actor actor, string? note) =>
        MoveAsync(actor, (subject, now) =>
        {
            var approval = CampaignLifecycle.Approve(subject, actor, now, note);
            CampaignRules.EnsureNotEnded(S, now);
            return approval;
        });

    public Task<CampaignSummary> RejectAsync(Actor actor, string reason) =>
        MoveAsync(actor, (subject, now) => CampaignLifecycle.Reject(subject, actor, reason, now));

    public Task<ImmutableArray<CampaignStatusChange>?> GetHistoryAsync(Actor? viewer)
    {
        var allowed = state.RecordExists && viewer is not null && viewer.Tenant == S.Tenant
            && (viewer.UserId == S.OwnerId || viewer.IsAtLeast(Role.Moderator));
        return Task.FromResult<ImmutableArray<CampaignStatusChange>?>(allowed
            ? [.. S.History.Select(t => new CampaignStatusChange(t.From, t.To, t.By, t.At, t.Reason))]
            : null);
    }

    public Task<PledgeReceipt> PledgeAsync(Pledge command)
    {
        EnsureExists(command.Backer);
        if (S.Mode == FinancingMode.Equity)
        {
            throw new CivicException(ErrorCodes.Validation, "Equity campaigns take investments (invest), not pledges.");
        }

        return ContributeAsync(command, shares: null);
    }

    public Task<PledgeReceipt> InvestAsync(Invest command)
    {
        EnsureExists(command.Investor);
        if (_shares is null)
        {
            throw new CivicException(ErrorCodes.Validation, "Only equity campaigns take investments.");
        }

        // A key already seen answers with its first outcome (ContributeAsync), whatever the profile says now.
        var memberId = command.Investor.UserId;
        var seen = _pending.ContainsKey((memberId, command.IdempotencyKey)) || _book.TryFindKey(memberId, command.IdempotencyKey, out _);
        var profile = new InvestorProfile(memberId, command.Kind, command.PassedKnowledgeTest, command.DeclaredNetWorth);
        var amount = seen
            ? checked(command.Shares * _shares.Offer.SharePrice)
            : EquityRules.ValidateInvestment(_shares.Offer, profile, command.Shares, command.RiskAcknowledged);
        return ContributeAsync(new Pledge(command.Investor, amount, command.IdempotencyKey), command.Shares);
    }

    public async Task<CampaignSummary> RevokeInvestmentAsync(Actor investor, string contributionId)
    {
        EnsureExists(investor);
        if (_shares is null)
        {
            throw new CivicException(ErrorCodes.Validation, "Only equity investments can be revoked.");
        }

        var pledge = _book.FindContribution(investor.UserId, contributionId)
            ?? throw new CivicException(ErrorCodes.NotFound, "No such investment of yours.");
        if (_revoked.Contains(contributionId))
        {
            return Summary(); // already revoked: the same answer, nothing changes
        }

        var now = time.GetUtcNow();
        EquityRules.EnsureCanRevoke(pledge.At, ReflectionZone, now);

        // Durable first; the totals and the shares move only once the ledger says revoked.
        if (!await store.RevokeContributionAsync(S.Tenant, S.Id, investor.UserId, contributionId, now))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such investment of yours.");
        }

        if (_revoked.Add(contributionId))
        {
            _shares.Revoke(contributionId);
            _book.Revoke(investor.UserId, pledge);
            S.Snapshot = _book.Snapshot();
            await PublishListingAsync();
        }

        return Summary();
    }

    public Task<ImmutableArray<LoanInstalment>?> GetLoanScheduleAsync(Actor viewer) =>
        Task.FromResult(state.RecordExists && CanSee(viewer) ? ScheduleOf(viewer.UserId) : null);

    public async Task<LoanPosition> RecordLoanRepaymentAsync(Actor admin, string lenderId, LoanRepayment repayment)
    {
        EnsureExists(admin);
        if (!admin.IsAtLeast(Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin records loan repayments.");
        }

        if (string.IsNullOrWhiteSpace(repayment.Id) || repayment.Id.Length > 128)
        {
            throw new CivicException(ErrorCodes.Validation, "The idempotency key must be 1 to 128 characters.");
        }

        var schedule = ScheduleOf(lenderId)
            ?? throw new CivicException(ErrorCodes.NotFound, "This lender has no repayment schedule on this campaign.");
        var repayments = await RepaymentsAsync();
        var recorded = repayments.GetValueOrDefault(lenderId, []);
        var next = LoanLedger.Record(schedule, recorded, repayment);
        if (next != recorded)
        {
            // Durable first, then in memory (this method does not interleave, so one writer per lender).
            await store.InsertLoanRepaymentAsync(S.Tenant, S.Id, lenderId, repayment.Id, repayment.Amount, repayment.PaidOn);
            repayments[lenderId] = next;
        }

        return LoanLedger.Position(schedule, next, Today());
    }

    public async Task<LoanPosition?> GetLoanPositionAsync(Actor viewer)
    {
        if (!state.RecordExists || !CanSee(viewer) || ScheduleOf(viewer.UserId) is not { } schedule)
        {
            return null;
        }

        var repayments = await RepaymentsAsync();
        return LoanLedger.Position(schedule, repayments.GetValueOrDefault(viewer.UserId, []), Today());
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>A lender's schedule once the loan campaign succeeded, computed from all they lent; null otherwise.</summary>
    private ImmutableArray<LoanInstalment>? ScheduleOf(string lenderId)
    {
        if (S.Loan is null || Summary().Status is not (CampaignStatus.Succeeded or CampaignStatus.PaidOut))
        {
            return null;
        }

        var lent = _book.BackerAmounts.FirstOrDefault(b => b.Key == lenderId).Value.Amount;
        return lent > 0 ? LoanSchedule.Compute(lent, S.Loan) : null;
    }

    private async Task<Dictionary<string, ImmutableArray<LoanRepayment>>> RepaymentsAsync()
    {
        if (_repayments is null)
        {
            var rows = await store.LoanRepaymentsAsync(S.Tenant, S.Id);
            _repayments ??= rows.ToDictionary(
                r => r.Key, r => r.Value.Select(x => new LoanRepayment(x.Id, x.Amount, x.PaidOn)).ToImmutableArray(), StringComparer.Ordinal);
        }

        return _repayments;
    }

    /// <summary>The one write path of a contribution: validate and reserve in this turn, commit to the ledger, apply.</summary>
    private async Task<PledgeReceipt> ContributeAsync(Pledge command, long? shares)
    {
        var now = time.GetUtcNow();
        var memberId = command.Backer.UserId;
        var key = (memberId, command.IdempotencyKey);

        // Idempotency: a key already seen answers with the first outcome, never a second row.
        if (_pending.TryGetValue(key, out var inFlight))
        {
            return Replay(await inFlight, command);
        }

        if (_book.TryFindKey(memberId, command.IdempotencyKey, out var known))
        {
            return Replay(Receipt(known, replayed: true), command);
        }

        // Validate and reserve in this turn, before the first await.
        // The reward unit, the lender's headroom or the shares are held first: if that fails nothing
        // else has been reserved yet (a campaign holds only one kind: rewards are for donations only).
        CampaignRules.ValidatePledge(S, CampaignRules.StatusAt(S, now), command, now);
        var contributionId = GrainKeys.NewId("ct");
        if (command.RewardId is { } rewardId)
        {
            _rewards.Reserve(contributionId, rewardId, command.Amount);
        }

        _loans?.Reserve(contributionId, memberId, command.Amount);
        if (shares is { } count)
        {
            _shares!.Reserve(contributionId, memberId, count);
        }

        var reservation = _book.Reserve(memberId, command.Amount, command.RewardId);
        var pledge = new CampaignBook.KnownPledge(contributionId, command.Amount, now, reservation.Seq, command.RewardId);
        var commit = CommitAsync(command, reservation, pledge);
        _pending[key] = commit;
        try
        {
            return await commit;
        }
        finally
        {
            _pending.Remove(key);
        }
    }

    public Task<CampaignSummary?> GetAsync(Actor? viewer)
    {
        if (!state.RecordExists || !CanSee(viewer))
        {
            return Task.FromResult<CampaignSummary?>(null);
        }

        return Task.FromResult<CampaignSummary?>(Summary());
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => AdvanceClockAsync();

    private async Task<PledgeReceipt> CommitAsync(Pledge command, CampaignBook.Reservation reservation, CampaignBook.KnownPledge pledge)
    {
        var entry = new ContributionEntry(
            S.Tenant, S.Id, reservation.Seq, pledge.ContributionId, reservation.MemberId,
            reservation.Amount, S.Currency, command.IdempotencyKey, pledge.At, pledge.RewardId);
        CommitOutcome outcome;
        try
        {
            outcome = await ledger.AppendAsync(entry);
        }
        catch (LedgerUnavailableException ex)
        {
            // The row may or may not have committed: release, and let the next activation
            // rebuild from the ledger so the totals cannot drift from it.
            _book.Release(reservation);
            ReleaseHolds(pledge);
            logger.LogWarning(ex, "Pledge {Seq} on {Campaign} not acknowledged", reservation.Seq, S.Id);
            this.DeactivateOnIdle();
            throw new CivicException(ErrorCodes.Unavailable, "The contribution could not be recorded; retry with the same idempotency key.");
        }

        if (outcome == CommitOutcome.Duplicate)
        {
            _book.Release(reservation);
            ReleaseHolds(pledge);
            return await ResolveDuplicateAsync(command);
        }

        if (pledge.RewardId is not null)
        {
            _rewards.Commit(pledge.ContributionId);
        }

        _loans?.Commit(pledge.ContributionId);
        _shares?.Commit(pledge.ContributionId);

        _book.Commit(reservation, pledge, command.IdempotencyKey);
        AfterSettled();
        var receipt = Receipt(pledge, replayed: false);
        return S.Matchfunding ? receipt with { Matched = await MatchAsync(reservation.MemberId, pledge) } : receipt;
    }

    /// <summary>How long a committed pledge waits for the pool's answer before answering without it.</summary>
    private static readonly TimeSpan MatchWait = TimeSpan.FromSeconds(5);

    /// <summary>How often contributions whose match is unknown ask their pool again.</summary>
    private static readonly TimeSpan MatchRetryEvery = TimeSpan.FromSeconds(2);

    private IGrainTimer? _matchRetry;

    /// <summary>The pool of the campaign's call, or the tenant's default pool.</summary>
    private IMatchPoolGrain Pool => GrainFactory.GetGrain<IMatchPoolGrain>(MatchPools.Key(S.Tenant, S.MatchCall));

    /// <summary>A campaign joins an open call of its own tenant, in the call's currency.</summary>
    private async Task EnsureMatchCallAsync(CreateCampaign command)
    {
        if (command.MatchCall is not { } callId)
        {
            return;
        }

        var (tenant, _) = GrainKeys.Split(this.GetPrimaryKeyString());
        var call = GrainKeys.IsWellFormed(callId, MatchPools.CallPrefix)
            ? await GrainFactory.GetGrain<IMatchPoolGrain>(MatchPools.Key(tenant, callId)).GetCallAsync()
            : null;
        if (call is null)
        {
            throw new CivicException(ErrorCodes.NotFound, "No such matchfunding call.");
        }

        if (call.Currency != command.Goal.Currency)
        {
            throw new CivicException(ErrorCodes.CurrencyMismatch, $"This call matches {call.Currency} only.");
        }
    }

    /// <summary>
    /// Asks the campaign's pool to match a pledge the ledger has already committed. The pledge never fails
    /// because of the pool: an error or a slow pool leaves the match unknown (null) in the answer, and the
    /// contribution is kept in <see cref="CampaignState.PendingMatches"/> and asked again until the pool
    /// answers (the pool keys matches by contribution id, so a contribution is never matched twice).
    /// </summary>
    private async Task<Money?> MatchAsync(string backer, CampaignBook.KnownPledge pledge)
    {
        try
        {
            var cents = await AskPoolAsync(new PendingMatch(pledge.ContributionId, backer, pledge.Amount));
            return new Money(cents, S.Currency);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Contribution {Contribution} on {Campaign} not matched yet; retried", pledge.ContributionId, S.Id);
            S.PendingMatches.Add(new PendingMatch(pledge.ContributionId, backer, pledge.Amount));
            ScheduleMatchRetry();
            await SavePendingMatchesAsync();
            return null;
        }
    }

    private Task<long> AskPoolAsync(PendingMatch match) =>
        Pool.MatchAsync(S.Id, S.Goal, match.Backer, match.ContributionId, new Money(match.Amount, S.Currency)).WaitAsync(MatchWait);

    /// <summary>Starts the retry timer while matches are pending; it keeps the activation alive until they are answered.</summary>
    private void ScheduleMatchRetry()
    {
        if (S.PendingMatches.Count > 0)
        {
            _matchRetry ??= this.RegisterGrainTimer(RetryMatchesAsync,
                new GrainTimerCreationOptions(MatchRetryEvery, MatchRetryEvery) { KeepAlive = true });
        }
    }

    /// <summary>Asks the pool again for every pending match, oldest first; stops at the first that still fails.</summary>
    private async Task RetryMatchesAsync(CancellationToken cancellationToken)
    {
        var answered = 0;
        foreach (var pending in S.PendingMatches.ToArray())
        {
            try
            {
                await AskPoolAsync(pending);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Contribution {Contribution} on {Campaign} still not matched", pending.ContributionId, S.Id);
                break;
            }

            S.PendingMatches.Remove(pending);
            answered++;
        }

        if (S.PendingMatches.Count == 0)
        {
            _matchRetry?.Dispose();
            _matchRetry = null;
        }

        if (answered > 0)
        {
            await SavePendingMatchesAsync();
            if (S.Status == CampaignStatus.Failed)
            {
                // A pool activated after the return no longer knows this campaign failed: return again (idempotent).
                await ReturnMatchesAsync();
            }
        }
    }

    /// <summary>Best effort: what is not saved stays in memory and is retried while this activation lives.</summary>
    private async Task SavePendingMatchesAsync()
    {
        try
        {
            await _writer.WriteAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Pending matches of campaign {Campaign} not saved; retried in memory", S.Id);
        }
    }

    /// <summary>A failed campaign's matches go back to its pool; idempotent, retried on activation.</summary>
    private async Task ReturnMatchesAsync()
    {
        if (!S.Matchfunding)
        {
            return;
        }

        try
        {
            await Pool.ReturnCampaignAsync(S.Id);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The matches of failed campaign {Campaign} did not go back yet; retried on next activation", S.Id);
        }
    }

    /// <summary>The database already holds a row for this member and key (an earlier activation wrote it).</summary>
    private async Task<PledgeReceipt> ResolveDuplicateAsync(Pledge command)
    {
        var existing = await store.FindContributionAsync(S.Tenant, command.Backer.UserId, command.IdempotencyKey);
        if (existing is null || existing.CampaignId != S.Id)
        {
            // Another campaign used the key, or our sequence number was taken by a second activation.
            this.DeactivateOnIdle();
            throw new CivicException(ErrorCodes.IdempotencyKeyReused,
                "This idempotency key was already used for another contribution.");
        }

        var known = new CampaignBook.KnownPledge(
            existing.ContributionId, existing.Amount, existing.CreatedAt, existing.Seq, existing.RewardId);
        return Replay(Receipt(known, replayed: true), command);
    }

    private PledgeReceipt Replay(PledgeReceipt first, Pledge command)
    {
        if (first.Amount.Amount != command.Amount)
        {
            throw new CivicException(ErrorCodes.IdempotencyKeyReused,
                "This idempotency key was already used with a different amount.");
        }

        if (first.Reward?.Id != command.RewardId)
        {
            throw new CivicException(ErrorCodes.IdempotencyKeyReused,
                "This idempotency key was already used with a different reward.");
        }

        return first with { Replayed = true, Raised = new Money(_book.Raised, S.Currency) };
    }

    private PledgeReceipt Receipt(CampaignBook.KnownPledge pledge, bool replayed) => new(
        pledge.ContributionId,
        new Money(pledge.Amount, S.Currency),
        new Money(_book.Raised, S.Currency),
        pledge.At,
        replayed,
        pledge.RewardId is null ? null : RewardView(S.Rewards.First(r => r.Id == pledge.RewardId)));

    private void ReleaseHolds(CampaignBook.KnownPledge pledge)
    {
        if (pledge.RewardId is not null)
        {
            _rewards.Release(pledge.ContributionId);
        }

        _loans?.Release(pledge.ContributionId);
        _shares?.Release(pledge.ContributionId);
    }

    /// <summary>
    /// The loan caps and the share book as the ledger says. Loans: each lender's committed total from
    /// the book. Shares: every non-revoked row (an equity campaign replays its whole ledger).
    /// </summary>
    private void RestoreHolds(IEnumerable<ContributionEntry> rows)
    {
        _loans = null;
        _shares = null;
        if (S.Loan is { } terms)
        {
            _loans = new LoanBook(LoanCapSettings.Default, terms.AnnualRateBasisPoints > 0);
            foreach (var (lender, totals) in _book.BackerAmounts)
            {
                _loans.Restore(lender, totals.Amount);
            }
        }

        if (S.Equity is { } offer)
        {
            _shares = new ShareBook(offer);
            foreach (var row in rows)
            {
                if (row.RevokedAt is null)
                {
                    _shares.Restore(row.ContributionId, row.MemberId, row.Amount / offer.SharePrice);
                }
                else
                {
                    _revoked.Add(row.ContributionId);
                }
            }
        }
    }

    /// <summary>The stock as the ledger says: the rewards declared at creation, their committed units from the book.</summary>
    private RewardStock RestoreRewards()
    {
        var stock = new RewardStock(S.Rewards);
        foreach (var (rewardId, units) in _book.CommittedRewards)
        {
            stock.Restore(rewardId, units);
        }

        return stock;
    }

    private CampaignReward RewardView(Reward r) =>
        new(r.Id, r.Title, new Money(r.MinAmount, S.Currency), r.Stock, _rewards.Availability(r.Id).Remaining);

    /// <summary>After each settled row: snapshot now and then, and finish the campaign if its time is up.</summary>
    private void AfterSettled()
    {
        _settledSinceSnapshot++;
        var now = time.GetUtcNow();
        var ended = S.Status == CampaignStatus.Live && now >= S.EndsAt && _book.InFlight == 0;
        if (ended || _settledSinceSnapshot >= SnapshotEvery || now - _lastSnapshot >= SnapshotAfter)
        {
            _ = SnapshotAndAdvanceAsync();
        }
    }

    private async Task SnapshotAndAdvanceAsync()
    {
        try
        {
            await SnapshotAsync();
            await AdvanceClockAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Snapshot of campaign {Campaign} failed; the ledger still has every row", S.Id);
        }
    }

    private async Task SnapshotAsync()
    {
        _settledSinceSnapshot = 0;
        _lastSnapshot = time.GetUtcNow();
        S.Snapshot = _book.Snapshot();
        await _writer.WriteAsync();
        await PublishListingAsync();
    }

    /// <summary>Moves the campaign along its dates: approved → live at the start, live → ended at the end.</summary>
    private async Task AdvanceClockAsync()
    {
        var now = time.GetUtcNow();
        if (S.Status == CampaignStatus.Approved && now >= S.StartsAt && now < S.EndsAt)
        {
            await TransitionAsync(CampaignStatus.Live, "system", "start date reached");
        }

        if (S.Status is CampaignStatus.Approved or CampaignStatus.Live && now >= S.EndsAt)
        {
            if (_book.InFlight > 0)
            {
                return; // the last settled reservation calls back here
            }

            S.Snapshot = _book.Snapshot();
            var outcome = CampaignRules.Outcome(S.Rule, S.Goal, _book.Raised);
            await TransitionAsync(outcome, "system", "end date reached");
            if (outcome == CampaignStatus.Failed)
            {
                await ReturnMatchesAsync();
            }
        }

        await ScheduleClockAsync(now);
    }

    private GrainClock Clock => _clockInstance ??= new GrainClock(this, EndReminder, AdvanceClockAsync);

    private Task ScheduleClockAsync(DateTimeOffset now) => Clock.ScheduleAsync(S.Status switch
    {
        CampaignStatus.Approved => S.StartsAt,
        CampaignStatus.Live => S.EndsAt,
        _ => null,
    }, now);

    /// <summary>A moderation step: the lifecycle decides (who may, from which status), the grain records it.</summary>
    private async Task<CampaignSummary> MoveAsync(Actor actor, Func<CampaignLifecycle.Subject, DateTimeOffset, CampaignTransition> decide)
    {
        EnsureExists(actor);
        var transition = decide(new CampaignLifecycle.Subject(S.Tenant, S.OwnerId, S.Status), time.GetUtcNow());
        await ApplyAsync(transition);
        await AdvanceClockAsync();
        return Summary();
    }

    private Task TransitionAsync(CampaignStatus to, string by, string? reason) =>
        ApplyAsync(new CampaignTransition(S.Status, to, by, time.GetUtcNow(), reason));

    private async Task ApplyAsync(CampaignTransition transition)
    {
        var from = S.Status;
        S.Status = transition.To;
        S.History.Add(transition);
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            S.Status = from;
            S.History.RemoveAt(S.History.Count - 1);
            throw;
        }

        await PublishListingAsync();
    }

    private Task PublishListingAsync() =>
        GrainFactory.GetGrain<ITenantGrain>(S.Tenant).UpsertListingAsync(new CatalogListing(
            CatalogKind.Campaign, S.Id, S.CreatedAt, IsPublic, Summary(), Vote: null));

    private void EnsureExists(Actor actor)
    {
        if (!state.RecordExists || !CanSee(actor))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such campaign.");
        }
    }

    private bool CanSee(Actor? viewer)
    {
        if (viewer is not null && viewer.Tenant != S.Tenant && viewer.Role != Role.Operator)
        {
            return false;
        }

        return IsPublic || viewer is not null && (viewer.UserId == S.OwnerId || viewer.IsAtLeast(Role.Moderator));
    }

    private bool IsPublic => S.Status is not (CampaignStatus.Draft or CampaignStatus.Submitted
        or CampaignStatus.ChangesRequested or CampaignStatus.Rejected);

    private CampaignSummary Summary()
    {
        var status = CampaignRules.StatusAt(S, time.GetUtcNow());
        if (status is CampaignStatus.Succeeded or CampaignStatus.Failed && S.Status is CampaignStatus.Live)
        {
            // Ended by the clock but not yet settled (reservations in flight): report the live outcome.
            status = CampaignRules.Outcome(S.Rule, S.Goal, _book.Raised);
        }

        return new CampaignSummary(
            S.Id, S.Title, S.Description, status, S.Mode, S.Rule,
            new Money(S.Goal, S.Currency), new Money(_book.Raised, S.Currency),
            _book.Backers, _book.Contributions, S.StartsAt, S.EndsAt,
            S.MinContribution, S.MaxContribution, S.OwnerId, S.CreatedAt,
            S.Category, [.. S.Rewards.Select(RewardView)], S.Loan, S.Equity, _shares?.Remaining, S.Matchfunding, S.MatchCall);
    }
}
