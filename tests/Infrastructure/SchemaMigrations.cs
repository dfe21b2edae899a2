using Civic.Silo.Database;
using Npgsql;
using Xunit;

namespace Civic.Tests.Infrastructure;

[Collection("postgres")]
public sealed class SchemaMigrations(PostgresServerFixture postgres)
{
    /// <summary>Every named query the Orleans 10.4.2 ADO.NET providers look up (required and optional ones).</summary>
    private static readonly string[] ProviderQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Apply_to_an_empty_database()
    {
        var connectionString = await PostgresServerFixture.CreateEmptyDatabaseAsync("mig");

        await Migrator.MigrateAsync(connectionString);

        var expected = Migrator.EmbeddedScripts().Select(s => s.Version).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await AppliedVersionsAsync(connectionString));
        var keys = await ListAsync(connectionString, "SELECT querykey FROM orleansquery ORDER BY querykey");
        Assert.Equal(ProviderQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Running_twice_is_a_no_op()
    {
        var connectionString = await PostgresServerFixture.CreateEmptyDatabaseAsync("mig");
        await Migrator.MigrateAsync(connectionString);
        var firstRun = await ListAsync(connectionString, "SELECT version || ' ' || applied_at::text FROM civic_schema_migrations ORDER BY version");

        await Migrator.MigrateAsync(connectionString);

        var secondRun = await ListAsync(connectionString, "SELECT version || ' ' || applied_at::text FROM civic_schema_migrations ORDER BY version");
        Assert.Equal(firstRun, secondRun);
    }

    [Fact]
    public async Task Concurrent_runs_apply_each_version_exactly_once()
    {
        var connectionString = await PostgresServerFixture.CreateEmptyDatabaseAsync("mig");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator.MigrateAsync(connectionString))));

        var expected = Migrator.EmbeddedScripts().Select(s => s.Version).ToArray();
        Assert.Equal(expected, await AppliedVersionsAsync(connectionString));
        Assert.Equal(
            ProviderQueryKeys.Length,
            await PostgresServerFixture.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleansquery"));
    }

    [Fact]
    public async Task A_script_changed_after_it_was_applied_is_reported()
    {
        var connectionString = await PostgresServerFixture.CreateEmptyDatabaseAsync("mig");
        await Migrator.MigrateAsync(connectionString, [MigrationScript.Create(1, "things", "CREATE TABLE things (id int);")]);

        var error = await Assert.ThrowsAsync<MigrationChecksumException>(() => Migrator.MigrateAsync(
            connectionString,
            [MigrationScript.Create(1, "things", "CREATE TABLE things (id bigint);"), MigrationScript.Create(2, "more", "CREATE TABLE more (id int);")]));

        Assert.Equal(1, error.Version);
        Assert.Contains("was changed after it was applied", error.Message);
        Assert.Equal(new[] { 1 }, await AppliedVersionsAsync(connectionString));
    }

    [Fact]
    public async Task A_failing_script_rolls_back_and_is_not_recorded()
    {
        var connectionString = await PostgresServerFixture.CreateEmptyDatabaseAsync("mig");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.MigrateAsync(
            connectionString,
            [MigrationScript.Create(1, "ok", "CREATE TABLE ok (id int);"), MigrationScript.Create(2, "broken", "CREATE TABLE half (id int); SELECT no_such_function();")]));

        Assert.Equal(new[] { 1 }, await AppliedVersionsAsync(connectionString));
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'half'"));
    }

    [Fact]
    public async Task The_fixture_hands_out_migrated_databases()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        Assert.Equal(Migrator.EmbeddedScripts().Select(s => s.Version), await AppliedVersionsAsync(connectionString));
    }

    private static async Task<int[]> AppliedVersionsAsync(string connectionString) =>
        [.. (await ListAsync(connectionString, "SELECT version::text FROM civic_schema_migrations ORDER BY civic_schema_migrations.version")).Select(int.Parse)];

    private static async Task<List<string>> ListAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
