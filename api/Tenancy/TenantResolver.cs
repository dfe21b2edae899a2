using Civic.Api.Hosting;
using Civic.Api.Live;
using Civic.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Civic.Api.Tenancy;

/// <summary>
/// Finds the tenant of a request and caches tenants briefly, so a request costs no extra grain call.
/// Every cache is bounded (<see cref="TenancyOptions"/>): known tenants and unknown names are kept apart,
/// so a flood of made-up names evicts only other made-up names, and a value that cannot be a slug or a
/// host name is neither cached nor sent to a grain. With the node's <see cref="LiveHub"/>, each tenant read is
/// also a watch of its grain, which tells every watching node of a change (branding, locale, area): a change made
/// through one API node reaches the others' caches at once, and <see cref="TenancyOptions.CacheFor"/> only bounds
/// how stale a cache may be when that message is lost (a silo failed between the read and the change).
/// </summary>
public sealed class TenantResolver
{
    public const string Header = "X-Civic-Tenant";

    /// <summary>The longest DNS name (RFC 1035); longer hosts are never looked up.</summary>
    private const int MaxHostLength = 253;

    private readonly IClusterClient _cluster;
    private readonly LiveHub? _live;
    private readonly TenancyOptions _options;
    private readonly BoundedCache<TenantInfo> _tenants;
    private readonly BoundedCache<bool> _unknownTenants;
    private readonly BoundedCache<string> _hosts;
    private readonly BoundedCache<bool> _unknownHosts;

    /// <summary>
    /// Ends a lookup stranded on a silo that died at its declaration (UNAVAILABLE) rather than at the 15 s response
    /// timeout: when a tenant's cache entry expires during the outage, every request of the tenant waits on a lookup.
    /// </summary>
    private readonly SiloDeathWatch? _deaths;

    /// <summary>Counts <see cref="Invalidate"/> calls (of any tenant: they are rare, so one counter does).</summary>
    private long _generation;

    public TenantResolver(IClusterClient cluster, IOptions<TenancyOptions> options, TimeProvider time, LiveHub? live = null, SiloDeathWatch? deaths = null)
    {
        _cluster = cluster;
        _live = live;
        _deaths = deaths;
        if (live is not null)
        {
            live.TenantUpdated += Invalidate;
        }

        _options = options.Value;
        _tenants = new(_options.MaxCachedTenants, StringComparer.Ordinal, time);
        _unknownTenants = new(_options.MaxCachedMisses, StringComparer.Ordinal, time);
        _hosts = new(_options.MaxCachedTenants, StringComparer.OrdinalIgnoreCase, time);
        _unknownHosts = new(_options.MaxCachedMisses, StringComparer.OrdinalIgnoreCase, time);
    }

    /// <summary>Entries held by all the caches together (for tests and diagnostics).</summary>
    public int CachedEntries => _tenants.Count + _unknownTenants.Count + _hosts.Count + _unknownHosts.Count;

    /// <summary>The most entries the caches may hold together.</summary>
    public int MaxCachedEntries => 2 * (_options.MaxCachedTenants + _options.MaxCachedMisses);

    /// <summary>
    /// The tenant an API request names: the X-Civic-Tenant header, else the host, else <see cref="TenancyOptions.DefaultTenant"/>.
    /// </summary>
    public async Task<string?> SlugForAsync(HttpRequest request)
    {
        if (request.Headers.TryGetValue(Header, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim().ToLowerInvariant();
        }

        return await SlugForHostAsync(request);
    }

    /// <summary>
    /// The tenant of a browser flow (sign-in, OpenID Connect): the host, else <see cref="TenancyOptions.DefaultTenant"/>,
    /// never the header, which a page cannot set and whose tenant would not be the issuer's.
    /// </summary>
    public async Task<string?> SlugForHostAsync(HttpRequest request)
    {
        if (await HostSlugAsync(request.Host.Host) is { } slug)
        {
            return slug;
        }

        return string.IsNullOrWhiteSpace(_options.DefaultTenant) ? null : _options.DefaultTenant.Trim().ToLowerInvariant();
    }

    private async Task<string?> HostSlugAsync(string host)
    {
        var baseDomain = _options.BaseDomain;
        if (!string.IsNullOrEmpty(baseDomain) && host.EndsWith("." + baseDomain, StringComparison.OrdinalIgnoreCase))
        {
            var label = host[..^(baseDomain.Length + 1)];
            return label.Contains('.') ? null : label.ToLowerInvariant();
        }

        if (string.IsNullOrEmpty(host) || host.Length > MaxHostLength || host is "localhost" || System.Net.IPAddress.TryParse(host, out _))
        {
            return null;
        }

        if (_hosts.TryGet(host, out var cached))
        {
            return cached;
        }

        if (_unknownHosts.TryGet(host, out _))
        {
            return null;
        }

        var slug = await Guarded(_cluster.GetGrain<ITenantDirectoryGrain>(0).ResolveHostAsync(host.ToLowerInvariant()));
        if (slug is null)
        {
            _unknownHosts.Set(host, true, _options.MissCacheFor);
        }
        else
        {
            _hosts.Set(host, slug, _options.CacheFor);
        }

        return slug;
    }

    private Task<T> Guarded<T>(Task<T> lookup) => _deaths is null ? lookup : _deaths.GuardReadAsync(lookup);

    public async Task<TenantInfo?> TenantAsync(string slug)
    {
        // Slugs that cannot exist never reach a grain, and are not worth remembering.
        if (!TenantSlug.IsValid(slug))
        {
            return null;
        }

        if (_tenants.TryGet(slug, out var cached))
        {
            return cached;
        }

        if (_unknownTenants.TryGet(slug, out _))
        {
            return null;
        }

        // A lookup that overlaps a change must not cache what it read before the change (see Invalidate).
        var generation = Volatile.Read(ref _generation);
        var grain = _cluster.GetGrain<ITenantGrain>(slug);
        var tenant = await Guarded(_live is null ? grain.GetAsync() : grain.WatchAsync(_live.Reference));
        if (generation != Volatile.Read(ref _generation))
        {
            return tenant;
        }

        if (tenant is null)
        {
            _unknownTenants.Set(slug, true, _options.MissCacheFor);
        }
        else
        {
            _tenants.Set(slug, tenant, _options.CacheFor);
        }

        return tenant;
    }

    /// <summary>
    /// Forget a tenant after it changed: its next request reads the grain. Lookups already in flight (which may have
    /// read the grain before the change) do not cache their answer. Called on the node that made the change, and on
    /// every node by the tenant grain's message (see the class).
    /// </summary>
    public void Invalidate(string slug)
    {
        Interlocked.Increment(ref _generation);
        _tenants.Remove(slug);
        _unknownTenants.Remove(slug);
    }
}
