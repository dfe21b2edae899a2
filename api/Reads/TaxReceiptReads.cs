using System.Collections.Immutable;
using System.Text.Json;
using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Api.Reads;

public sealed record TaxReceiptRow(TaxReceipt Receipt, DateTimeOffset IssuedAt, long RowId);

/// <summary>The tenant's receipts for its admins, newest first with keyset pagination, straight from <c>civic_tax_receipts</c>.</summary>
public sealed class TaxReceiptReads(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(ImmutableArray<TaxReceiptRow> Rows, bool HasMore)> ForTenantAsync(
        string tenant, int first, (DateTimeOffset IssuedAt, long RowId)? after, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select receipt::text, issued_at, id
            from civic_tax_receipts
            where tenant = $1 and ($2::timestamptz is null or (issued_at, id) < ($2, $3))
            order by issued_at desc, id desc
            limit $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = after is { } a ? a.IssuedAt.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = after?.RowId ?? 0L });
        command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
        var rows = ImmutableArray.CreateBuilder<TaxReceiptRow>(first + 1);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new TaxReceiptRow(
                JsonSerializer.Deserialize<TaxReceipt>(reader.GetString(0), Json)!, reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2)));
        }

        var hasMore = rows.Count > first;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return (rows.ToImmutable(), hasMore);
    }
}
