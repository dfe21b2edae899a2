using Microsoft.Extensions.Time.Testing;

namespace Civic.Tests.Infrastructure;

/// <summary>
/// The fake business clock of a test host (API or grain cluster): it starts at the real time and moves only
/// when a test moves it. Orleans, tokens and webhook signatures keep the system clock.
/// </summary>
public sealed class BusinessClock : FakeTimeProvider
{
    /// <summary>How far the clock moves between two polls of <see cref="EventuallyAsync"/>: more than the settlement's retry period.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    public BusinessClock()
        : base(DateTimeOffset.UtcNow)
    {
    }

    /// <summary>Moves the clock just past <paramref name="instant"/> (a start or an end): what was due then is due now.</summary>
    public void AdvancePast(DateTimeOffset instant)
    {
        var by = instant - GetUtcNow() + TimeSpan.FromSeconds(1);
        if (by > TimeSpan.Zero)
        {
            Advance(by);
        }
    }

    /// <summary>Moves the clock past <paramref name="instant"/>, then polls as <see cref="EventuallyAsync"/> does.</summary>
    public Task<T> EventuallyAfterAsync<T>(DateTimeOffset instant, Func<Task<T>> probe, Func<T, bool> condition, string what)
    {
        AdvancePast(instant);
        return EventuallyAsync(probe, condition, what);
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds, moving the clock on by <see cref="Step"/> between polls
    /// (so settlement retries come at once). Fails with <paramref name="what"/> after 30 s of wall-clock time.
    /// </summary>
    public async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what} (business clock at {GetUtcNow():O}); last value: {value}");
            }

            Advance(Step);
            await Task.Delay(20);
        }
    }
}
