using System.Text;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Civic.Grains.Payments;

/// <summary>
/// See <see cref="IPaymentWebhookGrain"/>. Order of checks: a known provider with a secret; a valid
/// signature; a signing time within the tolerance (older is a replay); an event id not applied before
/// (a repeat is acknowledged and ignored); the contribution it names; then its campaign grain applies it
/// (idempotently) and the event id is recorded.
/// </summary>
[StatelessWorker]
public sealed class PaymentWebhookGrain(
    LedgerStore store,
    IOptions<PaymentOptions> options,
    TimeProvider time,
    ILogger<PaymentWebhookGrain> logger) : Grain, IPaymentWebhookGrain
{
    public async Task<WebhookOutcome> HandleAsync(string provider, string? signature, byte[] body)
    {
        if (!options.Value.WebhookSecrets.TryGetValue(provider, out var secret) || string.IsNullOrEmpty(secret))
        {
            return new(ErrorCodes.UnknownProvider, "No payment provider of that name takes webhooks here.");
        }

        var now = time.GetUtcNow();
        var check = new WebhookVerifier(Encoding.UTF8.GetBytes(secret), options.Value.WebhookTolerance).Verify(signature, body, now);
        switch (check.Verdict)
        {
            case WebhookVerdict.MalformedHeader:
            case WebhookVerdict.BadSignature:
                return new(ErrorCodes.BadSignature, "The signature header is missing, malformed or does not match the body.");
            case WebhookVerdict.OutsideTolerance:
                return new(ErrorCodes.StaleEvent, "The event was signed too long ago (or in the future): refused as a replay.");
            case WebhookVerdict.MalformedBody:
                return new(ErrorCodes.MalformedEvent, "The body is not an event this endpoint understands.");
        }

        var e = check.Event!;
        if (await store.PaymentEventSeenAsync(provider, e.Id))
        {
            return new(ErrorCodes.Duplicate, "This event was already applied.", Duplicate: true);
        }

        var payment = await store.FindPaymentAsync(provider, e.ProviderReference, e.ContributionId);
        if (payment is not { } p)
        {
            return new(ErrorCodes.UnknownPayment, "No contribution has this payment reference.");
        }

        PaymentStatus status;
        try
        {
            status = await GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.Compound(p.Tenant, p.CampaignId))
                .SettlePaymentAsync(new PaymentNotice(p.ContributionId, e.Status, provider, e.ProviderReference, e.FailureReason));
        }
        catch (CivicException ex) when (ex.Code is ErrorCodes.InvalidTransition or ErrorCodes.Unavailable)
        {
            return new(ex.Code, ex.Message);
        }

        var first = await store.RecordPaymentEventAsync(provider, e.Id, p.ContributionId, status, now);
        logger.LogInformation("Webhook {Event} from {Provider}: contribution {Contribution} is {Status}", e.Id, provider, p.ContributionId, status);
        return new(first ? ErrorCodes.Applied : ErrorCodes.Duplicate, first ? "Applied." : "This event was already applied.", Duplicate: !first, Status: status);
    }
}
