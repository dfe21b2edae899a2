using System.Collections.Concurrent;
using Civic.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Civic.Tests.Api;

/// <summary>Counts the calls that reach grains of one tenant, in a host of its own (no other test's traffic).</summary>
public sealed class GrainCallCountingFixture : ApiFixture
{
    public GrainCallCounter Counter { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IIncomingGrainCallFilter>(Counter);
}

public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<string> _calls = new();
    private volatile string? _tenant;

    /// <summary>Starts counting the calls to this tenant's grains (its own key, or keys "tenant/…").</summary>
    public void Watch(string tenant)
    {
        _calls.Clear();
        _tenant = tenant;
    }

    public IReadOnlyList<string> Calls => [.. _calls];

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var key = context.TargetId.Key.ToString();
        if (_tenant is { } tenant && (key == tenant || key.StartsWith(tenant + "/", StringComparison.Ordinal)))
        {
            _calls.Enqueue($"{context.InterfaceName}.{context.MethodName} {key}");
        }

        return context.Invoke();
    }
}

/// <summary>A page of campaigns costs a bounded number of grain calls, whatever its length (no call per row).</summary>
public sealed class CampaignListGrainCalls(GrainCallCountingFixture api) : IClassFixture<GrainCallCountingFixture>
{
    private const string Create = "mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }";

    private const string List = """
        query($first: Int) {
          campaigns(first: $first) {
            edges { node { id matched { amount currency } matchCall { id name pool { available { amount } } } history { to by } } }
          }
        }
        """;

    [Fact]
    public async Task A_page_of_campaigns_with_matched_matchCall_and_history_makes_a_bounded_number_of_grain_calls()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        await admin.OkAsync("""mutation { fundMatchPool(amount: 1000000, currency: "EUR", idempotencyKey: "p1") { available { amount } } }""");
        var call = (await admin.OkAsync("""mutation { createMatchCall(input: { name: "Culture 2027", currency: "EUR" }) { id } }"""))
            ["createMatchCall"]!["id"]!.GetValue<string>();
        const int campaigns = 12;
        for (var i = 0; i < campaigns; i++)
        {
            using var owner = api.Member(tenant, $"owner{i}");
            await owner.OkAsync(Create, new
            {
                input = new
                {
                    title = $"Fresque {i}",
                    goal = new { amount = 100_000, currency = "EUR" },
                    endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"),
                    matchfunding = true,
                    matchCallId = i % 2 == 0 ? call : null,
                },
            });
        }

        api.Counter.Watch(tenant);
        var page = await admin.OkAsync(List, new { first = campaigns });
        var calls = api.Counter.Calls;

        var nodes = page["campaigns"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.Equal(campaigns, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(0, n["matched"]!["amount"]!.GetValue<long>()));
        Assert.Equal(campaigns / 2, nodes.Count(n => n["matchCall"]?["name"]?.GetValue<string>() == "Culture 2027"));
        Assert.All(nodes, n => Assert.Equal("DRAFT", Assert.Single(n["history"]!.AsArray())!["to"]!.GetValue<string>()));

        // The list (1), the catalog's histories (1), matched per pool (2), the call's pool (1): never per row.
        Assert.True(calls.Count <= 6, $"{calls.Count} grain calls for {campaigns} campaigns:\n{string.Join('\n', calls)}");
        Assert.DoesNotContain(calls, c => c.Contains(nameof(ICampaignGrain), StringComparison.Ordinal));
    }
}
