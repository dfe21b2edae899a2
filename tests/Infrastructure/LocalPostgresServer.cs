using Civic.Tools.Postgres;
using Xunit;

namespace Civic.Tests.Infrastructure;

public sealed class LocalPostgresServer
{
    [Fact]
    public async Task A_second_start_on_the_same_data_directory_keeps_the_data()
    {
        var root = Directory.CreateTempSubdirectory("civic-pg-reuse-");
        if (!OperatingSystem.IsWindows())
        {
            // When the tests run as root, the server runs as an unprivileged user that must reach the folder.
            File.SetUnixFileMode(root.FullName, (UnixFileMode)0b111_101_101);
        }

        try
        {
            var options = new LocalPostgresOptions { DataDirectory = Path.Combine(root.FullName, "data"), Durable = false };
            await using (var first = await LocalPostgres.StartAsync(options, CancellationToken.None))
            {
                var db = await first.CreateDatabaseAsync("keep");
                await ExecuteAsync(db, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('hello');");
            }

            await using var second = await LocalPostgres.StartAsync(options, CancellationToken.None);

            Assert.False(second.IsTemporary);
            var again = await second.CreateDatabaseAsync("keep");
            Assert.Equal("hello", await PostgresServerFixture.ScalarAsync<string>(again, "SELECT v FROM kept"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Stop_and_start_again_keeps_port_and_data()
    {
        string dataDirectory;
        await using (var server = await LocalPostgres.StartAsync(new LocalPostgresOptions { Durable = false }, CancellationToken.None))
        {
            dataDirectory = server.DataDirectory;
            var db = await server.CreateDatabaseAsync("restart");
            await ExecuteAsync(db, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42);");
            var port = server.Port;

            await server.StopAsync();
            Assert.False(server.IsRunning);
            await Assert.ThrowsAnyAsync<Exception>(() => PostgresServerFixture.ScalarAsync<int>(db, "SELECT v FROM kept"));

            await server.StartAgainAsync();

            Assert.Equal(port, server.Port);
            Assert.Equal(42, await PostgresServerFixture.ScalarAsync<int>(db, "SELECT v FROM kept"));
        }

        Assert.False(Directory.Exists(dataDirectory), "a temporary data directory is deleted on dispose");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
