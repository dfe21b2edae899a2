using System.Globalization;
using Civic.Api.Hosting;
using Civic.Grains.Interfaces;
using Civic.Tools.Postgres;
using Npgsql;
using Orleans.Configuration;

namespace Civic.Tools.DevHost;

/// <summary>
/// <c>import-pb FILE --tenant T [--close] [--title X] [--data DIR]</c>: imports a Pabulib file as a new
/// vote of the embedded default and prints its id; with --close also closes it and prints
/// <c>selected: ID,ID,...</c> with the file's own project ids, sorted. Joins a running <c>./civic up</c>
/// as a cluster client, or else runs the embedded database and a silo itself for the import.
/// </summary>
public static class ImportCommand
{
    public const string EmbeddedCluster = "civic-embedded";

    public static async Task<int> RunAsync(string[] args)
    {
        CommandLine line;
        string file;
        try
        {
            line = new CommandLine(args, "close");
            file = line.Positional.Count == 1 ? line.Positional[0] : throw new ArgumentException("Give exactly one .pb file.");
            line.Require("tenant");
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"import-pb: {ex.Message}");
            Console.Error.WriteLine("usage: import-pb FILE --tenant SLUG [--close] [--title TITLE] [--data DIR]");
            return 2;
        }

        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"import-pb: no such file: {file}");
            return 2;
        }

        var data = Path.GetFullPath(line.Get("data") ?? Path.Combine(Environment.CurrentDirectory, ".civic"));
        var content = await File.ReadAllTextAsync(file);
        try
        {
            return await WithGrainsAsync(data, grains => ImportAsync(grains, line, content));
        }
        catch (CivicException ex)
        {
            Console.Error.WriteLine($"import-pb: {ex.Code}: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> ImportAsync(IGrainFactory grains, CommandLine line, string content)
    {
        var tenant = line.Require("tenant");
        if (tenant == DemoSeed.Tenant)
        {
            await DemoSeed.EnsureAsync(grains, TimeProvider.System);
        }

        if (await grains.GetGrain<ITenantGrain>(tenant).GetAsync() is null)
        {
            throw new CivicException(ErrorCodes.NotFound, $"There is no tenant '{tenant}'.");
        }

        var id = GrainKeys.NewId(IdPrefixes.Vote);
        var vote = await grains.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, id)).ImportPabulibAsync(
            new ImportPabulib(content, line.Get("title"), line.Has("close")), new Actor(tenant, "import", Role.Admin));
        Console.WriteLine(vote.Id);
        if (vote.Results is { } results)
        {
            var external = vote.Options.ToDictionary(o => o.Id, o => o.ExternalId ?? o.Id, StringComparer.Ordinal);
            Console.WriteLine("selected: " + string.Join(",", Sorted(results.Selected.Select(s => external[s]))));
        }

        return 0;
    }

    /// <summary>Natural order: "c2" before "c10", "9" before "10".</summary>
    public static IEnumerable<string> Sorted(IEnumerable<string> ids) =>
        ids.Order(Comparer<string>.Create(static (a, b) =>
        {
            var (pa, na) = Split(a);
            var (pb, nb) = Split(b);
            var byPrefix = string.CompareOrdinal(pa, pb);
            return byPrefix != 0 ? byPrefix : na != nb ? na.CompareTo(nb) : string.CompareOrdinal(a, b);
        }));

    private static (string Prefix, decimal Number) Split(string id)
    {
        var digits = id.Length;
        while (digits > 0 && char.IsAsciiDigit(id[digits - 1]))
        {
            digits--;
        }

        return digits < id.Length && id.Length - digits <= 20
            ? (id[..digits], decimal.Parse(id[digits..], CultureInfo.InvariantCulture))
            : (id, -1);
    }

    private static async Task<int> WithGrainsAsync(string data, Func<IGrainFactory, Task<int>> work)
    {
        var portFile = Path.Combine(data, "pg-port");
        if (File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile).Trim(), out var port) && await AnswersAsync(port))
        {
            // ./civic up is running: join its cluster as a client.
            var connectionString = ConnectionString(port);
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.UseOrleansClient(client =>
            {
                client.UseCivicPostgresClustering(connectionString);
                client.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = EmbeddedCluster);
            });
            using var host = builder.Build();
            await host.StartAsync();
            try
            {
                return await work(host.Services.GetRequiredService<IClusterClient>());
            }
            finally
            {
                await host.StopAsync();
            }
        }

        // Nothing running: the embedded database and a silo of our own, for the time of the import.
        Directory.CreateDirectory(data);
        await using var postgres = await LocalPostgres.StartAsync(new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(data, "pgdata"),
            Port = File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile).Trim(), out var saved) ? saved : 0,
        });
        await File.WriteAllTextAsync(portFile, postgres.Port.ToString(CultureInfo.InvariantCulture));
        var cs = await postgres.CreateDatabaseAsync("civic");
        var app = await EmbeddedHost.BuildAsync(new EmbeddedHostOptions
        {
            ConnectionString = cs,
            HostApi = false,
            ClusterId = EmbeddedCluster,
            Environment = null,
            Quiet = true,
        });
        await app.StartAsync();
        try
        {
            return await work(app.Services.GetRequiredService<IGrainFactory>());
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string ConnectionString(int port) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "civic" }.ConnectionString;

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString(port) + ";Timeout=2");
            await connection.OpenAsync();
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }
}
