namespace Civic.Grains.Interfaces;

/// <summary>
/// Maps custom host names to tenants. A single grain, but off the hot path: API nodes cache its
/// answers, and it changes only when a tenant is created or edits its hosts.
/// </summary>
public interface ITenantDirectoryGrain : IGrainWithIntegerKey
{
    Task RegisterAsync(string slug, IReadOnlyList<string> customHosts);

    Task<string?> ResolveHostAsync(string host);
}
