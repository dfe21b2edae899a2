using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The write path of a contribution: validate and reserve in the caller's turn (before the first await), under a
/// contribution id from a recorded key block (<see cref="PaymentKeys"/>); ask the provider; commit the row once to
/// the group-committed ledger with the provider's answer in it (CONFIRMED, FAILED, or PENDING while the answer is
/// open or lost); apply it to the book; answer. One durable write per contribution the provider settles at once,
/// and still no charge without a row that leads to it: the block was durable before the charge, so the sweeper
/// finds a charge whose row never came. A key already seen answers with its first outcome and never writes a
/// second row.
/// </summary>
internal sealed class CampaignContributions(
    Func<CampaignState> state, Func<ContributionBook> book, CampaignPayments payments, PaymentKeys keys, LedgerWriter ledger, LedgerStore store,
    TimeProvider time, ILogger logger, Action deactivate, Action closeIfDue)
{
    private readonly Dictionary<(string Member, string Key), Task<PledgeReceipt>> _pending = [];
    private readonly HashSet<string> _charging = new(StringComparer.Ordinal);

    private CampaignState S => state();

    private ContributionBook Book => book();

    /// <summary>A contribution is waiting for its ledger write.</summary>
    public bool Busy => _pending.Count > 0;

    /// <summary>A new contribution under this id is between its charge and its row.</summary>
    public bool InFlight(string contributionId) => _charging.Contains(contributionId);

    public bool Seen(string memberId, string key) => _pending.ContainsKey((memberId, key)) || Book.TryFindKey(memberId, key, out _);

    public async Task<PledgeReceipt> ContributeAsync(Pledge command)
    {
        var now = time.GetUtcNow();
        var memberId = command.Backer.UserId;
        var key = (memberId, command.IdempotencyKey);

        // Idempotency: a key already seen answers with the first outcome, never a second row.
        if (_pending.TryGetValue(key, out var inFlight))
        {
            return Replay(await inFlight, command);
        }

        if (Book.TryFindKey(memberId, command.IdempotencyKey, out var known))
        {
            if (known.Status != PaymentStatus.Pending)
            {
                return Replay(CampaignViews.Receipt(S, Book, known, replayed: true), command);
            }

            // A retry of a contribution whose payment is still open: ask the provider again under the same
            // payment key (it answers its first outcome and takes no money twice).
            CampaignRules.EnsureSameRequest(known.Amount, known.RewardId, command);
            var retried = await payments.ChargeAsync(known.ContributionId, command.PaymentToken);
            closeIfDue();
            return Replay(retried, command);
        }

        if (!keys.Ready(now))
        {
            // A pledge refused anyway records no block.
            CampaignRules.ValidatePledge(S, CampaignRules.StatusAt(S, now, Book.Raised), command, now);
            // The campaign records its next block of ids first (one write for many pledges), then takes this
            // one from the top: every check again, in the turn that takes the id.
            await keys.OpenAsync();
            return await ContributeAsync(command);
        }

        // Validate and reserve in this turn, before the first await: the mode's hold first (reward unit,
        // lender's headroom, shares), then the amount.
        CampaignRules.ValidatePledge(S, CampaignRules.StatusAt(S, now, Book.Raised), command, now);
        var (reservation, pledge) = Book.Reserve(keys.Take(), memberId, command.Amount, command.RewardId, now);
        var commit = CommitAsync(command, reservation, pledge);
        _pending[key] = commit;
        try
        {
            return await commit;
        }
        finally
        {
            _pending.Remove(key);
            closeIfDue();
        }
    }

    private async Task<PledgeReceipt> CommitAsync(Pledge command, CampaignBook.Reservation reservation, CampaignBook.KnownPledge pledge)
    {
        _charging.Add(pledge.ContributionId);
        try
        {
            return await ChargeThenCommitAsync(command, reservation, pledge);
        }
        finally
        {
            _charging.Remove(pledge.ContributionId);
        }
    }

    private async Task<PledgeReceipt> ChargeThenCommitAsync(Pledge command, CampaignBook.Reservation reservation, CampaignBook.KnownPledge pledge)
    {
        var charge = await payments.ChargeNewAsync(pledge.ContributionId, reservation.Amount, command.PaymentToken);
        var status = charge?.Status is PaymentStatus.Confirmed or PaymentStatus.Failed ? charge.Status : PaymentStatus.Pending;
        if (charge is not null && charge.Status is not (PaymentStatus.Confirmed or PaymentStatus.Failed or PaymentStatus.Pending))
        {
            logger.LogWarning("Provider answered {Status} for new contribution {Contribution}; recorded PENDING", charge.Status, pledge.ContributionId);
        }

        var failure = status == PaymentStatus.Failed ? charge!.FailureReason : null;
        var now = time.GetUtcNow();
        var entry = new ContributionEntry(
            S.Tenant, S.Id, reservation.Seq, pledge.ContributionId, reservation.MemberId,
            reservation.Amount, S.Currency, command.IdempotencyKey, pledge.At, pledge.RewardId,
            Payment: status, PaymentReference: charge?.ProviderReference, PaymentProvider: payments.ProviderName,
            PaymentMethod: charge?.Method, PaymentFailure: failure, SettledAt: status == PaymentStatus.Pending ? null : now);
        CommitOutcome outcome;
        try
        {
            outcome = await ledger.AppendAsync(entry);
        }
        catch (LedgerUnavailableException ex)
        {
            // Let the next activation rebuild from the ledger so the totals cannot drift from it. A row that may
            // have committed (already CONFIRMED) keeps its reservation until then: it pins the watermark, so no
            // snapshot of this activation claims its sequence number settled and the replay reads the row.
            logger.LogWarning(ex, "Pledge {Seq} on {Campaign} not acknowledged", reservation.Seq, S.Id);
            deactivate();
            if (!ex.MayHaveCommitted)
            {
                Book.Release(reservation, pledge);
                await payments.GiveBackUnrecordedAsync(pledge.ContributionId, charge);
            }

            throw ex.ToCivicError("The contribution");
        }

        switch (outcome)
        {
            case CommitOutcome.Rejected:
                // The database refused this row alone (its batch committed without it): nothing was written.
                Book.Release(reservation, pledge);
                await payments.GiveBackUnrecordedAsync(pledge.ContributionId, charge);
                throw new CivicException(ErrorCodes.Rejected, "The contribution was refused by the ledger and not recorded.");
            case CommitOutcome.Duplicate:
                Book.Release(reservation, pledge);
                await payments.GiveBackUnrecordedAsync(pledge.ContributionId, charge);
                return await ResolveDuplicateAsync(command);
        }

        // The row is durable with the provider's answer: the key is known from now on; only CONFIRMED counts.
        var recorded = pledge with { Reference = charge?.ProviderReference, Method = charge?.Method };
        return await payments.RecordedAsync(reservation.MemberId, command.IdempotencyKey, reservation, recorded, status, failure);
    }

    /// <summary>The database already holds a row for this member and key (an earlier activation wrote it).</summary>
    private async Task<PledgeReceipt> ResolveDuplicateAsync(Pledge command)
    {
        var existing = await store.FindContributionAsync(S.Tenant, command.Backer.UserId, command.IdempotencyKey);
        if (existing is null || existing.CampaignId != S.Id)
        {
            // Another campaign used the key, or our sequence number was taken by a second activation.
            deactivate();
            throw new CivicException(ErrorCodes.IdempotencyKeyReused, "This idempotency key was already used for another contribution.");
        }

        var known = new CampaignBook.KnownPledge(
            existing.ContributionId, existing.Amount, existing.CreatedAt, existing.Seq, existing.RewardId, existing.Payment, existing.PaymentReference);
        return Replay(CampaignViews.Receipt(S, Book, known, replayed: true), command);
    }

    private PledgeReceipt Replay(PledgeReceipt first, Pledge command)
    {
        CampaignRules.EnsureSameRequest(first.Amount.Amount, first.Reward?.Id, command);
        return first with { Replayed = true, Raised = new Money(Book.Raised, S.Currency) };
    }
}
