using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Payments;
using Civic.Grains.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The only writer of a campaign's totals. Every pledge goes validate → reserve → commit → apply →
/// answer; only <see cref="PledgeAsync"/> may interleave, and only at its ledger await.
/// </summary>
/// <remarks>
/// Invariant kept at every await: the book's committed totals equal the confirmed ledger rows of
/// this campaign, and every reservation is either waiting on its ledger write, held by a PENDING
/// payment, or released.
/// Payments: the row is written PENDING before the provider is asked, so no charge exists without its
/// row; the provider's answer (or, later, its webhook) moves it to CONFIRMED (it counts) or FAILED (what
/// it held is released). A provider that times out or errs leaves it PENDING: a retry with the same
/// idempotency key asks the provider again under the same payment key, which answers its first outcome.
/// Once the campaign has ended: an all-or-nothing failure refunds every confirmed contribution through
/// the provider (then REFUNDED); a success is paid out to the owner (then PAID_OUT).
/// </remarks>
[MayInterleave(nameof(CanInterleave))]
public sealed class CampaignGrain(
    [PersistentState("campaign", "civic")] IPersistentState<CampaignState> state,
    LedgerWriter ledger,
    LedgerStore store,
    IEnumerable<IPaymentProvider> providers,
    IOptions<PaymentOptions> paymentOptions,
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
    private readonly PaymentOptions _payments = paymentOptions.Value;
    private IPaymentProvider? _provider;

    /// <summary>One conversation with the provider or the ledger about a contribution's payment at a time.</summary>
    private readonly Dictionary<string, Task<PledgeReceipt>> _settling = new(StringComparer.Ordinal);

    /// <summary>The refund or payout pass of an ended campaign, when one is running.</summary>
    private Task? _settlement;

    /// <summary>Refunds written to the ledger but not yet applied to the book (no snapshot is taken meanwhile).</summary>
    private int _refundsInFlight;

    /// <summary>When the ended campaign's refunds or payout should be looked at again; null when nothing is left.</summary>
    private DateTimeOffset? _settleAt;

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
        // Rows can be revoked or refunded after a snapshot counted them: equity campaigns (revocations)
        // and ended ones (refunds) replay their whole ledger, so such rows never count.
        var snapshot = ReplaysWholeLedger ? new CampaignTotals() : S.Snapshot;
        var rows = await store.ContributionsAfterAsync(tenant, id, snapshot.Watermark);
        _book = CampaignBook.Restore(snapshot, rows);
        _rewards = RestoreRewards(rows);
        RestoreHolds(rows);
        S.Snapshot = _book.Snapshot();
        _settleAt = time.GetUtcNow();
        await AdvanceClockAsync();
        ScheduleMatchRetry();
        if (S.Status is CampaignStatus.Failed or CampaignStatus.Refunded)
        {
            // The end transition may have been recorded before its matches went back: ask again (idempotent).
            await ReturnMatchesAsync();
        }

        // Likewise the owner's offer cap may not have heard how the offer ended (idempotent).
        await SettleOwnerOfferAsync();
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

        // Only a campaign in a tenant-defined category asks the tenant for its list (another tenant's never count).
        var tenantCategories = command.Category?.Kind == CampaignCategory.TenantDefined
            ? (await GrainFactory.GetGrain<ITenantGrain>(tenant).GetCampaignCategoriesAsync()).Select(c => c.Code).ToList()
            : [];
        var now = time.GetUtcNow();
        command = command.MatchCall is null ? command : command with { Matchfunding = true };
        CampaignRules.ValidateCreate(command, actor, now, tenantCategories);
        var rewards = CampaignRules.NumberRewards(command);

        // The tenant's quotas (the member's open drafts...), then the owner's 5,000,000 EUR per 12 months:
        // reserved before anything is written (refused: nothing is, and what was taken is given back).
        var quotas = GrainFactory.GetGrain<ITenantGrain>(tenant);
        await quotas.ReserveCreationAsync(new Creation(CreationKind.Campaign, id, actor));
        var offers = GrainFactory.GetGrain<IOwnerOffersGrain>(GrainKeys.Compound(tenant, actor.UserId));
        try
        {
            if (command.Mode == FinancingMode.Equity)
            {
                await offers.ReserveAsync(id, command.Equity!.MaxRaise);
            }

            await EnsureMatchCallAsync(command);
        }
        catch
        {
            await quotas.ReleaseCreationAsync(CreationKind.Campaign, id);
            throw;
        }

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
        s.AidToPeopleInDifficulty = command.AidToPeopleInDifficulty;
        s.MatchCall = command.MatchCall;
        _rewards = new RewardStock(rewards);
        RestoreHolds([]);
        s.CreatedAt = now;
        s.Status = CampaignStatus.Draft;
        s.History.Add(new CampaignTransition(CampaignStatus.Draft, CampaignStatus.Draft, actor.UserId, now, "created"));
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            if (command.Mode == FinancingMode.Equity)
            {
                await offers.ReleaseAsync(id);
            }

            await quotas.ReleaseCreationAsync(CreationKind.Campaign, id);
            throw;
        }

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
        var allowed = state.RecordExists && viewer is { IsTenantRole: true } && viewer.Tenant == S.Tenant
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

        if (pledge.Status != PaymentStatus.Confirmed)
        {
            throw new CivicException(ErrorCodes.InvalidTransition, $"A {pledge.Status} investment has nothing to revoke.");
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

            // The money goes back through the provider; until it has, the settlement pass retries it.
            S.OwedRefunds.Add(contributionId);
            await _writer.WriteAsync();
            await RefundOwedAsync();
            await RecomputeOutcomeAfterRevocationAsync();
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

        TextRules.Require("The idempotency key", repayment.Id, TextLimits.IdempotencyKey);
        TextRules.Require("The lender id", lenderId, TextLimits.Id);

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
            if (known.Status == PaymentStatus.Pending)
            {
                // A retry of a contribution whose payment is still open: ask the provider again under the
                // same payment key (it answers its first outcome and takes no money twice).
                EnsureSameRequest(known.Amount, known.RewardId, command);
                return Replay(await ChargeAsync(known.ContributionId, command.PaymentToken), command);
            }

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

        if (outcome == CommitOutcome.Rejected)
        {
            // The database refused this row alone (its batch committed without it): nothing was written.
            _book.Release(reservation);
            ReleaseHolds(pledge);
            throw new CivicException(ErrorCodes.Rejected, "The contribution was refused by the ledger and not recorded.");
        }

        if (outcome == CommitOutcome.Duplicate)
        {
            _book.Release(reservation);
            ReleaseHolds(pledge);
            return await ResolveDuplicateAsync(command);
        }

        // The row is durable and PENDING: the key is known from now on; only the provider's word makes it count.
        _book.Hold(reservation, pledge, command.IdempotencyKey);
        return await ChargeAsync(pledge.ContributionId, command.PaymentToken);
    }

    private IPaymentProvider Provider => _provider ??= providers.FirstOrDefault(p => p.Name == _payments.Provider)
        ?? throw new InvalidOperationException($"No payment provider named '{_payments.Provider}' is registered.");

    /// <summary>Asks the provider to take a PENDING contribution's money (the payment's key is the contribution id).</summary>
    private Task<PledgeReceipt> ChargeAsync(string contributionId, string? paymentToken) =>
        SettleOnceAsync(contributionId, async () =>
        {
            var (memberId, key, pledge) = Find(contributionId);
            if (pledge.Status != PaymentStatus.Pending)
            {
                return Receipt(pledge, replayed: false);
            }

            PaymentResult result;
            try
            {
                result = await AskProviderAsync((provider, ct) => provider.CreatePaymentAsync(
                    new CreatePayment(contributionId, contributionId, new Money(pledge.Amount, S.Currency), $"{S.Title} ({S.Id})", paymentToken), ct));
            }
            catch (Exception ex)
            {
                // Timed out, unreachable or refused: nothing is known, so nothing moves. The contribution
                // stays PENDING; a retry or the provider's webhook settles it.
                logger.LogWarning(ex, "Payment of {Contribution} on {Campaign} has no answer yet", contributionId, S.Id);
                return Receipt(pledge, replayed: false);
            }

            return await ApplyPaymentAsync(memberId, key, pledge, result.Status, result.ProviderReference, result.Method, result.FailureReason);
        });

    /// <summary>
    /// One call to the provider within <see cref="PaymentOptions.ProviderTimeout"/>: the token asks a
    /// cooperative provider to stop, and the wait gives up on one that does not.
    /// </summary>
    private async Task<PaymentResult> AskProviderAsync(Func<IPaymentProvider, CancellationToken, Task<PaymentResult>> call)
    {
        using var timeout = new CancellationTokenSource(_payments.ProviderTimeout, time);
        return await call(Provider, timeout.Token).WaitAsync(_payments.ProviderTimeout, time);
    }

    /// <summary>Runs one settlement of a contribution at a time; a second caller waits for the first, then runs.</summary>
    private async Task<PledgeReceipt> SettleOnceAsync(string contributionId, Func<Task<PledgeReceipt>> settle)
    {
        while (_settling.TryGetValue(contributionId, out var running))
        {
            await Task.WhenAny(running);
        }

        var task = settle();
        _settling[contributionId] = task;
        try
        {
            return await task;
        }
        finally
        {
            _settling.Remove(contributionId);
        }
    }

    private (string MemberId, string Key, CampaignBook.KnownPledge Pledge) Find(string contributionId) =>
        _book.TryFindContribution(contributionId, out var memberId, out var key, out var pledge)
            ? (memberId, key, pledge)
            : throw new CivicException(ErrorCodes.NotFound, "No such contribution on this campaign.");

    /// <summary>
    /// A PENDING contribution's payment got an answer. The ledger moves first; only then the book: CONFIRMED
    /// counts (and is matched), FAILED releases what it held, PENDING only records the provider's reference.
    /// If the ledger cannot be written the contribution stays PENDING.
    /// </summary>
    private async Task<PledgeReceipt> ApplyPaymentAsync(
        string memberId, string key, CampaignBook.KnownPledge pledge, PaymentStatus status, string? reference, string? method, string? failure)
    {
        var reservation = _book.HeldReservation(pledge.Seq)
            ?? throw new InvalidOperationException($"Contribution {pledge.ContributionId} holds no reservation.");
        var known = pledge with { Reference = reference ?? pledge.Reference, Method = method ?? pledge.Method };
        switch (status)
        {
            case PaymentStatus.Pending:
                if (known.Reference != pledge.Reference && await TryWritePaymentAsync(known, PaymentStatus.Pending, null))
                {
                    _book.Hold(reservation, known, key);
                }

                return Receipt(known, replayed: false);

            case PaymentStatus.Failed:
                if (!await TryWritePaymentAsync(known, PaymentStatus.Failed, failure))
                {
                    return Receipt(pledge, replayed: false);
                }

                _book.Fail(reservation, key, failure);
                ReleaseHolds(known);
                AfterSettled();
                return Receipt(Find(pledge.ContributionId).Pledge, replayed: false);

            case PaymentStatus.Confirmed:
                if (!await TryWritePaymentAsync(known, PaymentStatus.Confirmed, null))
                {
                    return Receipt(pledge, replayed: false);
                }

                if (known.RewardId is not null)
                {
                    _rewards.Commit(known.ContributionId);
                }

                _loans?.Commit(known.ContributionId);
                _shares?.Commit(known.ContributionId);
                _book.Commit(reservation, known, key);
                AfterSettled();
                if (IsSettledForGood)
                {
                    // Confirmed after the campaign was refunded or paid out: the money goes straight back.
                    S.OwedRefunds.Add(known.ContributionId);
                    await _writer.WriteAsync();
                    await RefundOwedAsync();
                    return Receipt(Find(known.ContributionId).Pledge, replayed: false);
                }

                var receipt = Receipt(Find(known.ContributionId).Pledge, replayed: false);
                return S.Matchfunding ? receipt with { Matched = await MatchAsync(memberId, known) } : receipt;

            default:
                logger.LogWarning("Provider reported {Status} for pending contribution {Contribution}", status, pledge.ContributionId);
                return Receipt(pledge, replayed: false);
        }
    }

    /// <summary>Writes a payment move through the group commit; false (nothing changed) if the ledger could not take it.</summary>
    private async Task<bool> TryWritePaymentAsync(CampaignBook.KnownPledge pledge, PaymentStatus status, string? failure, string? refundReference = null)
    {
        try
        {
            var outcome = await ledger.AppendAsync(new PaymentEntry(
                S.Tenant, pledge.ContributionId, status, Provider.Name, pledge.Reference, pledge.Method, failure, time.GetUtcNow(), refundReference));
            if (outcome == CommitOutcome.Committed)
            {
                return true;
            }

            if (outcome == CommitOutcome.Rejected)
            {
                // The database refused this move alone (e.g. a reference it cannot store): the row keeps its status.
                logger.LogError("The ledger rejected moving contribution {Contribution} to {Status}", pledge.ContributionId, status);
                return false;
            }

            // The row is not where this activation thinks it is (a twin activation moved it): rebuild from the ledger.
            logger.LogError("The ledger refused moving contribution {Contribution} to {Status}", pledge.ContributionId, status);
            this.DeactivateOnIdle();
            return false;
        }
        catch (LedgerUnavailableException ex)
        {
            logger.LogWarning(ex, "Payment status {Status} of {Contribution} not recorded yet", status, pledge.ContributionId);
            return false;
        }
    }

    public async Task<PaymentStatus> SettlePaymentAsync(PaymentNotice notice)
    {
        if (!state.RecordExists || !_book.TryFindContribution(notice.ContributionId, out _, out _, out _))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such contribution.");
        }

        if (notice.Provider != Provider.Name)
        {
            throw new CivicException(ErrorCodes.Validation, $"This contribution is not paid through '{notice.Provider}'.");
        }

        var receipt = await SettleOnceAsync(notice.ContributionId, async () =>
        {
            var (memberId, key, pledge) = Find(notice.ContributionId);
            if (pledge.Status == notice.Status)
            {
                return Receipt(pledge, replayed: true);
            }

            // PENDING → CONFIRMED | FAILED, CONFIRMED → REFUNDED; anything else is INVALID_TRANSITION.
            PaymentTransitions.Apply(pledge.Status, notice.Status);
            if (notice.Status != PaymentStatus.Refunded)
            {
                // The reference a provider call answered stays: an event only names the payment, it does not rename it.
                return await ApplyPaymentAsync(memberId, key, pledge, notice.Status, reference: null, null, notice.FailureReason);
            }

            return await RecordRefundAsync(memberId, key, pledge, notice.Reference)
                ? Receipt(Find(pledge.ContributionId).Pledge, replayed: false)
                : Receipt(pledge, replayed: false);
        });

        if (receipt.Status == PaymentStatus.Pending && notice.Status != PaymentStatus.Pending
            || notice.Status == PaymentStatus.Refunded && receipt.Status != PaymentStatus.Refunded)
        {
            // The ledger could not take the move: nothing changed; the provider's resend will apply it.
            throw new CivicException(ErrorCodes.Unavailable, "The payment could not be recorded yet; send the event again.");
        }

        await PublishListingAsync();
        return receipt.Status;
    }

    /// <summary>
    /// A confirmed contribution's money went back: the ledger first, then the book. While the campaign still
    /// reads a snapshot on activation, the snapshot is dropped first so the next activation replays everything.
    /// </summary>
    private async Task<bool> RecordRefundAsync(string memberId, string key, CampaignBook.KnownPledge pledge, string? refundReference)
    {
        if (!ReplaysWholeLedger && S.Snapshot.Watermark > 0)
        {
            S.Snapshot = new CampaignTotals();
            await _writer.WriteAsync();
        }

        _refundsInFlight++;
        try
        {
            if (!await TryWritePaymentAsync(pledge, PaymentStatus.Refunded, null, refundReference))
            {
                return false;
            }

            _book.Refund(memberId, key, refundReference);
        }
        finally
        {
            _refundsInFlight--;
        }

        if (S.OwedRefunds.Remove(pledge.ContributionId))
        {
            await _writer.WriteAsync();
        }

        return true;
    }

    /// <summary>Refunds one confirmed contribution through the provider (key "rf_" + contribution id); false if it did not happen.</summary>
    private async Task<bool> RefundAsync(string memberId, string key, CampaignBook.KnownPledge pledge)
    {
        try
        {
            var result = await AskProviderAsync((provider, ct) => provider.RefundAsync(
                new RefundPayment("rf_" + pledge.ContributionId, pledge.Reference ?? pledge.ContributionId, new Money(pledge.Amount, S.Currency)), ct));
            if (result.Status != PaymentStatus.Refunded)
            {
                logger.LogWarning("Refund of {Contribution} refused by the provider: {Reason}", pledge.ContributionId, result.FailureReason);
                return false;
            }

            return await RecordRefundAsync(memberId, key, pledge, result.ProviderReference);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Refund of {Contribution} on {Campaign} not done yet; retried later", pledge.ContributionId, S.Id);
            return false;
        }
    }

    /// <summary>Refunds the contributions owed back one by one (revocations, late confirmations); true when none is left.</summary>
    private async Task<bool> RefundOwedAsync()
    {
        foreach (var contributionId in S.OwedRefunds.ToList())
        {
            if (!_book.TryFindContribution(contributionId, out var memberId, out var key, out var pledge) || pledge.Status != PaymentStatus.Confirmed)
            {
                S.OwedRefunds.Remove(contributionId);
                continue;
            }

            await RefundAsync(memberId, key, pledge);
        }

        return S.OwedRefunds.Count == 0;
    }

    /// <summary>Refunds every confirmed contribution of a failed campaign, a few at a time; true when none is left.</summary>
    private async Task<bool> RefundEveryoneAsync()
    {
        const int AtOnce = 64;
        var confirmed = _book.All.Where(c => c.Pledge.Status == PaymentStatus.Confirmed).ToList();
        var refunded = 0;
        foreach (var chunk in confirmed.Chunk(AtOnce))
        {
            var results = await Task.WhenAll(chunk.Select(c => RefundAsync(c.Member, c.Key, c.Pledge)));
            refunded += results.Count(ok => ok);
        }

        return refunded == confirmed.Count;
    }

    /// <summary>
    /// Pays a succeeded campaign's confirmed money to its owner. The amount is fixed (and persisted) before
    /// the provider is asked, so a retry asks for the same payout under the same key.
    /// </summary>
    private async Task<bool> PayOutAsync()
    {
        if (S.PayoutAmount is null)
        {
            S.PayoutAmount = _book.Raised;
            await _writer.WriteAsync();
        }

        var amount = S.PayoutAmount.Value;
        string? reference = null;
        try
        {
            if (amount > 0)
            {
                var result = await AskProviderAsync((provider, ct) =>
                    provider.PayoutAsync(new CreatePayout("po_" + S.Id, S.Id, S.OwnerId, new Money(amount, S.Currency)), ct));
                if (result.Status != PaymentStatus.Confirmed)
                {
                    logger.LogWarning("Payout of {Campaign} refused by the provider: {Reason}", S.Id, result.FailureReason);
                    return false;
                }

                reference = result.ProviderReference;
            }

            await store.InsertPayoutAsync(S.Tenant, S.Id, amount, S.Currency, S.OwnerId, Provider.Name, reference, time.GetUtcNow());
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Payout of {Campaign} not done yet; retried later", S.Id);
            return false;
        }

        S.PayoutReference = reference;
        await TransitionAsync(CampaignStatus.PaidOut, "system",
            $"paid out {Currencies.Format(amount, S.Currency)} to the owner" + (reference is null ? "" : $" ({reference})"));
        return true;
    }

    /// <summary>
    /// After the end: a failed campaign refunds everyone, then is REFUNDED; a succeeded one is paid out once
    /// no payment is pending (or the grace period is over) and, for equity, every reflection period has
    /// ended. Anything the provider did not take is tried again after <see cref="PaymentOptions.RetryEvery"/>.
    /// </summary>
    private async Task SettleEndedAsync(DateTimeOffset now)
    {
        if (_settlement is { IsCompleted: false })
        {
            await _settlement;
            return;
        }

        _settlement = SettleEndedCoreAsync(now);
        await _settlement;
    }

    private async Task SettleEndedCoreAsync(DateTimeOffset now)
    {
        _settleAt = null;
        var owedDone = await RefundOwedAsync();
        switch (S.Status)
        {
            case CampaignStatus.Failed or CampaignStatus.Refunded:
                if (!await RefundEveryoneAsync())
                {
                    _settleAt = now + _payments.RetryEvery;
                }
                else if (S.Status == CampaignStatus.Failed && _book.All.Any(c => c.Pledge.Status == PaymentStatus.Refunded))
                {
                    // A failed campaign that never took any money stays FAILED: there was nothing to refund.
                    await TransitionAsync(CampaignStatus.Refunded, "system", "every confirmed contribution was refunded");
                }

                break;

            case CampaignStatus.Succeeded:
                var due = PayoutDue();
                if (now < due)
                {
                    _settleAt = due;
                }
                else if (!await PayOutAsync())
                {
                    _settleAt = now + _payments.RetryEvery;
                }

                break;
        }

        if (!owedDone)
        {
            _settleAt = now + _payments.RetryEvery;
        }
    }

    /// <summary>
    /// When a succeeded campaign may be paid out: at once if no payment is pending, else once the grace
    /// period after the end is over; equity waits for the last reflection period to end.
    /// </summary>
    private DateTimeOffset PayoutDue()
    {
        var due = _book.InFlight > 0 ? S.EndsAt + _payments.SettlementGrace : S.EndsAt;
        if (S.Mode == FinancingMode.Equity)
        {
            foreach (var (_, _, pledge) in _book.All)
            {
                if (pledge.Status == PaymentStatus.Confirmed && !pledge.Revoked)
                {
                    var deadline = EquityRules.RevocationDeadline(pledge.At, ReflectionZone);
                    due = deadline > due ? deadline : due;
                }
            }
        }

        return due;
    }

    /// <summary>
    /// A revocation after the end, before the payout, may bring the raise below the minimum: the outcome is
    /// decided again, and a campaign that no longer reaches it fails (and refunds everyone).
    /// </summary>
    private async Task RecomputeOutcomeAfterRevocationAsync()
    {
        if (S.Status != CampaignStatus.Succeeded || S.PayoutAmount is not null
            || CampaignRules.Outcome(S.Rule, S.Goal, _book.Raised) != CampaignStatus.Failed)
        {
            return;
        }

        await TransitionAsync(CampaignStatus.Failed, "system", "a revocation in the reflection period brought the raise below its minimum");
        await ReturnMatchesAsync();
        await SettleEndedAsync(time.GetUtcNow());
        await ScheduleClockAsync(time.GetUtcNow());
    }

    /// <summary>Refunded or paid out (or being paid out): money confirmed from now on goes back to its backer.</summary>
    private bool IsSettledForGood => S.Status is CampaignStatus.Failed or CampaignStatus.Refunded || S.PayoutAmount is not null;

    /// <summary>Equity (revocations) and ended campaigns (refunds) rebuild from the whole ledger, not from a snapshot.</summary>
    private bool ReplaysWholeLedger => S.Mode == FinancingMode.Equity
        || S.Status is CampaignStatus.Succeeded or CampaignStatus.Failed or CampaignStatus.PaidOut or CampaignStatus.Refunded;

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
            if (S.Status is CampaignStatus.Failed or CampaignStatus.Refunded)
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
            existing.ContributionId, existing.Amount, existing.CreatedAt, existing.Seq, existing.RewardId, existing.Payment, existing.PaymentReference);
        return Replay(Receipt(known, replayed: true), command);
    }

    private PledgeReceipt Replay(PledgeReceipt first, Pledge command)
    {
        EnsureSameRequest(first.Amount.Amount, first.Reward?.Id, command);
        return first with { Replayed = true, Raised = new Money(_book.Raised, S.Currency) };
    }

    private static void EnsureSameRequest(long amount, string? rewardId, Pledge command)
    {
        if (amount != command.Amount)
        {
            throw new CivicException(ErrorCodes.IdempotencyKeyReused,
                "This idempotency key was already used with a different amount.");
        }

        if (rewardId != command.RewardId)
        {
            throw new CivicException(ErrorCodes.IdempotencyKeyReused,
                "This idempotency key was already used with a different reward.");
        }
    }

    private PledgeReceipt Receipt(CampaignBook.KnownPledge pledge, bool replayed) => new(
        pledge.ContributionId,
        new Money(pledge.Amount, S.Currency),
        new Money(_book.Raised, S.Currency),
        pledge.At,
        replayed,
        pledge.RewardId is null ? null : RewardView(S.Rewards.First(r => r.Id == pledge.RewardId)),
        Status: pledge.Status,
        FailureReason: pledge.FailureReason);

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

            foreach (var row in rows.Where(r => r.Payment == PaymentStatus.Pending))
            {
                _loans.Reserve(row.ContributionId, row.MemberId, row.Amount);
            }
        }

        if (S.Equity is { } offer)
        {
            _shares = new ShareBook(offer);
            foreach (var row in rows)
            {
                if (row.RevokedAt is not null)
                {
                    _revoked.Add(row.ContributionId);
                }
                else if (row.Payment == PaymentStatus.Confirmed)
                {
                    _shares.Restore(row.ContributionId, row.MemberId, row.Amount / offer.SharePrice);
                }
                else if (row.Payment == PaymentStatus.Pending)
                {
                    _shares.Reserve(row.ContributionId, row.MemberId, row.Amount / offer.SharePrice);
                }
            }
        }
    }

    /// <summary>The stock as the ledger says: the rewards declared at creation, their committed units from the book, units held by pending payments.</summary>
    private RewardStock RestoreRewards(IEnumerable<ContributionEntry> rows)
    {
        var stock = new RewardStock(S.Rewards);
        foreach (var (rewardId, units) in _book.CommittedRewards)
        {
            stock.Restore(rewardId, units);
        }

        foreach (var row in rows.Where(r => r.Payment == PaymentStatus.Pending && r.RewardId is not null))
        {
            stock.Reserve(row.ContributionId, row.RewardId!, row.Amount);
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
        var ended = S.Status == CampaignStatus.Live && now >= S.EndsAt && !ContributionsInFlight;
        var payable = S.Status == CampaignStatus.Succeeded && S.PayoutAmount is null && _book.InFlight == 0;
        if (payable)
        {
            _settleAt = now; // the last pending payment settled: the payout need not wait for the grace period
        }

        if (ended || payable || _settledSinceSnapshot >= SnapshotEvery || now - _lastSnapshot >= SnapshotAfter)
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
        if (_refundsInFlight > 0 && !ReplaysWholeLedger)
        {
            return; // a refund is between the ledger and the book: a snapshot now could still count it
        }

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
            if (ContributionsInFlight)
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

            _settleAt = now;
        }

        if (_settleAt is { } settleAt && now >= settleAt)
        {
            await SettleEndedAsync(now);
        }

        await ScheduleClockAsync(now);
    }

    /// <summary>
    /// A contribution is between its validation and the provider's first answer (its ledger write or its
    /// payment call is in flight). Payments left PENDING for a webhook do not hold the end back.
    /// </summary>
    private bool ContributionsInFlight => _pending.Count > 0 || _settling.Count > 0;

    private GrainClock Clock => _clockInstance ??= new GrainClock(this, EndReminder, AdvanceClockAsync);

    private Task ScheduleClockAsync(DateTimeOffset now) => Clock.ScheduleAsync(S.Status switch
    {
        CampaignStatus.Approved => S.StartsAt,
        CampaignStatus.Live => S.EndsAt,
        _ => _settleAt,
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
        await SettleOwnerOfferAsync();
    }

    /// <summary>
    /// Tells the owner's offer cap how an equity offer ended: rejected or failed, it no longer counts;
    /// succeeded, it counts what it raised. Idempotent; a failure is retried on the next activation.
    /// </summary>
    private async Task SettleOwnerOfferAsync()
    {
        if (S.Equity is null || S.Status is not (CampaignStatus.Rejected or CampaignStatus.Failed or CampaignStatus.Refunded
            or CampaignStatus.Succeeded or CampaignStatus.PaidOut))
        {
            return;
        }

        try
        {
            var offers = GrainFactory.GetGrain<IOwnerOffersGrain>(GrainKeys.Compound(S.Tenant, S.OwnerId));
            await (S.Status is CampaignStatus.Succeeded or CampaignStatus.PaidOut
                ? offers.CloseAsync(S.Id, _book.Raised)
                : offers.ReleaseAsync(S.Id));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The owner's offer cap did not hear how equity campaign {Campaign} ended; retried on next activation", S.Id);
        }
    }

    /// <summary>The catalog holds what lists show: the description as a short excerpt, the full text stays here.</summary>
    private Task PublishListingAsync() =>
        GrainFactory.GetGrain<ITenantGrain>(S.Tenant).UpsertListingAsync(new CatalogListing(
            CatalogKind.Campaign, S.Id, S.CreatedAt, IsPublic, Summary() with { Description = CatalogExcerpt.Of(S.Description) }, Vote: null));

    private void EnsureExists(Actor actor)
    {
        if (!state.RecordExists || !CanSee(actor))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such campaign.");
        }
    }

    private bool CanSee(Actor? viewer)
    {
        if (viewer is not null && viewer.Tenant != S.Tenant)
        {
            return false;
        }

        return IsPublic || viewer is { IsTenantRole: true } && (viewer.UserId == S.OwnerId || viewer.IsAtLeast(Role.Moderator));
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
            S.Category, [.. S.Rewards.Select(RewardView)], S.Loan, S.Equity, _shares?.Remaining, S.Matchfunding,
            S.AidToPeopleInDifficulty, S.MatchCall);
    }
}
