using System.Security.Cryptography;
using Civic.Grains.Interfaces;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using NpgsqlTypes;

namespace Civic.Grains.Census;

/// <summary>The census tables: per-tenant keys, hashed entries, claims and failed attempts.</summary>
public sealed class CensusStore(NpgsqlDataSource dataSource, IDataProtectionProvider dataProtection)
{
    /// <summary>Data Protection purpose of the stored census keys; the tenant is a sub-purpose, so a key copied to another tenant's row does not open.</summary>
    public const string KeyPurpose = "civic.census-key.v1";

    /// <summary>
    /// The tenant's census key, generated at the first call (concurrent first calls agree on one: the row
    /// inserted first). Stored protected by Data Protection, whose key ring every silo shares; answered plain.
    /// </summary>
    public async Task<byte[]> KeyAsync(string tenant)
    {
        var protector = dataProtection.CreateProtector(KeyPurpose, tenant);
        await using var command = dataSource.CreateCommand("""
            with inserted as (
                insert into civic_census_keys (tenant, protected_secret) values ($1, $2)
                on conflict (tenant) do nothing
                returning protected_secret)
            select protected_secret from inserted
            union all
            select protected_secret from civic_census_keys where tenant = $1
            limit 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = protector.Protect(RandomNumberGenerator.GetBytes(32)) });
        return protector.Unprotect((byte[])(await command.ExecuteScalarAsync())!);
    }

    /// <summary>
    /// Adds or refreshes entries, and with <paramref name="replace"/> removes those the file lacks, all in one transaction; answers how many were new, how many
    /// were removed and how many the census holds.
    /// </summary>
    public async Task<(int Added, int Removed, int Entries)> UpsertEntriesAsync(string tenant, IReadOnlyList<CensusRow> rows, DateTimeOffset at, bool replace)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var added = 0;
        const int Batch = 10_000;
        for (var start = 0; start < rows.Count; start += Batch)
        {
            var batch = rows.Skip(start).Take(Batch).ToArray();
            await using var command = new NpgsqlCommand("""
                insert into civic_census_entries (tenant, entry_hash, birth_date, district, uploaded_at)
                select $1, h, b, d, $5 from unnest($2::bytea[], $3::date[], $4::text[]) as u(h, b, d)
                on conflict (tenant, entry_hash) do update
                    set birth_date = excluded.birth_date, district = excluded.district, uploaded_at = excluded.uploaded_at
                returning (xmax = 0)
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.BirthDate).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => (object?)r.District ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = at });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                added += reader.GetBoolean(0) ? 1 : 0;
            }
        }

        var removed = 0;
        if (replace)
        {
            // The file's hashes in a table of this transaction; every entry of the tenant not among them goes.
            await using (var keep = new NpgsqlCommand(
                "create temporary table census_upload (entry_hash bytea primary key) on commit drop", connection, transaction))
            {
                await keep.ExecuteNonQueryAsync();
            }

            for (var start = 0; start < rows.Count; start += Batch)
            {
                await using var insert = new NpgsqlCommand(
                    "insert into census_upload select distinct unnest($1::bytea[]) on conflict do nothing", connection, transaction);
                insert.Parameters.Add(new NpgsqlParameter
                {
                    Value = rows.Skip(start).Take(Batch).Select(r => r.Hash).ToArray(),
                    NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea,
                });
                await insert.ExecuteNonQueryAsync();
            }

            await using var delete = new NpgsqlCommand("""
                delete from civic_census_entries e where e.tenant = $1
                and not exists (select 1 from census_upload u where u.entry_hash = e.entry_hash)
                """, connection, transaction);
            delete.Parameters.Add(new NpgsqlParameter { Value = tenant });
            removed = await delete.ExecuteNonQueryAsync();
        }

        await using (var count = new NpgsqlCommand("select count(*) from civic_census_entries where tenant = $1", connection, transaction))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = tenant });
            var entries = (long)(await count.ExecuteScalarAsync())!;
            await transaction.CommitAsync();
            return (added, removed, (int)entries);
        }
    }

    public async Task<int> EntriesAsync(string tenant)
    {
        await using var command = dataSource.CreateCommand("select count(*)::int from civic_census_entries where tenant = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        return (int)(await command.ExecuteScalarAsync())!;
    }

    public async Task<(DateOnly BirthDate, string? District)?> EntryAsync(string tenant, byte[] hash)
    {
        await using var command = dataSource.CreateCommand(
            "select birth_date, district from civic_census_entries where tenant = $1 and entry_hash = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetFieldValue<DateOnly>(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    /// <summary>False when the entry is already claimed (by anyone); ALREADY_EXISTS on the member's second claim.</summary>
    public async Task<bool> TryClaimAsync(string tenant, byte[] hash, string memberId, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_census_claims (tenant, entry_hash, member_id, claimed_at) values ($1, $2, $3, $4)
            on conflict (tenant, entry_hash) do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        try
        {
            return await command.ExecuteNonQueryAsync() == 1;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // civic_census_claims_one_per_member: this member claimed another entry meanwhile.
            throw new CivicException(ErrorCodes.AlreadyExists, "Your residency is already verified.");
        }
    }

    /// <summary>Who holds the entry's claim (a member id or an in-person voter id), or null.</summary>
    public async Task<string?> ClaimantAsync(string tenant, byte[] hash)
    {
        await using var command = dataSource.CreateCommand(
            "select member_id from civic_census_claims where tenant = $1 and entry_hash = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Deletes an in-person claim (never a member's: the id must carry the in-person prefix).</summary>
    public async Task ReleaseInPersonAsync(string tenant, string voterId)
    {
        await using var command = dataSource.CreateCommand(
            "delete from civic_census_claims where tenant = $1 and member_id = $2 and starts_with(member_id, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = voterId });
        command.Parameters.Add(new NpgsqlParameter { Value = CensusRules.InPersonPrefix });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One in-person ballot: the officer, the vote and the time; never the person or the number.</summary>
    public async Task LogInPersonAsync(string tenant, string voteId, string officerId, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand(
            "insert into civic_in_person_ballots (tenant, vote_id, officer_id, recorded_at) values ($1, $2, $3, $4)");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = voteId });
        command.Parameters.Add(new NpgsqlParameter { Value = officerId });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The vote's in-person ballots per officer, by officer id.</summary>
    public async Task<List<InPersonOfficerLog>> InPersonLogAsync(string tenant, string voteId)
    {
        await using var command = dataSource.CreateCommand("""
            select officer_id, count(*)::int, min(recorded_at), max(recorded_at) from civic_in_person_ballots
            where tenant = $1 and vote_id = $2 group by officer_id order by officer_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = voteId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<InPersonOfficerLog>();
        while (await reader.ReadAsync())
        {
            rows.Add(new InPersonOfficerLog(reader.GetString(0), reader.GetInt32(1),
                reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return rows;
    }

    /// <summary>The member's census claim if it has one (and its entry is still on the roll), else a provider's attestation.</summary>
    public async Task<CensusVerification> VerificationAsync(string tenant, string memberId)
    {
        await using var command = dataSource.CreateCommand("""
            select birth_date, district, verified_at from (
                select e.birth_date, e.district, c.claimed_at as verified_at, 0 as source
                from civic_census_claims c join civic_census_entries e using (tenant, entry_hash)
                where c.tenant = $1 and c.member_id = $2
                union all
                select a.birth_date, a.district, a.attested_at, 1
                from civic_census_attestations a
                where a.tenant = $1 and a.member_id = $2
            ) v order by source limit 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new CensusVerification(true, reader.IsDBNull(0) ? null : reader.GetFieldValue<DateOnly>(0),
                reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
            : CensusVerification.None;
    }

    /// <summary>
    /// Records (or renews) what a provider vouched for about the member. False when this upstream identity already
    /// vouched for another account, or the member's attestation came from another identity: nothing changes then.
    /// </summary>
    public async Task<bool> AttestAsync(string tenant, string memberId, string provider, string subject, VouchedResidency residency, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_census_attestations (tenant, member_id, provider, subject, birth_date, district, attested_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (tenant, member_id) do update
                set birth_date = excluded.birth_date, district = excluded.district, attested_at = excluded.attested_at
                where civic_census_attestations.provider = excluded.provider and civic_census_attestations.subject = excluded.subject
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)residency.BirthDate ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)residency.District ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        try
        {
            return await command.ExecuteNonQueryAsync() == 1;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false; // civic_census_attestations_one_per_identity: the identity vouched for another account
        }
    }

    public async Task<(int Failures, DateTimeOffset? LockedUntil)> AttemptsAsync(string tenant, string memberId)
    {
        await using var command = dataSource.CreateCommand(
            "select failures, locked_until from civic_census_attempts where tenant = $1 and member_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1))
            : (0, null);
    }

    public async Task SetAttemptsAsync(string tenant, string memberId, int failures, DateTimeOffset? lockedUntil)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_census_attempts (tenant, member_id, failures, locked_until) values ($1, $2, $3, $4)
            on conflict (tenant, member_id) do update set failures = excluded.failures, locked_until = excluded.locked_until
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = failures });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)lockedUntil ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>One census entry as stored: the keyed hash, never the number.</summary>
public sealed record CensusRow(byte[] Hash, DateOnly BirthDate, string? District);
