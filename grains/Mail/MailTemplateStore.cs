using Npgsql;

namespace Civic.Grains.Mail;

/// <summary>A template a tenant's admin wrote (a row of <c>civic_mail_templates</c>).</summary>
public sealed record StoredTemplate(string Kind, string Locale, string Subject, string Text, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>The tenants' own mail templates: written by their templates grain, read by it and by the mail sender.</summary>
public sealed class MailTemplateStore(NpgsqlDataSource dataSource)
{
    /// <summary>The tenant's template of the kind in the locale, or null when it has none (Civic's own applies).</summary>
    public async Task<StoredTemplate?> GetAsync(string tenant, string kind, string locale, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select kind, locale, subject, body, updated_at, updated_by from civic_mail_templates
            where tenant = $1 and kind = $2 and locale = $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = locale });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Every template of the tenant (at most one per kind and locale, so the list is bounded by the kinds).</summary>
    public async Task<List<StoredTemplate>> ListAsync(string tenant)
    {
        await using var command = dataSource.CreateCommand("""
            select kind, locale, subject, body, updated_at, updated_by from civic_mail_templates
            where tenant = $1 order by kind, locale
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync();
        var templates = new List<StoredTemplate>();
        while (await reader.ReadAsync())
        {
            templates.Add(Read(reader));
        }

        return templates;
    }

    public async Task UpsertAsync(string tenant, StoredTemplate template)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_mail_templates (tenant, kind, locale, subject, body, updated_at, updated_by)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (tenant, kind, locale) do update
                set subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = template.Kind });
        command.Parameters.Add(new NpgsqlParameter { Value = template.Locale });
        command.Parameters.Add(new NpgsqlParameter { Value = template.Subject });
        command.Parameters.Add(new NpgsqlParameter { Value = template.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = template.UpdatedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = template.UpdatedBy });
        await command.ExecuteNonQueryAsync();
    }

    public async Task DeleteAsync(string tenant, string kind, string locale)
    {
        await using var command = dataSource.CreateCommand(
            "delete from civic_mail_templates where tenant = $1 and kind = $2 and locale = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = locale });
        await command.ExecuteNonQueryAsync();
    }

    private static StoredTemplate Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5));
}
