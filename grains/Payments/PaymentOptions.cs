namespace Civic.Grains.Payments;

/// <summary>Configuration section <c>Payments</c>.</summary>
public sealed class PaymentOptions
{
    /// <summary>The provider contributions are paid through (by its <see cref="IPaymentProvider.Name"/>).</summary>
    public string Provider { get; set; } = "sandbox";

    /// <summary>
    /// How long a call to the provider may take; past it the contribution stays PENDING (and the sweeper settles it).
    /// Kept well under the pledge's response timeout (<see cref="Civic.Grains.Interfaces.WriteTimeout"/>, 5 s).
    /// </summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// After a campaign succeeds, how long payments still PENDING may confirm before the payout is made
    /// without them (a payment that confirms after the payout is refunded at once).
    /// </summary>
    public TimeSpan SettlementGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How soon a refund or payout the provider did not take is tried again.</summary>
    public TimeSpan RetryEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How old a PENDING contribution is before the sweeper asks the provider about it (longer than any charge in flight).</summary>
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a campaign charges under one block of contribution ids (civic_payment_key_blocks) before it
    /// records a new one. With <see cref="ProviderTimeout"/> and a ledger write it must stay well under
    /// <see cref="SweepAfter"/>: the sweeper looks for charges without rows in blocks older than that.
    /// </summary>
    public TimeSpan KeyBlockLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sweeper looks for PENDING contributions (one silo at a time).</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two questions about the same contribution; the waits double from <see cref="SweepEvery"/>.</summary>
    public TimeSpan SweepMaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A PENDING contribution whose key the provider has never seen this long after it was made is FAILED (no
    /// money was taken; its reservation goes back). Until then it stays PENDING, for a client retry.
    /// </summary>
    public TimeSpan FailUnknownAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Shared webhook secrets per provider name (<c>Payments:WebhookSecrets:sandbox</c>); a provider without one takes no webhooks.</summary>
    public Dictionary<string, string> WebhookSecrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How far a webhook's signature time may be from now; older events are refused as replays.</summary>
    public TimeSpan WebhookTolerance { get; set; } = WebhookVerifier.DefaultTolerance;
}
