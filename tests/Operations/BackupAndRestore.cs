using System.Diagnostics;
using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;
using Civic.Tools.DevHost;
using Civic.Tools.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;

namespace Civic.Tests.Operations;

/// <summary>
/// The README runbook's backup and restore, step by step, with PostgreSQL's own tools: <c>pg_dump</c> of a live
/// database while Civic runs, a disaster (the host gone), <c>pg_restore</c> into a new database, the old cluster's
/// membership rows deleted, Civic started on the restored database: the campaign shows what was acknowledged before
/// the dump, nothing after it, and takes pledges again on the same ledger.
/// </summary>
[Collection("postgres")]
public sealed class BackupAndRestore
{
    private const string Key = ApiFixture.SigningKey;
    private readonly DevTokens _tokens = new(new JwtSettings { SigningKey = Key }, TimeProvider.System);

    [Fact]
    public async Task A_dump_taken_while_civic_runs_restores_into_a_database_civic_starts_on_with_every_acknowledged_pledge()
    {
        var server = PostgresServerFixture.Server;
        var source = await PostgresServerFixture.CreateMigratedDatabaseAsync("backup");
        var clusterId = "restore-" + Guid.NewGuid().ToString("N")[..8];
        var tenant = "b" + Guid.NewGuid().ToString("N")[..8];
        var dump = Path.Combine(Path.GetTempPath(), $"civic-{Guid.NewGuid():N}.dump");
        string campaign;
        try
        {
            await using (var before = await StartAsync(source, clusterId))
            {
                using (var platform = Client(before, null, _tokens.Issue("platform", "root", Role.Operator)))
                {
                    await platform.OkAsync("mutation($input: CreateTenantInput!) { createTenant(input: $input) { slug } }",
                        new { input = new { slug = tenant, name = "Ville sauvegardée" } });
                }

                using var admin = Client(before, tenant, _tokens.Issue(tenant, "admin", Role.Admin));
                using var member = Client(before, tenant, _tokens.Issue(tenant, "alice", Role.Member));
                campaign = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
                await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
                for (var i = 0; i < 3; i++)
                {
                    await member.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 2_500, idempotencyKey = $"before-{i}" } });
                }

                // The runbook's backup, while the host keeps serving: one consistent snapshot in PostgreSQL's custom format.
                await RunAsync(server, "pg_dump", "--format=custom", "--no-owner", $"--file={dump}", "--dbname", Uri(server, source));
                await member.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 1_000, idempotencyKey = "after" } });
            }

            // The disaster: the database is gone; a new one gets the dump.
            var restored = await PostgresServerFixture.CreateEmptyDatabaseAsync("restored");
            await RunAsync(server, "pg_restore", "--no-owner", "--exit-on-error", "--dbname", Uri(server, restored), dump);
            // The silos of the backup are not coming back: their membership rows go, so the new silo does not wait for them.
            var stale = await ExecuteAsync(restored, "delete from orleans_membership_version where deploymentid = @cluster", clusterId);
            Assert.Equal(1, stale);

            await using var after = await StartAsync(restored, clusterId);
            using var resident = Client(after, tenant, _tokens.Issue(tenant, "alice", Role.Member));
            var shown = (await resident.OkAsync(Documents.Campaign, new { id = campaign }))["campaign"]!;
            Assert.Equal(7_500, shown["raised"]!["amount"]!.GetValue<long>()); // the three before the dump, not the one after
            Assert.Equal(3, shown["contributions"]!.GetValue<int>());

            // The restored ledger goes on: a retry of an acknowledged pledge is recognised, a new one counts.
            var retried = (await resident.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 2_500, idempotencyKey = "before-1" } }))["pledge"]!;
            Assert.True(retried["replayed"]!.GetValue<bool>());
            var next = (await resident.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 500, idempotencyKey = "restored-1" } }))["pledge"]!;
            Assert.Equal(8_000, next["raised"]!["amount"]!.GetValue<long>());
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static GraphQLClient Client(Host host, string? tenant, string token) => new(host.Address, tenant, token);

    private static async Task<Host> StartAsync(string connectionString, string clusterId)
    {
        var app = await EmbeddedHost.BuildAsync(new EmbeddedHostOptions
        {
            ConnectionString = connectionString,
            SigningKey = Key,
            ClusterId = clusterId,
            Environment = Environments.Development,
            Settings = [new("Logging:LogLevel:Default", "Warning")],
        });
        await app.StartAsync();
        return new Host(app, new Uri(app.Urls.First()));
    }

    /// <summary>A libpq URI for the client tools (they take the database as a connection string).</summary>
    private static string Uri(LocalPostgres server, string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static async Task RunAsync(LocalPostgres server, string tool, params string[] arguments)
    {
        var bin = LocalPostgres.FindBinDirectory() ?? throw new InvalidOperationException("PostgreSQL's client tools are not installed.");
        var start = new ProcessStartInfo(Path.Combine(bin, tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode} (server on port {server.Port}): {await errors}");
    }

    private static async Task<int> ExecuteAsync(string connectionString, string sql, string cluster)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("cluster", cluster);
        return await command.ExecuteNonQueryAsync();
    }

    private sealed record Host(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
