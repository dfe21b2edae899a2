using Civic.Grains.Faults;
using System.Collections.Immutable;
using Civic.Grains.Campaigns.Financing;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Live;
using Civic.Grains.Payments;
using Civic.Grains.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The only writer of a campaign's totals. It orchestrates: the rules decide (<see cref="CampaignRules"/>,
/// the financing modes), the one state machine moves the status (<see cref="CampaignLifecycle"/>), the one
/// book counts (<see cref="ContributionBook"/>), <see cref="CampaignPayments"/> talks to the provider and the
/// ledger, <see cref="CampaignSettlement"/> plans the refunds and the payout, <see cref="CampaignMatching"/>
/// talks to the pool. A pledge goes validate → reserve (one turn, under an id of a recorded key block) → charge → one
/// ledger commit with the provider's answer → apply → answer.
/// </summary>
[MayInterleave(nameof(CanInterleave))]
public sealed class CampaignGrain(
    [PersistentState("campaign", "civic")] IPersistentState<CampaignState> state,
    LedgerWriter ledger,
    LedgerStore store,
    IEnumerable<IPaymentProvider> providers,
    IOptions<PaymentOptions> paymentOptions,
    DomainClock time,
    ILogger<CampaignGrain> logger) : CivicGrain, ICampaignGrain, IRemindable, IIncomingGrainCallFilter
{
    private const int SnapshotEvery = 500;
    private static readonly TimeSpan SnapshotAfter = TimeSpan.FromSeconds(5);
    private const string EndReminder = "campaign-clock";

    private readonly StateWriter _writer = new(state);
    private readonly PaymentOptions _options = paymentOptions.Value;
    private ContributionBook? _bookInstance;
    private CampaignPayments? _payments;
    private CampaignContributions? _contributions;
    private PaymentKeys? _keys;
    private CampaignMatching? _matching;
    private LoanRepayments? _repayments;
    private GrainClock? _clock;
    private long _settledSinceSnapshot;
    private DateTimeOffset _lastSnapshot;
    private CampaignSettler? _settler;

    private CampaignState S => state.State;

    private LivePublisher<CampaignSummary>? _live;

    /// <summary>The live figures API nodes watch; published after every call (see <see cref="Invoke"/>).</summary>
    private LivePublisher<CampaignSummary> Live => _live ??= new(
        () => state.RecordExists ? Summary() with { Matched = Matching.LiveMatched is { } m ? new Money(m, S.Currency) : null } : null,
        CampaignLive.Same,
        (observer, summary) => observer.CampaignUpdatedAsync(S.Tenant, summary),
        (flush, due) => this.RegisterGrainTimer(flush, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)),
        time.GetUtcNow);

    private ContributionBook Book => _bookInstance ??= ContributionBook.Empty(S);

    private CampaignPayments Payments => _payments ??= new CampaignPayments(
        new PaymentHost(() => S, () => Book, _writer, AfterSettled, (backer, pledge) => Matching.MatchAsync(backer, pledge),
            () => CampaignRules.IsSettledForGood(S), () => CampaignRules.ReplaysWholeLedger(S), this.DeactivateOnIdle),
        ledger, store, providers, _options, time, logger);

    private CampaignContributions Contributions => _contributions ??= new CampaignContributions(
        () => S, () => Book, Payments, Keys, ledger, store, time, logger, this.DeactivateOnIdle, CloseIfDue);

    private PaymentKeys Keys => _keys ??= new PaymentKeys(() => S, store, _options, time);

    private CampaignSettler Settler => _settler ??= new CampaignSettler(
        () => S, () => Book, Payments, _writer, _options, time, logger, ApplyAsync);

    private CampaignMatching Matching => _matching ??= new CampaignMatching(this, GrainFactory, () => S, _writer, logger);

    private LoanRepayments Repayments => _repayments ??= new LoanRepayments(store, () => S);

    /// <summary>
    /// Pledges and investments interleave with every request, at any of their awaits (the ledger commit, the
    /// provider for up to 10 s, the pool for 5 s) and at any await of the request they join (a state write,
    /// the provider during a refund pass or the payout, a revocation's ledger write). What holds at each:
    /// (1) a contribution is validated and reserved in one turn against every hold of the one book, so caps,
    /// reward stock and shares never oversell; (2) each money move of a contribution is the ledger first,
    /// then the book in the turn of the ledger's answer, inside that contribution's one conversation
    /// (<see cref="CampaignPayments"/>), so no two flows move the same contribution; (3) each status move is
    /// computed by the lifecycle from <see cref="CampaignState.Status"/> and set in the same turn, so no move
    /// is made twice, and past the end no new contribution is taken; (4) one settlement pass at a time, and
    /// money confirmed once the campaign is refunded or its payout fixed is owed back by the flow that
    /// confirmed it. So the book's committed totals equal the confirmed, unrevoked ledger rows at every await.
    /// </summary>
    public static bool CanInterleave(IInvokable request) =>
        request.GetMethodName() is nameof(PledgeAsync) or nameof(InvestAsync);

    protected override async Task ActivateAsync(CancellationToken cancellationToken)
    {
        _lastSnapshot = time.GetUtcNow();
        if (!state.RecordExists)
        {
            return;
        }

        var (tenant, id) = GrainKeys.Split(this.GetPrimaryKeyString());
        // Rows can be revoked or refunded after a snapshot counted them: equity campaigns (revocations)
        // and ended ones (refunds) replay their whole ledger, so such rows never count.
        var snapshot = CampaignRules.ReplaysWholeLedger(S) ? new CampaignTotals() : S.Snapshot;
        var rows = await store.ContributionsAfterAsync(tenant, id, snapshot.Watermark);
        var backers = snapshot.Watermark > 0 ? await store.BackersUpToAsync(tenant, id, snapshot.Watermark) : [];
        _bookInstance = ContributionBook.Restore(S, snapshot, backers, rows);
        S.Snapshot = Book.Snapshot();
        // Written at once, so the state's ETag moves: an older activation still running somewhere (its silo stopped past
        // the membership timeout and woke) can no longer store a snapshot, or its catalog figures, over this one's; and
        // should it have stored one since our read, this write fails and the activation starts again from it.
        await _writer.WriteAsync();
        Settler.DueAt = time.GetUtcNow();
        await AdvanceClockAsync();
        Matching.ScheduleRetry();
        if (S.Status is CampaignStatus.Failed or CampaignStatus.Refunded)
        {
            // The end may have been recorded before its matches went back: ask again (idempotent).
            await Matching.ReturnAsync();
        }

        // Likewise the owner's offer cap may not have heard how the offer ended (idempotent).
        await CampaignCreation.SettleOfferAsync(GrainFactory, S, Book.Raised, logger);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await (_keys?.CloseAsync() ?? Task.CompletedTask);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            // Only an optimisation: the sweeper then looks at every id of the block.
            logger.LogInformation(ex, "Key block of campaign {Campaign} not closed", S.Id);
        }

        if (state.RecordExists && _settledSinceSnapshot > 0)
        {
            S.Snapshot = Book.Snapshot();
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

        // Only a campaign in a tenant-defined category asks the tenant for its list (another tenant's never count).
        var tenantCategories = command.Category?.Kind == CampaignCategory.TenantDefined
            ? (await GrainFactory.GetGrain<ITenantGrain>(tenant).GetCampaignCategoriesAsync()).Select(c => c.Code).ToList()
            : [];
        var now = time.GetUtcNow();
        command = CampaignRules.WithDefaults(command);
        CampaignRules.ValidateCreate(command, actor, now, tenantCategories);
        var rewards = CampaignRules.NumberRewards(command);

        await CampaignCreation.ReserveAsync(GrainFactory, tenant, id, actor, command);
        CampaignRules.Apply(S, command, tenant, id, actor, rewards, now);
        _bookInstance = ContributionBook.Empty(S);
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            await CampaignCreation.ReleaseAsync(GrainFactory, tenant, id, actor, command);
            throw;
        }

        await PublishListingAsync();
        return Summary();
    }

    /// <summary>An admin publishes a draft (DRAFT → APPROVED); the clock opens it at its start, at once if that has passed.</summary>
    public async Task<CampaignSummary> PublishAsync(Actor actor)
    {
        EnsureExists(actor);
        var now = time.GetUtcNow();
        CampaignRules.EnsureCanPublish(S, actor, now);
        if (S.Status == CampaignStatus.Draft)
        {
            await ApplyAsync(CampaignLifecycle.Publish(Subject, actor, now));
        }

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

    public async Task<CampaignSummary> SetAidToPeopleInDifficultyAsync(Actor actor, bool aid)
    {
        EnsureExists(actor);
        var now = time.GetUtcNow();
        CampaignRules.EnsureCanSetAidFlag(S, actor, now);
        if (S.AidToPeopleInDifficulty == aid)
        {
            return Summary();
        }

        S.AidToPeopleInDifficulty = aid;
        try
        {
            // Not a status change: a note in the history, the status stays.
            await ApplyAsync(new CampaignTransition(S.Status, S.Status, actor.UserId, now,
                aid ? "flagged as aid to people in difficulty" : "no longer flagged as aid to people in difficulty"));
        }
        catch
        {
            S.AidToPeopleInDifficulty = !aid;
            throw;
        }

        return Summary();
    }

    public Task<ImmutableArray<CampaignStatusChange>?> GetHistoryAsync(Actor? viewer)
    {
        var allowed = state.RecordExists && CampaignRules.CanSeeHistory(viewer, S.Tenant, S.OwnerId);
        return Task.FromResult<ImmutableArray<CampaignStatusChange>?>(allowed ? CampaignViews.History(S) : null);
    }

    public Task<CampaignSummary?> GetAsync(Actor? viewer) =>
        Task.FromResult(state.RecordExists && CampaignViews.CanSee(S, viewer) ? Summary() : null);

    public Task<PledgeReceipt> PledgeAsync(Pledge command)
    {
        EnsureExists(command.Backer);
        if (S.Mode == FinancingMode.Equity)
        {
            throw new CivicException(ErrorCodes.Validation, "Equity campaigns take investments (invest), not pledges.");
        }

        return Contributions.ContributeAsync(command);
    }

    public Task<PledgeReceipt> InvestAsync(Invest command)
    {
        EnsureExists(command.Investor);
        if (Book.Mode is not EquityMode equity)
        {
            throw new CivicException(ErrorCodes.Validation, "Only equity campaigns take investments.");
        }

        // A key already seen answers with its first outcome, whatever the profile says now.
        var memberId = command.Investor.UserId;
        var seen = Contributions.Seen(memberId, command.IdempotencyKey);
        var profile = new InvestorProfile(memberId, command.Kind, command.PassedKnowledgeTest, command.DeclaredNetWorth);
        var amount = seen
            ? checked(command.Shares * equity.Offer.SharePrice)
            : EquityRules.ValidateInvestment(equity.Offer, profile, command.Shares, command.RiskAcknowledged);
        return Contributions.ContributeAsync(new Pledge(command.Investor, amount, command.IdempotencyKey));
    }

    public async Task<CampaignSummary> RevokeInvestmentAsync(Actor investor, string contributionId)
    {
        EnsureExists(investor);
        if (S.Mode != FinancingMode.Equity)
        {
            throw new CivicException(ErrorCodes.Validation, "Only equity investments can be revoked.");
        }

        var pledge = Book.FindContribution(investor.UserId, contributionId)
            ?? throw new CivicException(ErrorCodes.NotFound, "No such investment of yours.");
        if (pledge.Revoked)
        {
            return Summary(); // already revoked: the same answer, nothing changes
        }

        if (pledge.Status != PaymentStatus.Confirmed)
        {
            throw new CivicException(ErrorCodes.InvalidTransition, $"A {pledge.Status} investment has nothing to revoke.");
        }

        var now = time.GetUtcNow();
        EquityRules.EnsureCanRevoke(pledge.At, CampaignSettlement.ReflectionZone, now);

        // Durable first; the book moves only once the ledger says revoked (the pledges that interleave here
        // cannot touch a confirmed contribution: a retry of its key only replays it).
        if (!await store.RevokeContributionAsync(S.Tenant, S.Id, investor.UserId, contributionId, now))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such investment of yours.");
        }

        if (Book.FindContribution(investor.UserId, contributionId) is { Revoked: false, Status: PaymentStatus.Confirmed } current)
        {
            Book.Revoke(investor.UserId, current);
            S.Snapshot = Book.Snapshot();

            // The money goes back through the provider; until it has, the settlement pass retries it.
            S.OwedRefunds.Add(contributionId);
            await _writer.WriteAsync();
            await Settler.RunAsync(now);
            await PublishListingAsync();
        }

        return Summary();
    }

    public Task<ImmutableArray<LoanInstalment>?> GetLoanScheduleAsync(Actor viewer) =>
        Task.FromResult(state.RecordExists && CampaignViews.CanSee(S, viewer) ? ScheduleOf(viewer.UserId) : null);

    public Task<LoanPosition> RecordLoanRepaymentAsync(Actor admin, string lenderId, LoanRepayment repayment)
    {
        EnsureExists(admin);
        return Repayments.RecordAsync(admin, lenderId, repayment, ScheduleOf, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
    }

    public async Task<LoanPosition?> GetLoanPositionAsync(Actor viewer) =>
        state.RecordExists && CampaignViews.CanSee(S, viewer) && ScheduleOf(viewer.UserId) is { } schedule
            ? await Repayments.PositionAsync(schedule, viewer.UserId, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
            : null;

    /// <summary>The payment sweeper found no row for an id of one of this campaign's key blocks.</summary>
    public Task<bool> ReleaseUnrecordedPaymentAsync(string contributionId) =>
        Payments.ReleaseUnrecordedAsync(contributionId, inFlight: _contributions?.InFlight(contributionId) == true);

    /// <summary>A verified provider event about one of this campaign's contributions.</summary>
    public async Task<PaymentStatus> SettlePaymentAsync(PaymentNotice notice)
    {
        if (!state.RecordExists || !Book.TryFindContribution(notice.ContributionId, out _, out _, out _))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such contribution.");
        }

        if (notice.Provider != Payments.ProviderName)
        {
            throw new CivicException(ErrorCodes.Validation, $"This contribution is not paid through '{notice.Provider}'.");
        }

        var receipt = await Payments.SettleAsync(notice);
        if (receipt.Status == PaymentStatus.Pending && notice.Status != PaymentStatus.Pending
            || notice.Status == PaymentStatus.Refunded && receipt.Status != PaymentStatus.Refunded)
        {
            // The ledger could not take the move: nothing changed; the provider's resend will apply it.
            throw new CivicException(ErrorCodes.Unavailable, "The payment could not be recorded yet; send the event again.");
        }

        CloseIfDue();
        await PublishListingAsync();
        return receipt.Status;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => AdvanceClockAsync();

    /// <summary>When the clock closes the campaign: its end; an equity offer once every reflection period is over.</summary>
    private DateTimeOffset ClosesAt => S.Mode == FinancingMode.Equity ? CampaignSettlement.ClosesAt(S.Mode, S.EndsAt, Settler.Rows()) : S.EndsAt;

    /// <summary>After each settled payment: snapshot now and then, and let the clock and the payout move when due.</summary>
    private void AfterSettled()
    {
        _settledSinceSnapshot++;
        var now = time.GetUtcNow();
        var payable = S.Status == CampaignStatus.Succeeded && S.PayoutAmount is null && Book.InFlight == 0;
        if (payable)
        {
            Settler.DueAt = now; // the last pending payment settled: the payout need not wait for the grace period
        }

        if (payable || _settledSinceSnapshot >= SnapshotEvery || now - _lastSnapshot >= SnapshotAfter)
        {
            _ = SnapshotAndAdvanceAsync();
        }
    }

    /// <summary>Once the last contribution in flight is answered after the close was due, the clock closes (the close waited for it).</summary>
    private void CloseIfDue()
    {
        if (S.Status is CampaignStatus.Approved or CampaignStatus.Live && time.GetUtcNow() >= ClosesAt && !ContributionsInFlight)
        {
            _ = SnapshotAndAdvanceAsync();
        }
    }

    private async Task SnapshotAndAdvanceAsync()
    {
        try
        {
            if (Payments.RefundsInFlight == 0 || CampaignRules.ReplaysWholeLedger(S))
            {
                // (else a refund is between the ledger and the book: a snapshot now could still count it)
                _settledSinceSnapshot = 0;
                _lastSnapshot = time.GetUtcNow();
                S.Snapshot = Book.Snapshot();
                await _writer.WriteAsync();
                await PublishListingAsync();
            }

            await AdvanceClockAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Snapshot of campaign {Campaign} failed; the ledger still has every row", S.Id);
        }
    }

    /// <summary>
    /// The clock: whatever <see cref="CampaignLifecycle.Tick"/> says is due, one move at a time (each computed
    /// from the status it applies to), dated at the instant it was due; then the settlement when it is due.
    /// </summary>
    private async Task AdvanceClockAsync()
    {
        var now = time.GetUtcNow();
        while (CampaignLifecycle.Tick(S.Status, S.StartsAt, ClosesAt, S.Rule, S.Goal, Book.Raised, now, LastMoveAt) is [var move, ..])
        {
            if (move.From == CampaignStatus.Live)
            {
                if (ContributionsInFlight)
                {
                    break; // the last answered contribution calls back (CloseIfDue)
                }

                S.Snapshot = Book.Snapshot();
            }

            await ApplyAsync(move);
            if (move.To == CampaignStatus.Failed)
            {
                await Matching.ReturnAsync();
            }

            if (move.To is CampaignStatus.Succeeded or CampaignStatus.Failed)
            {
                Settler.DueAt = move.At;
            }
        }

        if (Settler.DueAt is { } settleAt && now >= settleAt)
        {
            await Settler.RunAsync(settleAt);
        }

        await Clock.ScheduleAsync(S.Status switch
        {
            CampaignStatus.Approved => S.StartsAt,
            CampaignStatus.Live => ClosesAt,
            _ => Settler.DueAt,
        }, now);
    }

    /// <summary>A contribution is between its validation and the provider's first answer; payments left PENDING for a webhook do not count.</summary>
    private bool ContributionsInFlight => Contributions.Busy || Payments.Busy;

    private GrainClock Clock => _clock ??= new GrainClock(this, EndReminder);

    private CampaignLifecycle.Subject Subject => new(S.Tenant, S.OwnerId, S.Status);

    private DateTimeOffset LastMoveAt => S.History.Count > 0 ? S.History[^1].At : S.CreatedAt;

    /// <summary>A moderation step: the lifecycle decides (who may, from which status), the grain records it.</summary>
    private async Task<CampaignSummary> MoveAsync(Actor actor, Func<CampaignLifecycle.Subject, DateTimeOffset, CampaignTransition> decide)
    {
        EnsureExists(actor);
        await ApplyAsync(decide(Subject, time.GetUtcNow()));
        await AdvanceClockAsync();
        return Summary();
    }

    /// <summary>Records a move the lifecycle answered: the status is set in this turn, before the first await.</summary>
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
            S.History.Remove(transition);
            throw;
        }

        await PublishListingAsync();
        await CampaignCreation.SettleOfferAsync(GrainFactory, S, Book.Raised, logger);
    }

    /// <summary>The catalog holds what lists show: the description as a short excerpt, the full text stays here.</summary>
    private Task PublishListingAsync() =>
        GrainFactory.GetGrain<ITenantGrain>(S.Tenant).UpsertListingAsync(new CatalogListing(
            CatalogKind.Campaign, S.Id, S.CreatedAt, CampaignViews.IsPublic(S), Summary() with { Description = CatalogExcerpt.Of(S.Description) }, Vote: null,
            History: CampaignViews.History(S)));

    private ImmutableArray<LoanInstalment>? ScheduleOf(string lenderId) => LoanRepayments.ScheduleOf(S, Book, Summary().Status, lenderId);

    private void EnsureExists(Actor actor)
    {
        if (!state.RecordExists || !CampaignViews.CanSee(S, actor))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such campaign.");
        }
    }

    public async Task<CampaignSummary?> WatchAsync(ILiveObserver observer)
    {
        if (state.RecordExists)
        {
            await Matching.WatchMatchedAsync();
        }

        return Live.Watch(observer);
    }

    public Task UnwatchAsync(ILiveObserver observer)
    {
        Live.Unwatch(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every call (pledges, settlements, moves, reminders) may change a live figure: the publisher sends it if it did;
    /// a move out of moderation (or into it) is told to the tenant's feed.
    /// </summary>
    public Task Invoke(IIncomingGrainCallContext context) => LivePublisher<CampaignSummary>.AfterEachCallAsync(context, () => _live,
        () => state.RecordExists ? S.Status : (CampaignStatus?)null,
        before => TenantFeed.Publish(GrainFactory, S.Tenant, TenantFeed.OfCampaign(before, S.Status, S.Id, S.Title, time.GetUtcNow())));

    private CampaignSummary Summary() => CampaignViews.Summary(S, Book, time.GetUtcNow());
}
