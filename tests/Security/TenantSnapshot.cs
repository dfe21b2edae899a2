using Npgsql;

namespace Civic.Tests.Security;

/// <summary>
/// Everything PostgreSQL holds for one tenant (every Civic table with a tenant column, and the tenant's
/// grain state rows), digested table by table. Hostile tests take one before and one after a refused
/// request and assert the two are equal: "nothing changed" is checked, not assumed.
/// </summary>
public sealed record TenantSnapshot(IReadOnlyDictionary<string, string> Digests)
{
    public static async Task<TenantSnapshot> TakeAsync(string connectionString, string tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            select c.table_name from information_schema.columns c
            where c.table_schema = 'public' and c.column_name = 'tenant' and c.table_name like 'civic\_%'
            order by c.table_name
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            // Table names come from the catalog above, never from input. The outbox's delivery columns are the mail
            // sender's, which works in the background: what a request wrote there is the mail, not its delivery.
            var row = table == "civic_mail_outbox" ? "(t.id, t.recipient, t.kind, t.locale, t.values, t.created_at)::text" : "t::text";
            digests[table] = await DigestAsync(connection,
                $"select count(*)::text || ':' || coalesce(md5(string_agg({row}, '|' order by {row})), '') from {table} t where t.tenant = $1",
                tenant);
        }

        digests["orleans_storage"] = await DigestAsync(connection, """
            select count(*)::text || ':' || coalesce(md5(string_agg(s.grainidextensionstring || '@' || s.version || '=' || md5(s.payloadbinary),
                '|' order by s.grainidextensionstring, s.graintypestring)), '')
            from orleans_storage s
            where s.grainidextensionstring = $1 or s.grainidextensionstring like $1 || '/%'
            """, tenant);
        return new TenantSnapshot(digests);
    }

    /// <summary>Fails with the tables whose content differs.</summary>
    public void AssertSameAs(TenantSnapshot after, string because)
    {
        var changed = Digests.Keys.Union(after.Digests.Keys)
            .Where(table => Digests.GetValueOrDefault(table) != after.Digests.GetValueOrDefault(table))
            .ToList();
        Assert.True(changed.Count == 0, $"{because}: changed {string.Join(", ", changed)}");
    }

    private static async Task<string> DigestAsync(NpgsqlConnection connection, string sql, string tenant)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
