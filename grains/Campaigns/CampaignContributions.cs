using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The write path of a contribution: validate and reserve in the caller's turn (before the first await),
/// commit the row to the group-committed ledger (PENDING), ask the provider, apply its answer, answer. A key
/// already seen answers with its first outcome and never writes a second row.
/// </summary>
internal sealed class CampaignContributions(
    Func<CampaignState> state, Func<ContributionBook> book, CampaignPayments payments, LedgerWriter ledger, LedgerStore store,
    TimeProvider time, ILogger logger, Action deactivate, Action closeIfDue)
{
    private readonly Dictionary<(string Member, string Key), Task<PledgeReceipt>> _pending = [];

    private CampaignState S => state();

    private ContributionBook Book => book();

    /// <summary>A contribution is waiting for its ledger write.</summary>
    public bool Busy => _pending.Count > 0;

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

        // Validate and reserve in this turn, before the first await: the mode's hold first (reward unit,
        // lender's headroom, shares), then the amount.
        CampaignRules.ValidatePledge(S, CampaignRules.StatusAt(S, now, Book.Raised), command, now);
        var (reservation, pledge) = Book.Reserve(GrainKeys.NewId(IdPrefixes.Contribution), memberId, command.Amount, command.RewardId, now);
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
            Book.Release(reservation, pledge);
            logger.LogWarning(ex, "Pledge {Seq} on {Campaign} not acknowledged", reservation.Seq, S.Id);
            deactivate();
            throw ex.ToCivicError("The contribution");
        }

        switch (outcome)
        {
            case CommitOutcome.Rejected:
                // The database refused this row alone (its batch committed without it): nothing was written.
                Book.Release(reservation, pledge);
                throw new CivicException(ErrorCodes.Rejected, "The contribution was refused by the ledger and not recorded.");
            case CommitOutcome.Duplicate:
                Book.Release(reservation, pledge);
                return await ResolveDuplicateAsync(command);
        }

        // The row is durable and PENDING: the key is known from now on; only the provider's word makes it count.
        Book.Hold(reservation, pledge, command.IdempotencyKey);
        return await payments.ChargeAsync(pledge.ContributionId, command.PaymentToken);
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
