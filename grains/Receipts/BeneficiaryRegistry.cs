using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Grains.Receipts;

/// <summary>
/// The tenant's receipt beneficiaries (<c>civic_receipt_beneficiaries</c>): one identity per member, each
/// change a new revision waiting for an admin's review. Every statement is one row's atomic change, so a
/// review names the revision it saw and never approves an identity changed after it was read.
/// </summary>
public sealed class BeneficiaryRegistry(NpgsqlDataSource db, string tenant)
{
    private const string Columns = "beneficiary_id, name, address, siren, rna, purpose, status, revision, updated_at, reviewed_by, reviewed_at, review_reason";

    /// <summary>A new or changed identity starts a new PENDING revision; the same identity again keeps its revision and review.</summary>
    public async Task<BeneficiaryRegistration> RegisterAsync(ReceiptBeneficiary identity)
    {
        await using (var upsert = db.CreateCommand($"""
            insert into civic_receipt_beneficiaries (tenant, beneficiary_id, name, address, siren, rna, purpose, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, now())
            on conflict (tenant, beneficiary_id) do update
            set name = excluded.name, address = excluded.address, siren = excluded.siren, rna = excluded.rna,
                purpose = excluded.purpose, updated_at = excluded.updated_at,
                status = 'pending', revision = civic_receipt_beneficiaries.revision + 1,
                reviewed_by = null, reviewed_at = null, review_reason = null
            where (civic_receipt_beneficiaries.name, civic_receipt_beneficiaries.address, civic_receipt_beneficiaries.siren,
                   civic_receipt_beneficiaries.rna, civic_receipt_beneficiaries.purpose)
                  is distinct from (excluded.name, excluded.address, excluded.siren, excluded.rna, excluded.purpose)
            """))
        {
            Add(upsert, tenant, identity.Id, identity.Name, identity.Address,
                (object?)identity.Siren ?? DBNull.Value, (object?)identity.Rna ?? DBNull.Value, identity.Purpose);
            await upsert.ExecuteNonQueryAsync();
        }

        return (await FindAsync(identity.Id))!;
    }

    public async Task<BeneficiaryRegistration?> FindAsync(string beneficiaryId)
    {
        await using var command = db.CreateCommand($"select {Columns} from civic_receipt_beneficiaries where tenant = $1 and beneficiary_id = $2");
        Add(command, tenant, beneficiaryId);
        return (await ReadAsync(command)).FirstOrDefault();
    }

    /// <summary>
    /// Records the decision on <paramref name="review"/>'s revision; answers null when nothing changed (no such
    /// identity, another revision is current, or the revision already has this decision).
    /// </summary>
    public async Task<BeneficiaryRegistration?> ReviewAsync(ReviewBeneficiary review, string reviewer)
    {
        await using var command = db.CreateCommand($"""
            update civic_receipt_beneficiaries
            set status = $4, reviewed_by = $5, reviewed_at = now(), review_reason = $6
            where tenant = $1 and beneficiary_id = $2 and revision = $3 and status <> $4
            returning {Columns}
            """);
        Add(command, tenant, review.BeneficiaryId, review.Revision, review.Approve ? "approved" : "rejected", reviewer,
            (object?)review.Reason ?? DBNull.Value);
        return (await ReadAsync(command)).FirstOrDefault();
    }

    public async Task<ImmutableArray<BeneficiaryRegistration>> ListAsync(BeneficiaryStatus status, int first)
    {
        await using var command = db.CreateCommand($"""
            select {Columns} from civic_receipt_beneficiaries
            where tenant = $1 and status = $2
            order by updated_at, beneficiary_id
            limit $3
            """);
        Add(command, tenant, StatusText(status), first);
        return [.. await ReadAsync(command)];
    }

    private static string StatusText(BeneficiaryStatus status) => status.ToString().ToLowerInvariant();

    private static async Task<List<BeneficiaryRegistration>> ReadAsync(NpgsqlCommand command)
    {
        var found = new List<BeneficiaryRegistration>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            found.Add(new BeneficiaryRegistration(
                new ReceiptBeneficiary(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(3), Text(4), reader.GetString(5)),
                Enum.Parse<BeneficiaryStatus>(reader.GetString(6), ignoreCase: true),
                reader.GetInt32(7),
                reader.GetFieldValue<DateTimeOffset>(8),
                Text(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                Text(11)));
        }

        return found;
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }
}
