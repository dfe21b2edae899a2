using System.Text.Json;
using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Grains.Receipts;

/// <summary>
/// One beneficiary's receipts for one year. State lives in <c>civic_tax_receipts</c> (no grain
/// state): on activation the allocator is rebuilt from the rows, a number is reserved, the row is
/// inserted, and only then is the number committed and the receipt returned. A failed insert
/// releases the number, so none is skipped. Requests are serialised by the grain (not reentrant).
/// </summary>
public sealed class TaxReceiptGrain(NpgsqlDataSource db, DomainClock time) : Grain, ITaxReceiptGrain
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ReceiptNumberAllocator? _allocator;

    public async Task<TaxReceipt> IssueAsync(IssueTaxReceipt command)
    {
        var (tenant, beneficiaryId, year) = TaxReceiptKeys.Split(this.GetPrimaryKeyString());
        if (command.Beneficiary.Id != beneficiaryId || command.DonatedOn.Year != year)
        {
            throw new CivicException(ErrorCodes.Validation, "The donation belongs to another beneficiary or year.");
        }

        var allocator = _allocator ??= await LoadAsync(tenant, beneficiaryId, year);
        if (allocator.WasIssued(command.ContributionId))
        {
            return await FindAsync(db, tenant, command.ContributionId)
                ?? throw new CivicException(ErrorCodes.Unavailable, "The receipt could not be read back; try again.");
        }

        var number = allocator.Reserve(year, command.ContributionId);
        try
        {
            var issuedOn = ReceiptCalendar.DayOf(time.GetUtcNow());
            var receipt = TaxReceiptRules.Issue(number, command.ContributionId, command.Beneficiary, command.Donor,
                command.Amount, command.DonatedOn, DonationPaymentMethod.TransferDirectDebitOrCard,
                command.AidToPeopleInDifficulty, issuedOn);
            await InsertAsync(tenant, beneficiaryId, year, allocator.Last(year) + 1, command, receipt);
            allocator.Commit(year);
            return receipt;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another activation wrote first: forget what this one believed and read the truth back.
            allocator.Release(year);
            _allocator = null;
            return await FindAsync(db, tenant, command.ContributionId)
                ?? throw new CivicException(ErrorCodes.Unavailable, "Receipt numbers were taken concurrently; try again.");
        }
        catch
        {
            allocator.Release(year);
            throw;
        }
    }

    private async Task<ReceiptNumberAllocator> LoadAsync(string tenant, string beneficiaryId, int year)
    {
        await using var command = db.CreateCommand(
            "select seq, contribution_id from civic_tax_receipts where tenant = $1 and beneficiary_id = $2 and year = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = beneficiaryId });
        command.Parameters.Add(new NpgsqlParameter { Value = year });
        long last = 0;
        var issued = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            last = Math.Max(last, reader.GetInt64(0));
            issued.Add(reader.GetString(1));
        }

        return new ReceiptNumberAllocator(new Dictionary<int, long> { [year] = last }, issued);
    }

    private async Task InsertAsync(string tenant, string beneficiaryId, int year, long seq, IssueTaxReceipt command, TaxReceipt receipt)
    {
        await using var insert = db.CreateCommand("""
            insert into civic_tax_receipts
                (tenant, beneficiary_id, year, seq, number, contribution_id, campaign_id, member_id, receipt, issued_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = tenant });
        insert.Parameters.Add(new NpgsqlParameter { Value = beneficiaryId });
        insert.Parameters.Add(new NpgsqlParameter { Value = year });
        insert.Parameters.Add(new NpgsqlParameter { Value = seq });
        insert.Parameters.Add(new NpgsqlParameter { Value = receipt.Number });
        insert.Parameters.Add(new NpgsqlParameter { Value = command.ContributionId });
        insert.Parameters.Add(new NpgsqlParameter { Value = command.CampaignId });
        insert.Parameters.Add(new NpgsqlParameter { Value = command.MemberId });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(receipt, Json) });
        insert.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>The receipt of a donation, or null.</summary>
    public static async Task<TaxReceipt?> FindAsync(NpgsqlDataSource db, string tenant, string contributionId)
    {
        await using var command = db.CreateCommand("select receipt::text from civic_tax_receipts where tenant = $1 and contribution_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = contributionId });
        return await command.ExecuteScalarAsync() is string json ? JsonSerializer.Deserialize<TaxReceipt>(json, Json) : null;
    }
}
