namespace Civic.Api.Tenancy;

/// <summary>Configuration section "Tenancy".</summary>
public sealed class TenancyOptions
{
    /// <summary>Tenants are served at &lt;slug&gt;.&lt;BaseDomain&gt;, e.g. "civic.example" → "lyon.civic.example".</summary>
    public string? BaseDomain { get; set; }

    /// <summary>
    /// The tenant of a request whose host names none (an IP address, localhost): the embedded mode sets the demo
    /// tenant, so that 127.0.0.1 serves it. The X-Civic-Tenant header still wins over it for API calls.
    /// </summary>
    public string? DefaultTenant { get; set; }

    /// <summary>How long an API node caches a tenant's settings (and a host name's tenant).</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an API node remembers that a tenant slug or host name is unknown.</summary>
    public TimeSpan MissCacheFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many tenants cached per API node (and as many host names): beyond it, the least recently used goes.</summary>
    public int MaxCachedTenants { get; set; } = 10_000;

    /// <summary>At most this many unknown slugs cached as misses per API node (and as many unknown host names).</summary>
    public int MaxCachedMisses { get; set; } = 1_000;
}
