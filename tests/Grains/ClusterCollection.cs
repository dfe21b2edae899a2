using Civic.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

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
    /// <summary>How far the clock moves between two polls of <see cref="EventuallyAsync"/>: the settlement's retry period.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public override TimeProvider Time => Clock;

    /// <summary>Moves the clock just past <paramref name="instant"/> (a start or an end): what was due then is due now.</summary>
    public void AdvancePast(DateTimeOffset instant)
    {
        var by = instant - Clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (by > TimeSpan.Zero)
        {
            Clock.Advance(by);
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
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what} (business clock at {Clock.GetUtcNow():O}); last value: {value}");
            }

            Clock.Advance(Step);
            await Task.Delay(20);
        }
    }
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
