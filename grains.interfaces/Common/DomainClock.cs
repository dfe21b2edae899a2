namespace Civic.Grains.Interfaces;

/// <summary>
/// The clock of business dates: when a campaign or a vote starts and ends, when a payout is due, the
/// day a receipt is issued, an owner's 12-month offer window. Grains and the API read "now" from it
/// and <c>GrainClock</c> wakes grains at their dates through its timers.
/// </summary>
/// <remarks>
/// A type of its own, not the <see cref="TimeProvider"/> registered in DI, because Orleans takes that
/// one for its grain timers: a test that drives this clock (a <c>FakeTimeProvider</c> inside) moves
/// every business date at once and leaves Orleans' timers, membership and timeouts on the system
/// clock. Transport checks (token lifetimes, webhook signature freshness, caches) keep the system clock.
/// </remarks>
public sealed class DomainClock(TimeProvider inner) : TimeProvider
{
    /// <summary>The wall clock: what every host runs on outside tests.</summary>
    public static DomainClock Wall { get; } = new(TimeProvider.System);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
