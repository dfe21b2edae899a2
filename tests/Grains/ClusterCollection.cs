using Civic.Tests.Infrastructure;

namespace Civic.Tests.Grains;

/// <summary>Grain tests share one 2-silo cluster on PostgreSQL; each test uses fresh keys.</summary>
[CollectionDefinition("cluster")]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
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
