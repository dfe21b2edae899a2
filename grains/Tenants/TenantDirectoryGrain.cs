using Civic.Grains.Interfaces;

namespace Civic.Grains.Tenants;

[GenerateSerializer, Alias("civic.tenant-directory-state")]
public sealed class TenantDirectoryState
{
    [Id(0)] public Dictionary<string, string> Hosts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class TenantDirectoryGrain(
    [PersistentState("tenant-directory", "civic")] IPersistentState<TenantDirectoryState> state) : Grain, ITenantDirectoryGrain
{
    public async Task RegisterAsync(string slug, IReadOnlyList<string> customHosts)
    {
        foreach (var host in customHosts)
        {
            if (state.State.Hosts.TryGetValue(host, out var owner) && owner != slug)
            {
                throw new CivicException(ErrorCodes.AlreadyExists, $"The host '{host}' already belongs to another tenant.");
            }
        }

        foreach (var host in customHosts)
        {
            state.State.Hosts[host] = slug;
        }

        await state.WriteStateAsync();
    }

    public Task<string?> ResolveHostAsync(string host) =>
        Task.FromResult(state.State.Hosts.TryGetValue(host, out var slug) ? slug : null);
}
