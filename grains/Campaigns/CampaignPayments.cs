using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Payments;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Campaigns;

/// <summary>What the payments of a campaign need from its grain.</summary>
internal sealed record PaymentHost(
    Func<CampaignState> State,
    Func<ContributionBook> Book,
    StateWriter Writer,
    Action AfterSettled,
    Func<string, CampaignBook.KnownPledge, Task<Money?>> Match,
    Func<bool> SettledForGood,
    Func<bool> ReplaysWholeLedger,
    Action Deactivate);

/// <summary>
/// A campaign's conversations with the payment provider and the ledger about its contributions: the charge,
/// the provider's answer (or webhook), the refund, the payout. Always the ledger first, then the book; one
/// conversation per contribution at a time (<see cref="OnceAsync"/>), so a webhook, a retry, the refund pass
/// and a late confirmation can never move the same contribution twice.
/// </summary>
internal sealed class CampaignPayments(
    PaymentHost host, LedgerWriter ledger, LedgerStore store, IEnumerable<IPaymentProvider> providers,
    PaymentOptions options, TimeProvider time, ILogger logger)
{
    private readonly Dictionary<string, Task<PledgeReceipt>> _settling = new(StringComparer.Ordinal);
    private IPaymentProvider? _provider;

    private CampaignState S => host.State();

    private ContributionBook Book => host.Book();

    /// <summary>A conversation about some contribution's payment is in flight.</summary>
    public bool Busy => _settling.Count > 0;

    /// <summary>Refunds written to the ledger but not yet applied to the book (no snapshot is taken meanwhile).</summary>
    public int RefundsInFlight { get; private set; }

    private IPaymentProvider Provider => _provider ??= providers.FirstOrDefault(p => p.Name == options.Provider)
        ?? throw new InvalidOperationException($"No payment provider named '{options.Provider}' is registered.");

    public string ProviderName => Provider.Name;

    /// <summary>Asks the provider to take a PENDING contribution's money (the payment's key is the contribution id).</summary>
    public Task<PledgeReceipt> ChargeAsync(string contributionId, string? paymentToken) =>
        ThenRefundOwedAsync(contributionId, OnceAsync(contributionId, async () =>
        {
            var (memberId, key, pledge) = Find(contributionId);
            if (pledge.Status != PaymentStatus.Pending)
            {
                return Receipt(pledge);
            }

            PaymentResult result;
            try
            {
                result = await AskAsync((provider, ct) => provider.CreatePaymentAsync(
                    new CreatePayment(contributionId, contributionId, new Money(pledge.Amount, S.Currency), $"{S.Title} ({S.Id})", paymentToken), ct));
            }
            catch (Exception ex)
            {
                // Timed out, unreachable or refused: nothing is known, so nothing moves. The contribution
                // stays PENDING; a retry or the provider's webhook settles it.
                logger.LogWarning(ex, "Payment of {Contribution} on {Campaign} has no answer yet", contributionId, S.Id);
                return Receipt(pledge);
            }

            return await ApplyAnswerAsync(memberId, key, pledge, result.Status, result.ProviderReference, result.Method, result.FailureReason);
        }));

    /// <summary>
    /// Asks the provider to take a new contribution's money before its row exists (its id, the payment's key, is
    /// in a recorded block: <see cref="PaymentKeys"/>). Null when there is no answer (timed out, unreachable,
    /// refused): the row is then written PENDING, and a retry or the sweeper asks again under the same key.
    /// </summary>
    public async Task<PaymentResult?> ChargeNewAsync(string contributionId, long amount, string? paymentToken)
    {
        try
        {
            return await AskAsync((provider, ct) => provider.CreatePaymentAsync(
                new CreatePayment(contributionId, contributionId, new Money(amount, S.Currency), $"{S.Title} ({S.Id})", paymentToken), ct));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Payment of new contribution {Contribution} on {Campaign} has no answer yet", contributionId, S.Id);
            return null;
        }
    }

    /// <summary>
    /// A new contribution's row is durable with its first payment status in it: the book follows in this turn
    /// (CONFIRMED counts and is matched, FAILED releases what it held, PENDING holds it), in the contribution's
    /// one conversation.
    /// </summary>
    public Task<PledgeReceipt> RecordedAsync(
        string memberId, string key, CampaignBook.Reservation reservation, CampaignBook.KnownPledge pledge, PaymentStatus status, string? failure) =>
        ThenRefundOwedAsync(pledge.ContributionId, OnceAsync(pledge.ContributionId, () => status switch
        {
            PaymentStatus.Confirmed => ConfirmedAsync(memberId, key, reservation, pledge),
            PaymentStatus.Failed => Task.FromResult(Failed(key, reservation, pledge, failure)),
            _ => Task.FromResult(Held(key, reservation, pledge)),
        }));

    /// <summary>
    /// A new contribution was charged but its row was certainly not written (refused, a duplicate, the ledger
    /// unreachable): the money goes back at once. Best effort: if the provider does not take the refund now, or
    /// the payment is still open there, the sweeper finds the charge in its block and gives it back later.
    /// </summary>
    public async Task GiveBackUnrecordedAsync(string contributionId, PaymentResult? charge)
    {
        if (charge is not { Status: PaymentStatus.Confirmed })
        {
            return; // nothing taken (failed, no answer) or not yet (pending): the sweeper follows it up
        }

        try
        {
            await RefundUnrecordedAsync(contributionId, charge);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Charge {Contribution} on {Campaign} has no row and is not refunded yet; the sweeper will", contributionId, S.Id);
        }
    }

    /// <summary>
    /// The sweeper found no row for an id of one of this campaign's key blocks. True when no money is held without
    /// a row any more: the id has a row after all, the provider never took money under it, or it has just been
    /// refunded. False while it may still get its row (its pledge is in flight) or the provider has not settled it.
    /// </summary>
    public async Task<bool> ReleaseUnrecordedAsync(string contributionId, bool inFlight)
    {
        if (inFlight || _settling.ContainsKey(contributionId))
        {
            return false;
        }

        if (Book.TryFindContribution(contributionId, out _, out _, out _) || await store.ContributionExistsAsync(contributionId))
        {
            return true;
        }

        PaymentResult? found;
        try
        {
            using var timeout = new CancellationTokenSource(options.ProviderTimeout, time);
            found = await Provider.FindPaymentAsync(contributionId, timeout.Token).WaitAsync(options.ProviderTimeout, time);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Provider has no answer yet about unrecorded charge {Contribution}", contributionId);
            return false;
        }

        switch (found?.Status)
        {
            case null or PaymentStatus.Failed or PaymentStatus.Refunded:
                return true;
            case PaymentStatus.Confirmed:
                try
                {
                    return await RefundUnrecordedAsync(contributionId, found);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Unrecorded charge {Contribution} on {Campaign} not refunded yet", contributionId, S.Id);
                    return false;
                }

            default:
                return false; // still open at the provider: refunded once it settles
        }
    }

    /// <summary>Refunds a charge that has no row, under the key derived from its id (so a repeat refunds nothing twice).</summary>
    private async Task<bool> RefundUnrecordedAsync(string contributionId, PaymentResult charge)
    {
        if (charge.Amount is not { } amount)
        {
            logger.LogError("Charge {Contribution} on {Campaign} has no row and the provider did not say its amount: refund it by hand", contributionId, S.Id);
            return false;
        }

        var result = await AskAsync((provider, ct) => provider.RefundAsync(
            new RefundPayment(IdPrefixes.Derived(IdPrefixes.Refund, contributionId), charge.ProviderReference, amount), ct));
        if (result.Status != PaymentStatus.Refunded)
        {
            logger.LogWarning("Refund of unrecorded charge {Contribution} refused by the provider: {Reason}", contributionId, result.FailureReason);
            return false;
        }

        logger.LogWarning("Charge {Contribution} on {Campaign} had no row: refunded ({Reference})", contributionId, S.Id, result.ProviderReference);
        return true;
    }

    /// <summary>A verified provider event: PENDING → CONFIRMED | FAILED, CONFIRMED → REFUNDED; the same status again changes nothing.</summary>
    public Task<PledgeReceipt> SettleAsync(PaymentNotice notice) =>
        ThenRefundOwedAsync(notice.ContributionId, OnceAsync(notice.ContributionId, async () =>
        {
            var (memberId, key, pledge) = Find(notice.ContributionId);
            if (pledge.Status == notice.Status)
            {
                return Receipt(pledge, replayed: true);
            }

            PaymentTransitions.Apply(pledge.Status, notice.Status);
            if (notice.Status != PaymentStatus.Refunded)
            {
                // The reference a provider call answered stays: an event only names the payment, it does not rename it.
                return await ApplyAnswerAsync(memberId, key, pledge, notice.Status, reference: null, null, notice.FailureReason);
            }

            return await RecordRefundAsync(memberId, key, pledge, notice.Reference) ? Receipt(Find(pledge.ContributionId).Pledge) : Receipt(pledge);
        }));

    /// <summary>A contribution confirmed after the refunds or the payout goes straight back, once its conversation is over.</summary>
    private async Task<PledgeReceipt> ThenRefundOwedAsync(string contributionId, Task<PledgeReceipt> conversation)
    {
        var receipt = await conversation;
        return S.OwedRefunds.Contains(contributionId) && await RefundAsync(contributionId)
            ? Receipt(Find(contributionId).Pledge)
            : receipt;
    }

    /// <summary>Refunds one confirmed contribution through the provider (key derived from the contribution id); false if it did not happen.</summary>
    public async Task<bool> RefundAsync(string contributionId)
    {
        var receipt = await OnceAsync(contributionId, async () =>
        {
            var (memberId, key, pledge) = Find(contributionId);
            if (pledge.Status != PaymentStatus.Confirmed)
            {
                return Receipt(pledge); // refunded meanwhile (a webhook, another pass): nothing to do
            }

            try
            {
                var result = await AskAsync((provider, ct) => provider.RefundAsync(
                    new RefundPayment(IdPrefixes.Derived(IdPrefixes.Refund, pledge.ContributionId), pledge.Reference ?? pledge.ContributionId, new Money(pledge.Amount, S.Currency)), ct));
                if (result.Status != PaymentStatus.Refunded)
                {
                    logger.LogWarning("Refund of {Contribution} refused by the provider: {Reason}", pledge.ContributionId, result.FailureReason);
                    return Receipt(pledge);
                }

                await RecordRefundAsync(memberId, key, pledge, result.ProviderReference);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Refund of {Contribution} on {Campaign} not done yet; retried later", pledge.ContributionId, S.Id);
            }

            return Receipt(Find(contributionId).Pledge);
        });
        return receipt.Status != PaymentStatus.Confirmed;
    }

    /// <summary>Pays <paramref name="amount"/> to the owner (key derived from the campaign id) and records it; the provider's reference, or an exception.</summary>
    public async Task<string?> PayOutAsync(long amount)
    {
        string? reference = null;
        if (amount > 0)
        {
            var result = await AskAsync((provider, ct) =>
                provider.PayoutAsync(new CreatePayout(IdPrefixes.Derived(IdPrefixes.Payout, S.Id), S.Id, S.OwnerId, new Money(amount, S.Currency)), ct));
            if (result.Status != PaymentStatus.Confirmed)
            {
                throw new PaymentProviderException($"Payout refused by the provider: {result.FailureReason}");
            }

            reference = result.ProviderReference;
        }

        await store.InsertPayoutAsync(S.Tenant, S.Id, amount, S.Currency, S.OwnerId, Provider.Name, reference, time.GetUtcNow());
        return reference;
    }

    /// <summary>
    /// A PENDING contribution's payment got an answer. The ledger moves first; only then the book: CONFIRMED
    /// counts (and is matched), FAILED releases what it held, PENDING only records the provider's reference.
    /// If the ledger cannot be written the contribution stays PENDING.
    /// </summary>
    private async Task<PledgeReceipt> ApplyAnswerAsync(
        string memberId, string key, CampaignBook.KnownPledge pledge, PaymentStatus status, string? reference, string? method, string? failure)
    {
        var reservation = Book.HeldReservation(pledge.Seq)
            ?? throw new InvalidOperationException($"Contribution {pledge.ContributionId} holds no reservation.");
        var known = pledge with { Reference = reference ?? pledge.Reference, Method = method ?? pledge.Method };
        switch (status)
        {
            case PaymentStatus.Pending:
                if (known.Reference != pledge.Reference && await TryWriteAsync(known, PaymentStatus.Pending, null))
                {
                    Book.Hold(reservation, known, key);
                }

                return Receipt(known);

            case PaymentStatus.Failed:
                return await TryWriteAsync(known, PaymentStatus.Failed, failure) ? Failed(key, reservation, known, failure) : Receipt(pledge);

            case PaymentStatus.Confirmed:
                return await TryWriteAsync(known, PaymentStatus.Confirmed, null) ? await ConfirmedAsync(memberId, key, reservation, known) : Receipt(pledge);

            default:
                logger.LogWarning("Provider reported {Status} for pending contribution {Contribution}", status, pledge.ContributionId);
                return Receipt(pledge);
        }
    }

    /// <summary>The ledger has the contribution PENDING: its key is known, its reservation stays, nothing counts yet.</summary>
    private PledgeReceipt Held(string key, CampaignBook.Reservation reservation, CampaignBook.KnownPledge known)
    {
        Book.Hold(reservation, known, key);
        return Receipt(Find(known.ContributionId).Pledge);
    }

    /// <summary>The ledger has the contribution FAILED: it never counts, what it held comes back.</summary>
    private PledgeReceipt Failed(string key, CampaignBook.Reservation reservation, CampaignBook.KnownPledge known, string? failure)
    {
        Book.Hold(reservation, known, key); // a new contribution's key is remembered first (a held one's again, unchanged)
        Book.Fail(reservation, known, key, failure);
        host.AfterSettled();
        return Receipt(Find(known.ContributionId).Pledge);
    }

    /// <summary>The ledger has the contribution CONFIRMED: it counts, is matched, or is owed back if the campaign is settled for good.</summary>
    private async Task<PledgeReceipt> ConfirmedAsync(string memberId, string key, CampaignBook.Reservation reservation, CampaignBook.KnownPledge known)
    {
        Book.Confirm(reservation, known, key);
        host.AfterSettled();
        if (host.SettledForGood())
        {
            // Confirmed after the campaign was refunded or paid out: owed back, refunded by the
            // settlement pass (which waits for this conversation to end: one per contribution).
            S.OwedRefunds.Add(known.ContributionId);
            await host.Writer.WriteAsync();
            return Receipt(Find(known.ContributionId).Pledge);
        }

        var receipt = Receipt(Find(known.ContributionId).Pledge);
        return S.Matchfunding ? receipt with { Matched = await host.Match(memberId, known) } : receipt;
    }

    /// <summary>
    /// A confirmed contribution's money went back: the ledger first, then the book. While the campaign still
    /// reads a snapshot on activation, the snapshot is dropped first so the next activation replays everything.
    /// </summary>
    private async Task<bool> RecordRefundAsync(string memberId, string key, CampaignBook.KnownPledge pledge, string? refundReference)
    {
        if (!host.ReplaysWholeLedger() && S.Snapshot.Watermark > 0)
        {
            S.Snapshot = new CampaignTotals();
            await host.Writer.WriteAsync();
        }

        RefundsInFlight++;
        try
        {
            if (!await TryWriteAsync(pledge, PaymentStatus.Refunded, null, refundReference))
            {
                return false;
            }

            Book.Refund(memberId, key, refundReference);
        }
        finally
        {
            RefundsInFlight--;
        }

        if (S.OwedRefunds.Remove(pledge.ContributionId))
        {
            await host.Writer.WriteAsync();
        }

        return true;
    }

    /// <summary>Writes a payment move through the group commit; false (nothing changed) if the ledger could not take it.</summary>
    private async Task<bool> TryWriteAsync(CampaignBook.KnownPledge pledge, PaymentStatus status, string? failure, string? refundReference = null)
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
            host.Deactivate();
            return false;
        }
        catch (LedgerUnavailableException ex)
        {
            logger.LogWarning(ex, "Payment status {Status} of {Contribution} not recorded yet", status, pledge.ContributionId);
            return false;
        }
    }

    /// <summary>
    /// One call to the provider within <see cref="PaymentOptions.ProviderTimeout"/>: the token asks a
    /// cooperative provider to stop, and the wait gives up on one that does not.
    /// </summary>
    private async Task<PaymentResult> AskAsync(Func<IPaymentProvider, CancellationToken, Task<PaymentResult>> call)
    {
        using var timeout = new CancellationTokenSource(options.ProviderTimeout, time);
        return await call(Provider, timeout.Token).WaitAsync(options.ProviderTimeout, time);
    }

    /// <summary>Runs one conversation about a contribution at a time; a second caller waits for the first, then runs.</summary>
    private async Task<PledgeReceipt> OnceAsync(string contributionId, Func<Task<PledgeReceipt>> settle)
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
        Book.TryFindContribution(contributionId, out var memberId, out var key, out var pledge)
            ? (memberId, key, pledge)
            : throw new CivicException(ErrorCodes.NotFound, "No such contribution on this campaign.");

    private PledgeReceipt Receipt(CampaignBook.KnownPledge pledge, bool replayed = false) => CampaignViews.Receipt(S, Book, pledge, replayed);
}
