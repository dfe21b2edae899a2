using System.Text.Json;
using Civic.Grains.Interfaces;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Grains.Mail;

/// <summary>
/// Where grains put the mail they decide to send: one row of <c>civic_mail_outbox</c>. The silo's mail
/// sender renders and delivers it; a grain never waits for a mail server.
/// </summary>
public sealed class MailOutbox(NpgsqlDataSource dataSource, DomainClock time)
{
    public async Task EnqueueAsync(string tenant, string recipient, string kind, string locale, IReadOnlyDictionary<string, string> values)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            insert into civic_mail_outbox (tenant, recipient, kind, locale, values, created_at, next_try_at)
            values ($1, $2, $3, $4, $5, $6, $6)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = recipient });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = locale });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(values), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync();
        Enqueued?.Invoke();
    }

    /// <summary>Raised after a row is written, so the sender in this process starts at once instead of at its next sweep.</summary>
    public event Action? Enqueued;
}
