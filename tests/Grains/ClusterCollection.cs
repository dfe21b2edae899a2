using Civic.Tests.Infrastructure;

namespace Civic.Tests.Grains;

/// <summary>
/// Grain tests share one 2-silo cluster on PostgreSQL on a fake business clock; each test uses fresh keys.
/// The tests of the collection run one at a time and share the clock: each dates its campaigns and votes
/// from <see cref="ClusterFixture.Now"/> and only ever moves the clock forward.
/// </summary>
[CollectionDefinition("cluster")]
public sealed class ClusterCollection : ICollectionFixture<ClockedClusterFixture>
{
}

/// <summary>
/// The grain-test cluster on a fake <see cref="Civic.Grains.Interfaces.DomainClock"/>: campaigns and votes
/// start and end when a test moves <see cref="Clock"/> past their date, not when the wall clock gets there.
/// Orleans (grain timers, reminders, membership, response timeouts) keeps the system clock.
/// </summary>
public sealed class ClockedClusterFixture : ClusterFixture
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

public static class GrainTestData
{
    public static Civic.Grains.Interfaces.Actor Admin(string tenant) => new(tenant, "admin", Civic.Grains.Interfaces.Role.Admin);

    public static Civic.Grains.Interfaces.Actor Member(string tenant, string user = "alice") => new(tenant, user, Civic.Grains.Interfaces.Role.Member);

    public static string NewTenant() => "g" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Polls until <paramref name="condition"/> holds, or fails with <paramref name="what"/> after the deadline.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
