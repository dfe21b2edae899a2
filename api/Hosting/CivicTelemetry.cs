using System.Net;
using Civic.Api.Auth;
using Civic.Api.Errors;
using Civic.Grains.Interfaces;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Civic.Api.Hosting;

/// <summary>Configuration section "Telemetry": what a process exports about itself.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve the Prometheus text format at <see cref="CivicTelemetry.MetricsPath"/> (to loopback callers and operators).</summary>
    public bool Prometheus { get; set; }

    /// <summary>An OTLP collector (for example <c>http://otel-collector:4317</c>): traces and metrics are pushed to it.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The Orleans Dashboard at <see cref="CivicTelemetry.DashboardPath"/> on silo hosts (loopback callers and operators).</summary>
    public bool Dashboard { get; set; }

    /// <summary>
    /// Networks (CIDR, for example a Kubernetes pod network <c>10.0.0.0/8</c>) whose callers may read
    /// <see cref="CivicTelemetry.MetricsPath"/> without a token: where the Prometheus scraper runs. The dashboard stays
    /// for loopback callers and operators.
    /// </summary>
    public string[] ScrapeNetworks { get; set; } = [];

    /// <summary>The service name in every exported resource.</summary>
    public string ServiceName { get; set; } = "civic";

    public bool Any => Prometheus || OtlpEndpoint is not null;

    public static TelemetryOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
}

/// <summary>
/// OpenTelemetry for every kind of Civic process (silo, API node, both in one): metrics of ASP.NET Core, Kestrel,
/// Orleans, Npgsql, the runtime and Civic's own meters (the ledger's); traces of requests through Orleans to PostgreSQL
/// when an OTLP collector is configured. Nothing is registered when no exporter is asked for, so an unobserved process
/// pays nothing.
/// </summary>
public static class CivicTelemetry
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/dashboard";

    /// <summary>The meters Civic's own code records with (grains do not reference the API: their names are kept in step here).</summary>
    public static readonly string[] CivicMeters = ["Civic.Ledger", GraphQL.Transport.GraphQLMetrics.MeterName, Live.LiveMetrics.MeterName];

    /// <summary>Orleans' activity sources: a grain call becomes a span of the request that made it.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static IServiceCollection AddCivicTelemetry(this IServiceCollection services, IConfiguration configuration, string role)
    {
        var options = TelemetryOptions.From(configuration);
        if (!options.Any || services.Any(s => s.ServiceType == typeof(Marker)))
        {
            return services;
        }

        services.AddSingleton<Marker>();
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource
            .AddService(options.ServiceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}")
            .AddAttributes([new KeyValuePair<string, object>("civic.role", role)]));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
                    "Microsoft.Orleans", "Npgsql")
                .AddMeter(CivicMeters)
                .AddRuntimeInstrumentation();
            if (options.Prometheus)
            {
                metrics.AddPrometheusExporter();
            }

            if (options.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
            }
        });
        if (options.OtlpEndpoint is { } collector)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddSource(OrleansSources)
                .AddNpgsql()
                .AddOtlpExporter(otlp => otlp.Endpoint = collector));
        }

        return services;
    }

    /// <summary>
    /// Serves <see cref="MetricsPath"/> when Prometheus is on, and guards it and <see cref="DashboardPath"/>: they are for
    /// the people who run the platform, a caller on this machine (an SSH tunnel, a sidecar scraper) or one with an
    /// operator token, and for the metrics a caller in <see cref="TelemetryOptions.ScrapeNetworks"/>; anyone else gets
    /// 404, as if nothing were there. Call it after authentication.
    /// </summary>
    public static IApplicationBuilder UseCivicTelemetry(this IApplicationBuilder app, IConfiguration configuration)
    {
        var options = TelemetryOptions.From(configuration);
        if (!options.Prometheus && !options.Dashboard)
        {
            return app; // nothing to serve or guard: no check on every request
        }

        var scrapers = ParseNetworks(options.ScrapeNetworks);
        app.UseWhen(context => IsOperational(context.Request.Path), branch => branch.Use(async (context, next) =>
        {
            if (!IsOperatorOrLoopback(context) && !IsScraper(context, scrapers))
            {
                await ErrorStatus.WriteAsync(context, ErrorCodes.NotFound, "Not found.", context.RequestAborted);
                return;
            }

            await next(context);
        }));
        if (options.Prometheus)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == MetricsPath);
        }

        return app;
    }

    /// <summary>The configured networks; a value that is no CIDR network stops the start with the value named.</summary>
    public static IPNetwork[] ParseNetworks(IEnumerable<string> networks) =>
        networks.Select(network => IPNetwork.TryParse(network, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"Telemetry:ScrapeNetworks: '{network}' is not a network in CIDR notation (for example 10.0.0.0/8)."))
        .ToArray();

    private static bool IsScraper(HttpContext context, IPNetwork[] scrapers) =>
        scrapers.Length > 0
        && context.Request.Path.StartsWithSegments(MetricsPath)
        && context.Connection.RemoteIpAddress is { } address
        && scrapers.Any(network => network.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    private static bool IsOperational(PathString path) => path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(DashboardPath);

    public static bool IsOperatorOrLoopback(HttpContext context) =>
        (context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address))
        || context.User.FindFirst(JwtSettings.RoleClaim)?.Value == DevTokens.RoleName(Role.Operator);

    private sealed class Marker;
}
