using Microsoft.Extensions.Time.Testing;

namespace Civic.Tests.Api;

/// <summary>
/// Civic in one process on a fake business clock: campaigns and votes end when a test moves the clock
/// past their date, not when the wall clock gets there. Its own host and collection, so that moving the
/// clock never ends another collection's campaigns; the tests of one collection run one at a time.
/// </summary>
/// <remarks>
/// Only the <see cref="Civic.Grains.Interfaces.DomainClock"/> is fake. Orleans (grain timers,
/// membership, response timeouts), tokens and webhook signatures keep the system clock, so
/// nothing else stops while the business clock stands still. Tests here date everything from
/// <see cref="ApiFixture.Now"/>: the fake clock runs ahead of the wall clock once a test moved it.
/// </remarks>
public sealed class ClockedApiFixture : ApiFixture
{
    /// <summary>How far the clock moves between two polls of <see cref="EventuallyAsync"/>: more than the retry period of the settlement.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public override TimeProvider Time => Clock;

    /// <summary>Moves the clock just past <paramref name="instant"/> (an end date): what was due then is due now.</summary>
    public void AdvancePast(DateTimeOffset instant)
    {
        var by = instant - Clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (by > TimeSpan.Zero)
        {
            Clock.Advance(by);
        }
    }

    /// <summary>
    /// Moves the clock past <paramref name="instant"/>, then polls until <paramref name="condition"/> holds,
    /// moving the clock on by <see cref="Step"/> between polls (so settlement retries come at once).
    /// Fails with <paramref name="what"/> after 30 seconds of wall-clock time.
    /// </summary>
    public async Task<T> EventuallyAfterAsync<T>(DateTimeOffset instant, Func<Task<T>> probe, Func<T, bool> condition, string what)
    {
        AdvancePast(instant);
        return await EventuallyAsync(probe, condition, what);
    }

    /// <summary>Polls until <paramref name="condition"/> holds, moving the clock on by <see cref="Step"/> between polls.</summary>
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
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what} (business clock at {Clock.GetUtcNow():O}); last value: {value}");
            }

            Clock.Advance(Step);
            await Task.Delay(20);
        }
    }
}

/// <summary>The API tests that wait for a date: one host on a fake business clock.</summary>
[CollectionDefinition("api-clock")]
public sealed class ClockedApiCollection : ICollectionFixture<ClockedApiFixture>
{
}
