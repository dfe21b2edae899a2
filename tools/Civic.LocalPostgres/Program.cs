using System.Globalization;
using Civic.Tools.Postgres;

// The command line ./civic runs, so that finding, installing, starting and stopping PostgreSQL is written once:
//   ensure                                  find (or install) the server binaries and, as root, the OS user to run them;
//                                           prints CIVIC_PG_BIN=DIR and, as root, CIVIC_PG_USER=USER
//   start --data DIR [--port N] [--database NAME] [--superuser NAME] [--fast]
//                                           initialise DIR if needed, start a server on 127.0.0.1 that outlives this
//                                           command, create the database; prints its connection string
//   stop --data DIR                         stop the server running on DIR
// Progress goes to standard error; standard output is only the result.
static void Log(string message) => Console.Error.WriteLine($"postgres: {message}");

try
{
    var verb = args.FirstOrDefault();
    var options = Options(args.Skip(1).ToArray());
    switch (verb)
    {
        case "ensure":
            Console.WriteLine($"CIVIC_PG_BIN={LocalPostgres.FindOrInstallBinDirectory(Log)}");
            if (LocalPostgres.ServerUser(log: Log) is { } user)
            {
                Console.WriteLine($"CIVIC_PG_USER={user}");
            }

            return 0;
        case "start":
            var server = await LocalPostgres.StartAsync(new LocalPostgresOptions
            {
                DataDirectory = Required(options, "data"),
                Port = options.TryGetValue("port", out var port) ? int.Parse(port, CultureInfo.InvariantCulture) : 0,
                SuperUser = options.GetValueOrDefault("superuser") ?? "postgres",
                Durable = !options.ContainsKey("fast"),
                Log = Log,
            });

            // Not disposed: the server is left running for the caller, which stops it with "stop".
            Console.WriteLine(await server.CreateDatabaseAsync(options.GetValueOrDefault("database") ?? "civic"));
            return 0;
        case "stop":
            var stopped = await LocalPostgres.StopRunningAsync(new LocalPostgresOptions { DataDirectory = Required(options, "data"), Log = Log });
            Log(stopped ? "stopped" : "no server was running");
            return 0;
        default:
            Console.Error.WriteLine("usage: Civic.LocalPostgres ensure | start --data DIR [--port N] [--database NAME] [--superuser NAME] [--fast] | stop --data DIR");
            return 2;
    }
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or TimeoutException)
{
    Console.Error.WriteLine($"postgres: error: {e.Message}");
    return 1;
}

static Dictionary<string, string> Options(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"unexpected argument '{args[i]}'");
        }

        var name = args[i][2..];
        options[name] = name == "fast" ? "true" : i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    }

    return options;
}

static string Required(Dictionary<string, string> options, string name) =>
    options.GetValueOrDefault(name) ?? throw new ArgumentException($"--{name} is required");
