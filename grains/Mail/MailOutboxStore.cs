using System.Text.Json;
using Npgsql;

namespace Civic.Grains.Mail;

/// <summary>
/// The sender's side of <c>civic_mail_outbox</c>: claims due rows, then marks each sent or failed. A claim moves
/// the row's <c>next_try_at</c> past a lease and counts the attempt in one statement over rows locked with
/// <c>for update skip locked</c>, so two senders (two silos) never claim the same row while the lease runs.
/// </summary>
public sealed class MailOutboxStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Up to <paramref name="limit"/> unsent rows due at <paramref name="now"/> with attempts left, oldest due first;
    /// each now counts one more attempt and is due again only at <paramref name="leaseUntil"/>.
    /// </summary>
    public async Task<List<OutgoingMail>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int maxAttempts, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            update civic_mail_outbox o set attempts = o.attempts + 1, next_try_at = $2
            from (select id from civic_mail_outbox
                  where sent_at is null and next_try_at <= $1 and attempts < $3
                  order by next_try_at, id
                  limit $4
                  for update skip locked) due
            where o.id = due.id
            returning o.id, o.tenant, o.recipient, o.kind, o.locale, o.values::text, o.attempts
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = leaseUntil });
        command.Parameters.Add(new NpgsqlParameter { Value = maxAttempts });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<OutgoingMail>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutgoingMail(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                ReadValues(reader.GetString(5)), reader.GetInt32(6)));
        }

        return claimed.OrderBy(m => m.Id).ToList();
    }

    public async Task MarkSentAsync(long id, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand(
            "update civic_mail_outbox set sent_at = $2, last_error = null where id = $1 and sent_at is null");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Keeps the row unsent with its error; it is due again at <paramref name="retryAt"/> (while it has attempts left).</summary>
    public async Task MarkFailedAsync(long id, string error, DateTimeOffset retryAt)
    {
        await using var command = dataSource.CreateCommand(
            "update civic_mail_outbox set last_error = $2, next_try_at = $3 where id = $1 and sent_at is null");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = error });
        command.Parameters.Add(new NpgsqlParameter { Value = retryAt });
        await command.ExecuteNonQueryAsync();
    }

    private static Dictionary<string, string> ReadValues(string json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return values;
    }
}
