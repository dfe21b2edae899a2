using System.Net;
using Civic.Api.Hosting;
using Civic.Silo.Database;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Civic.Silo.Hosting;

/// <summary>Configuration section "Orleans": how this silo joins the cluster.</summary>
public sealed class OrleansSettings
{
    public string ClusterId { get; set; } = "civic";
    public string ServiceId { get; set; } = "civic";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string AdvertisedIP { get; set; } = "127.0.0.1";
}

/// <summary>Builds the silo's web host: the silo, its health endpoints and, when asked, the API in the same process.</summary>
public static class SiloHost
{
    /// <param name="quiet">Log warnings and errors only, to standard error (for verbs whose standard output is their result).</param>
    /// <param name="environment">
    /// The host environment; null takes it from ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT (Production when unset).
    /// Development uses (the embedded mode, tests, the benchmark) say <see cref="DevelopmentUnlessSet"/>.
    /// </param>
    /// <param name="services">Registrations made after Civic's own, so they replace its defaults (a test's clock, for one).</param>
    public static async Task<WebApplication> BuildAsync(
        string[] args, Action<WebApplicationBuilder>? configure = null, bool quiet = false, string? environment = null,
        Action<IServiceCollection>? services = null)
    {
        // appsettings.json is read from beside the binary, whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = environment,
        });
        if (quiet)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        configure?.Invoke(builder);
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString("Civic")
            ?? throw new InvalidOperationException("Set ConnectionStrings:Civic (env ConnectionStrings__Civic).");
        var orleans = configuration.GetSection("Orleans").Get<OrleansSettings>() ?? new OrleansSettings();
        var hostApi = configuration.GetValue("Civic:HostApi", false);

        // Every silo migrates at start-up; the advisory lock makes concurrent starts take turns.
        using (var loggerFactory = LoggerFactory.Create(l => l
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(quiet ? LogLevel.Warning : LogLevel.Information)))
        {
            await Migrator.MigrateAsync(connectionString, loggerFactory.CreateLogger("Civic.Migrations"));
        }

        var telemetry = TelemetryOptions.From(configuration);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureCivic(connectionString);
            if (telemetry.OtlpEndpoint is not null)
            {
                silo.AddActivityPropagation(); // a grain call joins the trace of the request that made it
            }

            if (telemetry.Dashboard)
            {
                silo.AddDashboard();
            }

            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = orleans.ClusterId;
                o.ServiceId = orleans.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(orleans.AdvertisedIP), orleans.SiloPort, orleans.GatewayPort);
        });

        builder.Services.AddCivicTelemetry(configuration, hostApi ? "embedded" : "silo");
        // The Civic data source is the grains' (AddCivicGrains): its sessions carry the silo's name (DeadSiloSessions).
        if (hostApi)
        {
            builder.Services.AddCivicApi(configuration, builder.Environment, connectionString);
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (hostApi)
        {
            app.MapCivicApi();
        }
        else
        {
            app.UseCivicTelemetry(configuration); // loopback callers only: a silo host takes no tokens
            app.MapSiloHealth();
        }

        if (telemetry.Dashboard)
        {
            app.MapOrleansDashboard(CivicTelemetry.DashboardPath);
        }

        return app;
    }

    /// <summary>Development, unless the operator named an environment in ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT.</summary>
    public static string DevelopmentUnlessSet =>
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } aspnet ? aspnet
        : Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet ? dotnet
        : Environments.Development;

    /// <summary>Health of a silo that serves no API: live, and ready once PostgreSQL answers and the silo is active.</summary>
    private static void MapSiloHealth(this WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Json(new { status = "live" }));
        app.MapGet("/health/ready", async (Npgsql.NpgsqlDataSource db, ISiloStatusOracle oracle, CancellationToken ct) =>
        {
            bool database;
            try
            {
                await using var command = db.CreateCommand("select 1");
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                database = await command.ExecuteScalarAsync(timeout.Token) is 1;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                database = false;
            }

            var cluster = oracle.CurrentStatus == SiloStatus.Active;
            var ready = database && cluster;
            return Results.Json(new { status = ready ? "ready" : "not-ready", database, cluster },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
