namespace Civic.Grains.Interfaces;

/// <summary>
/// The public base URL of a tenant's site, from the tenant's own configuration only (never from a request's
/// Host header, which an attacker chooses: a reset link built from it is a poisoned link). The tenant's first
/// custom host wins; else &lt;slug&gt;.&lt;base domain&gt; when the platform has one; else the configured
/// fallback (the embedded mode's one address), where the tenant travels as a query parameter.
/// </summary>
public static class TenantUrls
{
    /// <summary>The base URL (no trailing slash) and whether links must name the tenant (<c>tenant=slug</c>).</summary>
    public static (string BaseUrl, bool NamesTenant) BaseOf(TenantInfo tenant, string? baseDomain, string fallbackBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (!tenant.CustomHosts.IsDefaultOrEmpty)
        {
            return ("https://" + tenant.CustomHosts[0], false);
        }

        if (!string.IsNullOrWhiteSpace(baseDomain))
        {
            return ($"https://{tenant.Slug}.{baseDomain.Trim().TrimStart('.')}", false);
        }

        return (fallbackBaseUrl.TrimEnd('/'), true);
    }

    /// <summary>A link to <paramref name="path"/> (from the site's root) carrying a one-time token.</summary>
    public static string Link(TenantInfo tenant, string? baseDomain, string fallbackBaseUrl, string path, string token)
    {
        var (baseUrl, namesTenant) = BaseOf(tenant, baseDomain, fallbackBaseUrl);
        var link = $"{baseUrl}{path}?token={Uri.EscapeDataString(token)}";
        return namesTenant ? link + "&tenant=" + Uri.EscapeDataString(tenant.Slug) : link;
    }
}
