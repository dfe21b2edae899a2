using System.Xml.Linq;
using Civic.Database.DataProtection;
using Civic.Silo.Database;
using Npgsql;
using Xunit;

namespace Civic.Tests.Infrastructure;

/// <summary>The Data Protection key ring's table (migration 0023) and the migration's refusal of plain census keys.</summary>
[Collection("postgres")]
public sealed class DataProtectionKeyRing(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Stored_elements_come_back_in_order_and_a_repeated_one_is_kept_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("dpk");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var repository = new PostgresXmlRepository(dataSource);
        Assert.Empty(repository.GetAllElements());

        repository.StoreElement(new XElement("key", new XAttribute("id", "1"), new XElement("secret", "a & b")), "key-1");
        repository.StoreElement(new XElement("revocation", new XAttribute("id", "1")), "revocation-1");
        repository.StoreElement(new XElement("key", new XAttribute("id", "1"), new XElement("secret", "a & b")), "key-1");

        // A second silo's repository over the same database reads what the first wrote.
        var elements = new PostgresXmlRepository(dataSource).GetAllElements().ToArray();
        Assert.Equal(["key", "revocation"], elements.Select(e => e.Name.LocalName));
        Assert.Equal("a & b", elements[0].Element("secret")!.Value);
    }

    [Fact]
    public async Task The_migration_refuses_a_database_holding_plain_census_keys()
    {
        var connectionString = await PostgresServerFixture.CreateEmptyDatabaseAsync("dpk");
        var scripts = Migrator.EmbeddedScripts();
        await Migrator.MigrateAsync(connectionString, [.. scripts.Where(s => s.Version <= 22)]);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("insert into civic_census_keys (tenant, secret) values ('t', '\\x00')", connection);
            await insert.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.MigrateAsync(connectionString, scripts));

        Assert.Contains("plain census keys", refused.Message, StringComparison.Ordinal);
        Assert.Equal(22L, await PostgresServerFixture.ScalarAsync<long>(connectionString, "select max(version)::bigint from civic_schema_migrations"));
    }
}
