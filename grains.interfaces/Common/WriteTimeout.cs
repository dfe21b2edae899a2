namespace Civic.Grains.Interfaces;

/// <summary>
/// The response timeout of the hot writes (a pledge, an investment, a ballot), shorter than the cluster's default
/// (<c>Orleans:Timings:ResponseTimeout</c>, 15 s): a call that reached a silo just before it died gets no answer, and
/// its client should learn it (OUTCOME_UNKNOWN: retry with the same idempotency key, which is safe) within seconds,
/// not after 15. An honest write takes milliseconds (one group commit; for a pledge settled later, a second when its answer comes)
/// plus, for a pledge, the payment provider's answer, bounded by <c>Payments:ProviderTimeout</c> (3 s) so that it
/// stays well inside this. Past the provider timeout a pledge answers PENDING and the payment sweeper settles it.
/// </summary>
public static class WriteTimeout
{
    public const string Value = "00:00:05";

    public static readonly TimeSpan Duration = TimeSpan.Parse(Value, System.Globalization.CultureInfo.InvariantCulture);
}
