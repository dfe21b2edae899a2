using System.Collections.Concurrent;
using Civic.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Civic.Api.Tenancy;

/// <summary>Finds the tenant of a request and caches tenants briefly, so a request costs no extra grain call.</summary>
public sealed class TenantResolver(IClusterClient cluster, IOptions<TenancyOptions> options, TimeProvider time)
{
    public const string Header = "X-Civic-Tenant";

    private readonly ConcurrentDictionary<string, (TenantInfo? Tenant, DateTimeOffset Until)> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string? Slug, DateTimeOffset Until)> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task<string?> SlugForAsync(HttpRequest request)
    {
        if (request.Headers.TryGetValue(Header, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim().ToLowerInvariant();
        }

        var host = request.Host.Host;
        var baseDomain = options.Value.BaseDomain;
        if (!string.IsNullOrEmpty(baseDomain) && host.EndsWith("." + baseDomain, StringComparison.OrdinalIgnoreCase))
        {
            var label = host[..^(baseDomain.Length + 1)];
            return label.Contains('.') ? null : label.ToLowerInvariant();
        }

        if (string.IsNullOrEmpty(host) || host is "localhost" || System.Net.IPAddress.TryParse(host, out _))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (_hosts.TryGetValue(host, out var cached) && cached.Until > now)
        {
            return cached.Slug;
        }

        var slug = await cluster.GetGrain<ITenantDirectoryGrain>(0).ResolveHostAsync(host.ToLowerInvariant());
        _hosts[host] = (slug, now + options.Value.CacheFor);
        return slug;
    }

    public async Task<TenantInfo?> TenantAsync(string slug)
    {
        var now = time.GetUtcNow();
        if (_tenants.TryGetValue(slug, out var cached) && cached.Until > now)
        {
            return cached.Tenant;
        }

        // Slugs that cannot exist never reach a grain.
        var tenant = TenantSlug.IsValid(slug) ? await cluster.GetGrain<ITenantGrain>(slug).GetAsync() : null;
        _tenants[slug] = (tenant, now + options.Value.CacheFor);
        return tenant;
    }

    /// <summary>Forget a tenant after it changed, on this node.</summary>
    public void Invalidate(string slug) => _tenants.TryRemove(slug, out _);
}
