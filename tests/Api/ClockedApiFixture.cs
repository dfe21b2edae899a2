using Civic.Tests.Infrastructure;

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
    public BusinessClock Clock { get; } = new();

    public override TimeProvider Time => Clock;

    /// <summary>Moves the clock just past <paramref name="instant"/>: what was due then is due now.</summary>
    public void AdvancePast(DateTimeOffset instant) => Clock.AdvancePast(instant);

    /// <summary>Moves the clock past <paramref name="instant"/>, then polls as <see cref="EventuallyAsync"/> does.</summary>
    public Task<T> EventuallyAfterAsync<T>(DateTimeOffset instant, Func<Task<T>> probe, Func<T, bool> condition, string what) =>
        Clock.EventuallyAfterAsync(instant, probe, condition, what);

    /// <summary>Polls until <paramref name="condition"/> holds, moving the clock on between polls (<see cref="BusinessClock.EventuallyAsync"/>).</summary>
    public Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what) =>
        Clock.EventuallyAsync(probe, condition, what);
}

/// <summary>The API tests that wait for a date: one host on a fake business clock.</summary>
[CollectionDefinition("api-clock")]
public sealed class ClockedApiCollection : ICollectionFixture<ClockedApiFixture>
{
}
