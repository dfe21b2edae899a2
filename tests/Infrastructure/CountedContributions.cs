using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Payments;
using Npgsql;
using Xunit;

namespace Civic.Tests.Infrastructure;

/// <summary>
/// The SQL definition of what counts (the view <c>civic_counted_contributions</c>) and the C# one the campaign
/// book replays the ledger with (<see cref="PaymentTransitions.Counts"/>) agree on every payment status,
/// revoked or not: rows are inserted straight into the ledger, read back the way the grain reads them, and
/// both answers compared row by row and in total.
/// </summary>
[Collection("postgres")]
public sealed class CountedContributions(PostgresServerFixture postgres)
{
    private const string Tenant = "counted";

    [Fact]
    public async Task The_view_counts_exactly_the_rows_the_campaign_book_counts()
    {
        var connectionString = await postgres.CreateDatabaseAsync("counted");
        await using var db = NpgsqlDataSource.Create(connectionString);
        var statuses = Enum.GetValues<PaymentStatus>();
        Assert.Equal(4, statuses.Length); // a new status must be added to the view's rule and this test

        // One campaign per (status, revoked) alone, and one campaign holding every combination, two backers.
        var all = "cp_all";
        var seqInAll = 0L;
        var now = new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);
        foreach (var status in statuses)
        {
            foreach (var revoked in new[] { false, true })
            {
                var alone = $"cp_{PaymentStatuses.ToSql(status)}_{(revoked ? "revoked" : "kept")}";
                await InsertAsync(db, alone, 1, "alice", 100, status, revoked ? now : null, now);
                seqInAll++;
                await InsertAsync(db, all, seqInAll, "alice", 1L << (int)seqInAll, status, revoked ? now : null, now);
                seqInAll++;
                await InsertAsync(db, all, seqInAll, "bob", 1L << (int)seqInAll, status, revoked ? now : null, now);

                var book = await BookAsync(db, alone);
                var expected = PaymentTransitions.Counts(status, revoked);
                Assert.True(
                    (expected ? 1 : 0) == book.Contributions,
                    $"{status}, revoked {revoked}: PaymentTransitions.Counts says {expected} but the book holds {book.Contributions} contributions.");
                Assert.Equal((book.Raised, (long)book.Contributions, (long)book.Backers), await ViewTotalsAsync(db, alone));
            }
        }

        var rows = await new LedgerStore(db).ContributionsAfterAsync(Tenant, all, 0);
        Assert.Equal(16, rows.Count);
        List<string> countedInCSharp = [.. rows.Where(r => PaymentTransitions.Counts(r.Payment, r.RevokedAt is not null)).Select(r => r.ContributionId).Order(StringComparer.Ordinal)];
        Assert.Equal(countedInCSharp, await ViewIdsAsync(db, all));
        Assert.Equal(2, countedInCSharp.Count); // confirmed and not revoked: alice's and bob's
        var whole = CampaignBook.Restore(new CampaignTotals(), [], rows);
        Assert.Equal((whole.Raised, (long)whole.Contributions, (long)whole.Backers), await ViewTotalsAsync(db, all));
        Assert.Equal((1L << 5) + (1L << 6), whole.Raised); // the confirmed, not revoked pair (sequence numbers 5 and 6, after pending kept and pending revoked)

        // The amounts per backer a campaign activates with (summed by PostgreSQL up to its snapshot's watermark) are the
        // ones the book's own rule gives, at every watermark.
        var store = new LedgerStore(db);
        for (var watermark = 0L; watermark <= seqInAll; watermark++)
        {
            var upTo = watermark;
            var inSql = (await store.BackersUpToAsync(Tenant, all, upTo)).OrderBy(b => b.Key, StringComparer.Ordinal).ToList();
            Assert.Equal(CampaignBook.BackersOf(rows.Where(r => r.Seq <= upTo)).OrderBy(b => b.Key, StringComparer.Ordinal).ToList(), inSql);
        }

        var fromSnapshot = CampaignBook.Restore(new CampaignTotals { Watermark = 6, Raised = (1L << 5) + (1L << 6), Contributions = 2 },
            await store.BackersUpToAsync(Tenant, all, 6), rows.Where(r => r.Seq > 6));
        Assert.Equal(whole.BackerAmounts.OrderBy(b => b.Key, StringComparer.Ordinal), fromSnapshot.BackerAmounts.OrderBy(b => b.Key, StringComparer.Ordinal));
        Assert.Equal(2, fromSnapshot.Backers);
    }

    private static async Task InsertAsync(NpgsqlDataSource db, string campaign, long seq, string member, long amount, PaymentStatus status, DateTimeOffset? revokedAt, DateTimeOffset at)
    {
        await using var command = db.CreateCommand("""
            insert into civic_contributions
                (tenant, campaign_id, seq, contribution_id, member_id, amount, currency, idempotency_key, created_at, payment_status, revoked_at)
            values ($1, $2, $3, $4, $5, $6, 'EUR', $7, $8, $9, $10)
            """);
        object[] values = [Tenant, campaign, seq, $"ct_{campaign}_{seq}", member, amount, $"{campaign}-{seq}", at, PaymentStatuses.ToSql(status)];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        command.Parameters.Add(new NpgsqlParameter { Value = (object?)revokedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });

        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<CampaignBook> BookAsync(NpgsqlDataSource db, string campaign) =>
        CampaignBook.Restore(new CampaignTotals(), [], await new LedgerStore(db).ContributionsAfterAsync(Tenant, campaign, 0));

    private static async Task<(long Raised, long Contributions, long Backers)> ViewTotalsAsync(NpgsqlDataSource db, string campaign)
    {
        await using var command = db.CreateCommand("""
            select coalesce(sum(amount), 0)::bigint, count(*), count(distinct member_id)
            from civic_counted_contributions where tenant = $1 and campaign_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaign });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<List<string>> ViewIdsAsync(NpgsqlDataSource db, string campaign)
    {
        await using var command = db.CreateCommand("select contribution_id from civic_counted_contributions where tenant = $1 and campaign_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = Tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaign });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }
}
