using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Civic.Silo.Hosting;

namespace Civic.Tools.DevHost;

/// <summary>
/// What differs between the users of <see cref="EmbeddedHost"/>: <c>./civic up</c>, the API tests, the benchmark
/// and the import verb. Everything else (the settings every one-process Civic needs) is written once, in the builder.
/// </summary>
public sealed class EmbeddedHostOptions
{
    /// <summary>The database: <c>ConnectionStrings:Civic</c>.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>HTTP listen address; the default picks a free loopback port (read it back from <c>app.Urls</c>).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>Serve the GraphQL API in the silo's process (<c>Civic:HostApi</c>); false for a silo only.</summary>
    public bool HostApi { get; init; } = true;

    /// <summary>The development key that signs and checks tokens (<c>Jwt:SigningKey</c>); null sets none.</summary>
    public string? SigningKey { get; init; }

    /// <summary>The tenant served where the host names none, e.g. on 127.0.0.1 (<c>Tenancy:DefaultTenant</c>); null sets none.</summary>
    public string? DefaultTenant { get; init; }

    /// <summary>The sandbox payment provider's webhook secret; null sets none (the provider then takes no webhooks).</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>The folder <c>importPabulib</c> may read (<c>Civic:ImportDirectory</c>); null sets none.</summary>
    public string? ImportDirectory { get; init; }

    /// <summary>Where mails go as .eml files when no SMTP relay is set (<c>Mail:Directory</c>); null sets none.</summary>
    public string? MailDirectory { get; init; }

    /// <summary>Orleans cluster and service id; null makes a fresh one, so that no two hosts of a run ever meet.</summary>
    public string? ClusterId { get; init; }

    /// <summary>Silo-to-silo and gateway ports; 0 takes a free one.</summary>
    public int SiloPort { get; init; }

    public int GatewayPort { get; init; }

    /// <summary>The host environment (null: ASPNETCORE_ENVIRONMENT, else Production); see <see cref="SiloHost.DevelopmentUnlessSet"/>.</summary>
    public string? Environment { get; init; } = Environments.Development;

    /// <summary>Log warnings and errors only, to standard error.</summary>
    public bool Quiet { get; init; }

    /// <summary>The caller's own settings, applied over the builder's.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings { get; init; } = [];

    /// <summary>Service registrations made after Civic's own, so that they replace its defaults (a fake clock, for one).</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Command-line arguments for the configuration (below the settings above).</summary>
    public string[] Args { get; init; } = [];
}

/// <summary>
/// The one configuration of Civic in one process, a silo that also serves the GraphQL API (as <c>./civic up</c>
/// runs it): used by <c>./civic up</c>, the API tests' fixture, the benchmark and <c>import-pb</c>, each passing
/// only its differences in <see cref="EmbeddedHostOptions"/>.
/// </summary>
public static class EmbeddedHost
{
    /// <summary>Builds the host (migrating the database first, as every silo does); the caller starts it.</summary>
    public static Task<WebApplication> BuildAsync(EmbeddedHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = Settings(options);
        return SiloHost.BuildAsync(options.Args, builder =>
        {
            builder.WebHost.UseUrls(options.Urls);
            builder.Configuration.AddInMemoryCollection(settings);
        }, options.Quiet, options.Environment, options.Services);
    }

    /// <summary>The in-memory settings <see cref="BuildAsync"/> adds over appsettings.json, the environment and the command line.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Settings(EmbeddedHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clusterId = options.ClusterId ?? "embedded-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Civic"] = options.ConnectionString,
            ["Civic:HostApi"] = options.HostApi ? "true" : "false",
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = clusterId,
            ["Orleans:SiloPort"] = Port(options.SiloPort),
            ["Orleans:GatewayPort"] = Port(options.GatewayPort),
        };
        if (options.SigningKey is not null)
        {
            settings["Jwt:SigningKey"] = options.SigningKey;
        }

        if (options.DefaultTenant is not null)
        {
            settings["Tenancy:DefaultTenant"] = options.DefaultTenant;
        }

        if (options.WebhookSecret is not null)
        {
            settings["Payments:WebhookSecrets:sandbox"] = options.WebhookSecret;
        }

        if (options.ImportDirectory is not null)
        {
            settings["Civic:ImportDirectory"] = options.ImportDirectory;
        }

        if (options.MailDirectory is not null)
        {
            settings["Mail:Directory"] = options.MailDirectory;
        }

        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        return [.. settings];
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Port(int port) => (port == 0 ? FreePort() : port).ToString(CultureInfo.InvariantCulture);
}
