namespace Civic.Api.Tenancy;

/// <summary>Configuration section "Tenancy".</summary>
public sealed class TenancyOptions
{
    /// <summary>Tenants are served at &lt;slug&gt;.&lt;BaseDomain&gt;, e.g. "civic.example" → "lyon.civic.example".</summary>
    public string? BaseDomain { get; set; }

    /// <summary>How long an API node caches a tenant's settings.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(10);
}
