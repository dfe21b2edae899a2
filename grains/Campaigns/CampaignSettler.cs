using Civic.Grains.Interfaces;
using Civic.Grains.Payments;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Campaigns;

/// <summary>
/// Executes the settlement of an ended campaign as <see cref="CampaignSettlement"/> plans it, one pass at a
/// time: the refunds (a few at a time), then FAILED → REFUNDED or the payout and SUCCEEDED → PAID_OUT, each
/// move through the lifecycle and dated at the instant the pass was due. What the provider did not take is
/// tried again after <see cref="PaymentOptions.RetryEvery"/>.
/// </summary>
internal sealed class CampaignSettler(
    Func<CampaignState> state, Func<ContributionBook> book, CampaignPayments payments, StateWriter writer,
    PaymentOptions options, TimeProvider time, ILogger logger, Func<CampaignTransition, Task> apply)
{
    private Task? _running;

    private CampaignState S => state();

    private ContributionBook Book => book();

    private CampaignLifecycle.Subject Subject => new(S.Tenant, S.OwnerId, S.Status);

    /// <summary>When the pass is due again; null when nothing is left.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The rows the plans read: every contribution known, whatever its payment status.</summary>
    public List<SettlementRow> Rows() =>
        [.. Book.All.Select(c => new SettlementRow(c.Pledge.ContributionId, c.Pledge.Status, c.Pledge.Revoked, c.Pledge.At))];

    /// <summary>
    /// Runs the settlement pass of an ended campaign (one at a time) as the plan says; its moves are dated at <paramref name="dueAt"/>, the instant the pass was due. Anything the provider
    /// did not take is tried again after <see cref="PaymentOptions.RetryEvery"/>.
    /// </summary>
    public async Task RunAsync(DateTimeOffset dueAt)
    {
        if (_running is { IsCompleted: false })
        {
            await _running;
            return;
        }

        _running = RunCoreAsync(dueAt);
        await _running;
    }

    private async Task RunCoreAsync(DateTimeOffset dueAt)
    {
        DueAt = null;
        var now = time.GetUtcNow();
        var plan = CampaignSettlement.Plan(S.Status, S.Mode, S.EndsAt, S.OwedRefunds, Rows(), Book.InFlight, options.SettlementGrace, now);
        S.OwedRefunds.RemoveAll(plan.DropOwed.Contains);
        var done = true;
        foreach (var chunk in plan.Refunds.Chunk(64))
        {
            done &= (await Task.WhenAll(chunk.Select(payments.RefundAsync))).All(ok => ok);
        }

        if (done && plan.RefundedWhenDone && S.Status == CampaignStatus.Failed)
        {
            await apply(CampaignLifecycle.Refund(Subject, null, NotBeforeLastMove(dueAt)) with
            {
                Reason = "every confirmed contribution was refunded",
            });
        }

        if (plan.PayOut && S.Status == CampaignStatus.Succeeded)
        {
            done &= await PayOutAsync(dueAt);
        }

        DueAt = done ? plan.LookAgainAt : now + options.RetryEvery;
    }

    /// <summary>Pays a succeeded campaign's confirmed money to its owner; the amount is fixed (and persisted) before the provider is asked.</summary>
    private async Task<bool> PayOutAsync(DateTimeOffset dueAt)
    {
        if (S.PayoutAmount is null)
        {
            S.PayoutAmount = Book.Raised; // from here, money confirmed goes back to its backer
            await writer.WriteAsync();
        }

        var amount = S.PayoutAmount.Value;
        try
        {
            S.PayoutReference = await payments.PayOutAsync(amount);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Payout of {Campaign} not done yet; retried later", S.Id);
            return false;
        }

        await apply(CampaignLifecycle.PayOut(Subject, null, NotBeforeLastMove(dueAt)) with
        {
            Reason = $"paid out {Currencies.Format(amount, S.Currency)} to the owner" + (S.PayoutReference is null ? "" : $" ({S.PayoutReference})"),
        });
        return true;
    }

    private DateTimeOffset NotBeforeLastMove(DateTimeOffset at) =>
        S.History.Count > 0 && S.History[^1].At > at ? S.History[^1].At : at;
}
