using Npgsql;

namespace Civic.Bench;

/// <summary>
/// The conventional design: every pledge is its own transaction on its own pooled connection, inserting
/// the contribution row and bumping the campaign's totals row in place. All callers hit ONE campaign,
/// so every transaction queues on that row's lock, held until its commit has been flushed to disk.
/// </summary>
public sealed class SqlBaseline(NpgsqlDataSource db) : IAsyncDisposable
{
    public const string CampaignId = "cp_baseline";
    private const string Tenant = "bench";

    public static async Task<SqlBaseline> CreateAsync(string connectionString, int concurrency)
    {
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = concurrency + 44,
            MinPoolSize = 0,
        }.ConnectionString);
        var db = builder.Build();
        await using var command = db.CreateCommand("""
            drop table if exists bench_contributions, bench_campaign_totals;
            create sequence if not exists bench_contribution_seq;
            -- Shaped like civic_contributions: same columns, keys and index.
            create table bench_contributions (
                id               bigint generated always as identity primary key,
                tenant           text        not null,
                campaign_id      text        not null,
                seq              bigint      not null default nextval('bench_contribution_seq'),
                contribution_id  text        not null unique,
                member_id        text        not null,
                amount           bigint      not null check (amount > 0),
                currency         char(3)     not null,
                idempotency_key  text        not null,
                created_at       timestamptz not null,
                constraint bench_contributions_seq_key unique (tenant, campaign_id, seq),
                constraint bench_contributions_idempotency_key unique (tenant, member_id, idempotency_key)
            );
            create index bench_contributions_member_idx on bench_contributions (tenant, member_id, created_at desc, id desc);
            create table bench_campaign_totals (
                id            text   primary key,
                raised        bigint not null,
                contributions bigint not null
            );
            insert into bench_campaign_totals (id, raised, contributions) values ('cp_baseline', 0, 0);
            """);
        await command.ExecuteNonQueryAsync();
        return new SqlBaseline(db);
    }

    public async Task<long> PledgeAsync(int worker, long sequence)
    {
        var amount = Amounts.For(worker, sequence);
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            insert into bench_contributions (tenant, campaign_id, contribution_id, member_id, amount, currency, idempotency_key, created_at)
            values ($1, $2, $3, $4, $5, 'EUR', $6, now())
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CampaignId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"ct_b{worker}_{sequence}" });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Members.Id(worker) });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = amount });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"k{sequence}" });
            await insert.ExecuteNonQueryAsync();
        }

        await using (var update = new NpgsqlCommand(
            "update bench_campaign_totals set raised = raised + $1, contributions = contributions + 1 where id = $2",
            connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = amount });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CampaignId });
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("The campaign totals row is missing.");
            }
        }

        await transaction.CommitAsync();
        return amount;
    }

    public async Task<Totals> ReadTotalsAsync()
    {
        await using var command = db.CreateCommand("""
            select (select raised from bench_campaign_totals where id = 'cp_baseline'),
                   (select contributions from bench_campaign_totals where id = 'cp_baseline'),
                   (select coalesce(sum(amount), 0)::bigint from bench_contributions where campaign_id = 'cp_baseline'),
                   (select count(*) from bench_contributions where campaign_id = 'cp_baseline')
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Totals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public ValueTask DisposeAsync() => db.DisposeAsync();
}

/// <summary>What a scenario left behind: the campaign's own totals and the ledger's sum and row count.</summary>
public sealed record Totals(long Raised, long Contributions, long LedgerSum, long LedgerRows);

/// <summary>Deterministic pledge amounts (1.00 to 99.99 EUR) and member ids shared by every scenario.</summary>
public static class Amounts
{
    public static long For(int worker, long sequence) => 100 + (worker * 7_919L + sequence * 104_729L) % 9_900;
}

public static class Members
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 4096).Select(i => $"member-{i}")];

    public static string Id(int worker) => worker < Ids.Length ? Ids[worker] : $"member-{worker}";
}
