using Civic.Silo.Database;
using Civic.Tools.Postgres;
using Npgsql;
using Xunit;

namespace Civic.Tests.Infrastructure;

/// <summary>
/// One throw-away PostgreSQL server (Durable = false) shared by every fixture of the test run; each caller
/// gets its own database, so fixtures never share data. Fixtures lease the server: the first lease starts it,
/// the last release stops it and deletes its folder (the test host is killed too soon after the run for a
/// process-exit hook to do it). Use <c>[Collection("postgres")]</c>, or lease it from another fixture with
/// <see cref="AcquireAsync"/> / <see cref="ReleaseAsync"/> as <see cref="ClusterFixture"/> does.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static LocalPostgres? _server;
    private static int _leases;

    public static async Task<LocalPostgres> AcquireAsync()
    {
        await Gate.WaitAsync();
        try
        {
            // Every fixture's host keeps its own pools on this one server, and the suite runs many at once: room for all.
            _server ??= await LocalPostgres.StartAsync(new LocalPostgresOptions { Durable = false, MaxConnections = 800 });
            _leases++;
            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--_leases == 0 && _server is not null)
            {
                await _server.DisposeAsync();
                _server = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The shared server; only valid while a lease is held.</summary>
    public static LocalPostgres Server => _server
        ?? throw new InvalidOperationException("No PostgreSQL lease is held: use [Collection(\"postgres\")] or PostgresServerFixture.AcquireAsync().");

    /// <summary>A fresh database with every migration applied; returns its connection string.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync(string prefix = "t")
    {
        var connectionString = await CreateEmptyDatabaseAsync(prefix);
        await Migrator.MigrateAsync(connectionString);
        return connectionString;
    }

    /// <summary>A fresh, empty database (no migrations); returns its connection string.</summary>
    public static Task<string> CreateEmptyDatabaseAsync(string prefix = "t") =>
        Server.CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}");

    /// <summary>Runs a scalar query; a small helper for assertions on tables.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A fresh database with every migration applied; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "t") => CreateMigratedDatabaseAsync(prefix);

    public Task InitializeAsync() => AcquireAsync();

    public Task DisposeAsync() => ReleaseAsync();
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
}
