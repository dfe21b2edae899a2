using Civic.Api.Hosting;
using System.Globalization;
using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Civic.Tools.Postgres;
using Civic.Silo.Hosting;

namespace Civic.Tools.DevHost;

/// <summary>
/// <c>up [--data DIR] [--port 5080] [--silo-port N] [--gateway-port N] [--connection-string CS]</c>: the
/// one-process default behind <c>./civic up</c>. Starts (or reuses) a local PostgreSQL in DIR/pgdata, migrates it,
/// runs silo and API together on 127.0.0.1, seeds the demo tenant on first run and prints the URL and
/// ready-to-paste tokens. With --connection-string it uses that database instead of its own PostgreSQL (the
/// benchmark runs this very host in its own process so).
/// </summary>
public static class EmbeddedCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var line = new CommandLine(args);
        var data = Path.GetFullPath(line.Get("data") ?? Path.Combine(Environment.CurrentDirectory, ".civic"));
        var httpPort = line.GetInt("port", 5080);
        Directory.CreateDirectory(data);

        LocalPostgres? postgres = null;
        var connectionString = line.Get("connection-string");
        if (connectionString is null)
        {
            var pgPortFile = Path.Combine(data, "pg-port");
            var pgPort = File.Exists(pgPortFile) ? int.Parse(File.ReadAllText(pgPortFile).Trim(), CultureInfo.InvariantCulture) : 0;
            postgres = await LocalPostgres.StartAsync(new LocalPostgresOptions
            {
                DataDirectory = Path.Combine(data, "pgdata"),
                Port = pgPort,
                Durable = true,
                Log = message => Console.Error.WriteLine($"postgres: {message}"),
            });
            await File.WriteAllTextAsync(pgPortFile, postgres.Port.ToString(CultureInfo.InvariantCulture));
            connectionString = await postgres.CreateDatabaseAsync("civic");
        }

        await using var stopPostgres = postgres;

        // importPabulib by URL reads only the regular files of this folder (./civic import-pb reads any file: it runs locally).
        var imports = Path.Combine(data, "imports");
        Directory.CreateDirectory(imports);

        var app = await EmbeddedHost.BuildAsync(new EmbeddedHostOptions
        {
            Args = args,
            ConnectionString = connectionString,
            Urls = $"http://127.0.0.1:{httpPort}",
            SigningKey = DevSecrets.SigningKey(data),
            WebhookSecret = DevSecrets.WebhookSecret(data),
            ImportDirectory = imports,
            MailDirectory = Path.Combine(data, "mail"), // no SMTP relay here: ./civic mail lists what was sent
            ClusterId = ImportCommand.EmbeddedCluster,
            DefaultTenant = DemoSeed.Tenant, // 127.0.0.1 names no tenant: it serves the demo one
            SiloPort = line.GetInt("silo-port", 11111),
            GatewayPort = line.GetInt("gateway-port", 30000),
            Environment = SiloHost.DevelopmentUnlessSet, // a developer's machine, with a generated development key
            Settings = Settings(httpPort),
        });

        await app.StartAsync();
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        await DemoSeed.EnsureAsync(grains, TimeProvider.System);
        await DemoSeed.EnsureWebClientAsync(app.Services.GetRequiredService<Civic.Api.Oidc.OidcClients>(), httpPort);
        var demoPassword = DevSecrets.DemoPassword(data);
        if (await DemoAccounts.EnsureAsync(grains, connectionString, demoPassword) is { } problem)
        {
            Console.Error.WriteLine("warning: " + problem);
        }
        var tokens = app.Services.GetRequiredService<DevTokens>();
        Console.WriteLine($"""

            Civic is running (silo + API in one process, PostgreSQL {(postgres is null ? "given by --connection-string" : $"on 127.0.0.1:{postgres.Port}")}, data in {data}).

              Site:     http://127.0.0.1:{httpPort}/   (the demo tenant's web site, built from web/; sign in there)
              GraphQL:  http://127.0.0.1:{httpPort}/graphql   (the demo tenant; another one with the header  X-Civic-Tenant: SLUG)
              OpenID Connect issuer of the demo tenant: http://127.0.0.1:{httpPort}/  (client id {DemoSeed.WebClientId}, PKCE S256)
              Health:   http://127.0.0.1:{httpPort}/health/ready
              Metrics:  http://127.0.0.1:{httpPort}{CivicTelemetry.MetricsPath} (Prometheus)   Orleans Dashboard: http://127.0.0.1:{httpPort}{CivicTelemetry.DashboardPath}/
              Mail:     written to {Path.Combine(data, "mail")} (no mail server needed); ./civic mail lists the last ones
              Imports:  importPabulib(input: {"{"} url: "FILE.pb" {"}"}) reads files put in {imports}

              Sign in on the demo tenant (the sign-in page of the issuer above, or any OpenID Connect client):
                admin   {DemoAccounts.AdminEmail}
                member  {DemoAccounts.MemberEmail}
                password {demoPassword}   (kept in {Path.Combine(data, "demo-password")})

              Demo admin token  (admin-1, a development token: no account behind it):
            {tokens.Issue(DemoSeed.Tenant, "admin-1", Role.Admin)}

              Demo member token (alice, a development token):
            {tokens.Issue(DemoSeed.Tenant, "alice", Role.Member)}

              Demo census (verifyResidency(documentNumber, birthDate), or a polling officer's recordInPersonBallot):
            {string.Join("\n", DemoSeed.Census.Select(e => $"    {e.Number}  born {e.BirthDate}  district {e.District}"))}

              Try it:
              curl -s http://127.0.0.1:{httpPort}/graphql -H 'Content-Type: application/json' -H 'X-Civic-Tenant: {DemoSeed.Tenant}' \
                -d '{"{"}"query":"{"{"} campaigns {"{"} edges {"{"} node {"{"} id title status raised {"{"} amount currency {"}"} {"}"} {"}"} {"}"} {"}"}"{"}"}'

            Press Ctrl-C to stop.
            """);
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// What this machine's host adds to the defaults: mailed links on its port, and the operator's views (metrics and the
    /// Orleans Dashboard, served to this machine only) unless the environment says otherwise (Telemetry__Prometheus=false).
    /// </summary>
    private static List<KeyValuePair<string, string?>> Settings(int httpPort)
    {
        var settings = new List<KeyValuePair<string, string?>>();
        if (httpPort != 5080)
        {
            // Mailed account links point at this one address (Accounts:PublicBaseUrl defaults to port 5080).
            settings.Add(new("Accounts:PublicBaseUrl", "http://127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (var key in new[] { "Telemetry:Prometheus", "Telemetry:Dashboard" })
        {
            if (Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal)) is null)
            {
                settings.Add(new(key, "true"));
            }
        }

        return settings;
    }
}
