using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Civic.Api.Hosting;

/// <summary>
/// Configuration section "Proxies": the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> Civic believes. With none (the default) those headers are ignored, so a
/// client cannot pick the address its rate limit is counted under; behind a proxy, name it here, or
/// every client is counted as the proxy's one address.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxies";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

public static class Proxies
{
    public static IServiceCollection AddCivicProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        services.AddSingleton(proxies);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default: trust exactly what the operator named, nothing else.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Proxies:KnownProxies holds '{proxy}', which is not an IP address."));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"Proxies:KnownNetworks holds '{network}', which is not a CIDR network."));
            }

            // Only the address the nearest trusted proxy saw: a client cannot prepend addresses of its own choosing.
            options.ForwardLimit = 1;
        });
        return services;
    }

    /// <summary>Applies the forwarded headers of trusted proxies, before anything reads the client's address.</summary>
    public static WebApplication UseCivicProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ProxyOptions>().Any)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
