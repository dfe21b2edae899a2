using Civic.Grains.Mail;
using Civic.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Civic.Tests.Api;

/// <summary>
/// Civic in one process on a fake business clock with its mail going over SMTP to <see cref="ApiFixture.Mail"/>:
/// the mail sender sweeps on that clock, so moving it triggers retries. Its own collection, so that stopping the
/// sink or moving the clock touches no other test.
/// </summary>
public sealed class MailApiFixture : ApiFixture
{
    public BusinessClock Clock { get; } = new();

    public override TimeProvider Time => Clock;

    public MailOutbox Outbox => Services.GetRequiredService<MailOutbox>();

    /// <summary>Few attempts, so that a test sees the sender give up.</summary>
    public const int MaxAttempts = 3;

    protected override IEnumerable<KeyValuePair<string, string?>> Overrides =>
        [new("Mail:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public NpgsqlDataSource Database => Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>A recipient no other test writes to.</summary>
    public static string NewRecipient(string who = "someone") => $"{who}.{Guid.NewGuid():N}@example.org";

    /// <summary>The outbox rows of <paramref name="recipient"/>: attempts, whether sent, the last error.</summary>
    public async Task<List<(long Id, int Attempts, bool Sent, string? Error, DateTimeOffset NextTryAt)>> RowsAsync(string recipient)
    {
        await using var command = Database.CreateCommand(
            "select id, attempts, sent_at is not null, last_error, next_try_at from civic_mail_outbox where recipient = $1 order by id");
        command.Parameters.Add(new NpgsqlParameter { Value = recipient });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, int, bool, string?, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    /// <summary>Polls (at most 30 s, without moving the clock) until the rows of <paramref name="recipient"/> satisfy <paramref name="condition"/>.</summary>
    public async Task<List<(long Id, int Attempts, bool Sent, string? Error, DateTimeOffset NextTryAt)>> RowsWhenAsync(
        string recipient, Func<List<(long Id, int Attempts, bool Sent, string? Error, DateTimeOffset NextTryAt)>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var rows = await RowsAsync(recipient);
            if (condition(rows))
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}; rows: {string.Join("; ", rows)}");
            }

            await Task.Delay(20);
        }
    }
}

[CollectionDefinition("api-mail")]
public sealed class MailApiCollection : ICollectionFixture<MailApiFixture>
{
}

/// <summary>Civic in one process without SMTP, as <c>./civic up</c> runs: mails are written to <see cref="MailDirectory"/>.</summary>
public sealed class MailDirectoryFixture : ApiFixture
{
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "civic-mail-" + Guid.NewGuid().ToString("N")[..8]);

    public MailOutbox Outbox => Services.GetRequiredService<MailOutbox>();

    protected override IEnumerable<KeyValuePair<string, string?>> Overrides =>
    [
        new("Mail:Smtp:Host", ""),
        new("Mail:Directory", MailDirectory),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }
}

[CollectionDefinition("api-mail-directory")]
public sealed class MailDirectoryCollection : ICollectionFixture<MailDirectoryFixture>
{
}
