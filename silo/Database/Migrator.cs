using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Civic.Silo.Database;

/// <summary>
/// Applies the numbered SQL scripts embedded in this assembly (<c>db/migrations/NNNN_name.sql</c>) in order,
/// each once, each in its own transaction, recorded in <c>civic_schema_migrations</c>.
/// A PostgreSQL advisory lock serialises silos that start at the same time.
/// </summary>
public static partial class Migrator
{
    /// <summary>Advisory lock key: "civic" + "mig" in ASCII, fixed so every process takes the same lock.</summary>
    public const long AdvisoryLockKey = 0x6369766963_6D6967;

    /// <summary>Brings the database to the latest schema; a no-op when it is already there.</summary>
    public static Task MigrateAsync(string connectionString, ILogger? logger = null, CancellationToken ct = default) =>
        MigrateAsync(connectionString, EmbeddedScripts(), logger, ct);

    /// <summary>Applies the given scripts; exposed for tests and tools that bring their own scripts.</summary>
    public static async Task MigrateAsync(string connectionString, IReadOnlyList<MigrationScript> scripts, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(scripts);
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migration scripts share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");
        }

        // Session-level advisory locks belong to the server session: never share it through the pool's reset.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);

        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS civic_schema_migrations
                (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, ct);

            var applied = new Dictionary<int, (string Name, string Checksum)>();
            await using (var read = new NpgsqlCommand("SELECT version, name, checksum FROM civic_schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
                }
            }

            foreach (var script in scripts.OrderBy(s => s.Version))
            {
                if (applied.TryGetValue(script.Version, out var done))
                {
                    if (!string.Equals(done.Checksum, script.Checksum, StringComparison.Ordinal))
                    {
                        throw new MigrationChecksumException(script.Version, script.Name, done.Checksum, script.Checksum);
                    }

                    continue;
                }

                logger?.LogInformation("Applying schema migration {Version} {Name}", script.Version, script.Name);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                try
                {
                    await ExecuteAsync(connection, transaction, script.Sql, ct);
                }
                catch (PostgresException e)
                {
                    throw new InvalidOperationException($"Schema migration {script.Version} ({script.Name}) failed: {e.MessageText} (SQLSTATE {e.SqlState}, position {e.Position}).", e);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO civic_schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
                {
                    record.Parameters.AddWithValue("version", script.Version);
                    record.Parameters.AddWithValue("name", script.Name);
                    record.Parameters.AddWithValue("checksum", script.Checksum);
                    await record.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
            }
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    /// <summary>The <c>NNNN_name.sql</c> scripts embedded in the silo assembly, ordered by version.</summary>
    public static IReadOnlyList<MigrationScript> EmbeddedScripts()
    {
        var assembly = typeof(Migrator).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            scripts.Add(MigrationScript.Create(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    // Resource names look like "Civic.Silo.Migrations.0001_orleans_clustering.sql".
    [GeneratedRegex(@"(?:^|\.)(?<version>\d{4,})_(?<name>[A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex ScriptName();
}

/// <summary>One numbered migration script; the checksum is over its text with line endings normalised.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    public static MigrationScript Create(int version, string name, string sql)
    {
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
        return new MigrationScript(version, name, normalised, checksum);
    }
}

/// <summary>An applied migration script was edited afterwards: its recorded checksum no longer matches.</summary>
public sealed class MigrationChecksumException(int version, string name, string appliedChecksum, string currentChecksum)
    : InvalidOperationException(
        $"Schema migration {version} ({name}) was changed after it was applied: recorded checksum {appliedChecksum}, " +
        $"embedded script checksum {currentChecksum}. Never edit an applied migration; add a new numbered script instead.")
{
    public int Version { get; } = version;

    public string ScriptName { get; } = name;
}
