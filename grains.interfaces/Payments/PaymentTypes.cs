namespace Civic.Grains.Interfaces;

/// <summary>PENDING → CONFIRMED | FAILED; CONFIRMED → REFUNDED. Only CONFIRMED money counts.</summary>
public enum PaymentStatus
{
    Pending = 0,
    Confirmed = 1,
    Failed = 2,
    Refunded = 3,
}

/// <summary>What a payment provider reported about one contribution (a webhook event, verified).</summary>
[GenerateSerializer, Immutable, Alias("civic.payment-notice")]
public sealed record PaymentNotice(
    [property: Id(0)] string ContributionId,
    [property: Id(1)] PaymentStatus Status,
    [property: Id(2)] string Provider,
    [property: Id(3)] string? Reference,
    [property: Id(4)] string? FailureReason = null);

/// <summary>
/// The answer to a webhook: an <see cref="ErrorCodes"/> code (APPLIED, DUPLICATE or a refusal) and a
/// message for the provider. The API maps the code to the HTTP status. Id 0 (the status it once
/// carried) is retired: never reuse it.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.webhook-outcome")]
public sealed record WebhookOutcome(
    [property: Id(1)] string Code,
    [property: Id(2)] string Message,
    [property: Id(3)] bool Duplicate = false,
    [property: Id(4)] PaymentStatus? Status = null);

/// <summary>
/// Payment webhooks, handled in the silo where the providers and their secrets live: verifies the
/// signature, refuses replays, finds the contribution and hands the event to its campaign grain.
/// </summary>
public interface IPaymentWebhookGrain : IGrainWithIntegerKey
{
    /// <param name="body">The request body exactly as received: the signature covers these bytes.</param>
    Task<WebhookOutcome> HandleAsync(string provider, string? signature, byte[] body);
}

/// <summary>How payment statuses are spelled in the ledger: the one decoder, for the grains and the API's reads.</summary>
public static class PaymentStatuses
{
    public static string ToSql(PaymentStatus status) => status switch
    {
        PaymentStatus.Pending => "pending",
        PaymentStatus.Confirmed => "confirmed",
        PaymentStatus.Failed => "failed",
        PaymentStatus.Refunded => "refunded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static PaymentStatus FromSql(string value) => value switch
    {
        "pending" => PaymentStatus.Pending,
        "confirmed" => PaymentStatus.Confirmed,
        "failed" => PaymentStatus.Failed,
        "refunded" => PaymentStatus.Refunded,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };
}
