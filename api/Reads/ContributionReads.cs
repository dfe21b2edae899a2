using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Api.Reads;

public sealed record ContributionRow(
    string Id, string CampaignId, long Amount, string Currency, DateTimeOffset CreatedAt, long RowId,
    PaymentStatus Status = PaymentStatus.Confirmed, string? FailureReason = null, string? ReceiptNumber = null);

/// <summary>
/// A member's contributions, straight from the ledger table (the read path for lists never
/// activates a grain per row), newest first with keyset pagination.
/// </summary>
public sealed class ContributionReads(NpgsqlDataSource dataSource)
{
    public async Task<(ImmutableArray<ContributionRow> Rows, bool HasMore)> ForMemberAsync(
        string tenant, string memberId, int first, (DateTimeOffset CreatedAt, long RowId)? after, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select c.contribution_id, c.campaign_id, c.amount, c.currency, c.created_at, c.id, c.payment_status, c.payment_failure, r.number
            from civic_contributions c
            left join civic_tax_receipts r on r.tenant = c.tenant and r.contribution_id = c.contribution_id
            where c.tenant = $1 and c.member_id = $2
              and ($3::timestamptz is null or (c.created_at, c.id) < ($3, $4))
            order by c.created_at desc, c.id desc
            limit $5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = after is { } a ? a.CreatedAt.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = after?.RowId ?? 0L });
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        var rows = ImmutableArray.CreateBuilder<ContributionRow>(first + 1);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ContributionRow(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3).Trim(),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5),
                PaymentStatuses.FromSql(reader.GetString(6)), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        var hasMore = rows.Count > first;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return (rows.ToImmutable(), hasMore);
    }

    public async Task<bool> PingAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select 1");
        return await command.ExecuteScalarAsync(ct) is 1;
    }
}
