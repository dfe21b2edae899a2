using System.Security.Cryptography;
using Civic.Grains.Census;
using Civic.Database.DataProtection;
using Civic.Silo.Hosting;
using Civic.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Civic.Tests.Api;

/// <summary>
/// The census (issue 10): an admin's CSV kept as keyed hashes, members claiming entries, the lock after
/// failures on the business clock, and votes requiring verification, an age and a district.
/// </summary>
[Collection("api-clock")]
public sealed class CensusApi(ClockedApiFixture api)
{
    private const string Upload = "mutation($csv: String!) { uploadCensus(csv: $csv) { rows added entries } }";
    private const string Verify = """
        mutation($n: String!, $b: DateOnly!) { verifyResidency(documentNumber: $n, birthDate: $b) { verified district age verifiedAt } }
        """;
    private const string Mine = "{ myVerification { verified district age verifiedAt } }";

    private DateOnly Today => DateOnly.FromDateTime(api.Now.UtcDateTime);

    [Fact]
    public async Task An_admin_uploads_the_census_and_a_member_claims_an_entry_without_the_number_being_stored()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var uploaded = (await admin.OkAsync(Upload, new
        {
            csv = "document_number,birth_date,district\n"
                + "X4821937Q,1990-04-12,Nord\r\n"
                + "\n"
                + "YB 557 201; 2001-11-30 ;\n"
                + "\"Z-0093-1144\",1975-01-02,Sud\n",
        }))["uploadCensus"]!;
        Assert.Equal(3, uploaded["rows"]!.GetValue<int>());
        Assert.Equal(3, uploaded["added"]!.GetValue<int>());
        Assert.Equal(3, uploaded["entries"]!.GetValue<int>());

        using var alice = api.Member(tenant, "alice");
        Assert.False((await alice.OkAsync(Mine))["myVerification"]!["verified"]!.GetValue<bool>());

        // Typed differently from the file (lower case, spaces, hyphens): the same number.
        var verified = (await alice.OkAsync(Verify, new { n = "x-4821 937q", b = "1990-04-12" }))["verifyResidency"]!;
        Assert.True(verified["verified"]!.GetValue<bool>());
        Assert.Equal("Nord", verified["district"]!.GetValue<string>());
        var expectedAge = Today.Year - 1990 - (Today < new DateOnly(Today.Year, 4, 12) ? 1 : 0);
        Assert.Equal(expectedAge, verified["age"]!.GetValue<int>());

        var mine = (await alice.OkAsync(Mine))["myVerification"]!;
        Assert.True(mine["verified"]!.GetValue<bool>());
        Assert.Equal("Nord", mine["district"]!.GetValue<string>());
        Assert.DoesNotContain("4821937", mine.ToJsonString(), StringComparison.Ordinal);

        var again = await alice.SendAsync(Verify, new { n = "YB557201", b = "2001-11-30" });
        Assert.Equal("ALREADY_EXISTS", again.FirstCode);

        // Uploading the same file again adds nothing and keeps the claim.
        var second = (await admin.OkAsync(Upload, new { csv = "X4821937Q,1990-04-12,Nord\n" }))["uploadCensus"]!;
        Assert.Equal(0, second["added"]!.GetValue<int>());
        Assert.Equal(3, second["entries"]!.GetValue<int>());
        Assert.True((await alice.OkAsync(Mine))["myVerification"]!["verified"]!.GetValue<bool>());

        // No census table holds a number, raw or normalised, in any column.
        var dump = await CensusRowsAsync(tenant);
        Assert.Equal(3 + 1 + 1 + 3, dump.Count); // entries, the claim, the key, the entries' hashes as text
        foreach (var number in new[] { "X4821937Q", "x-4821 937q", "4821937", "YB557201", "YB 557 201", "557201", "Z00931144", "0093-1144", "00931144" })
        {
            Assert.All(dump, row => Assert.DoesNotContain(number, row, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Replacing_the_roll_removes_the_entries_the_file_lacks_and_their_members_lose_verification_but_keep_the_claim()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        const string Replace = "mutation($csv: String!) { uploadCensus(csv: $csv, replace: true) { rows added removed entries } }";
        await admin.OkAsync(Upload, new { csv = "RP1,1980-01-01,Nord\nRP2,1981-02-02,Sud\nRP3,1982-03-03\n" });
        using var leaving = api.Member(tenant, "leaving");
        using var staying = api.Member(tenant, "staying");
        await leaving.OkAsync(Verify, new { n = "RP1", b = "1980-01-01" });
        await staying.OkAsync(Verify, new { n = "RP2", b = "1981-02-02" });

        // The new roll: RP1 moved away, RP2 moved district, RP4 arrived; RP3 left too.
        var replaced = (await admin.OkAsync(Replace, new { csv = "RP2,1981-02-02,Nord\nRP4,1990-04-04\n" }))["uploadCensus"]!;
        Assert.Equal(2, replaced["rows"]!.GetValue<int>());
        Assert.Equal(1, replaced["added"]!.GetValue<int>());
        Assert.Equal(2, replaced["removed"]!.GetValue<int>());
        Assert.Equal(2, replaced["entries"]!.GetValue<int>());

        Assert.False((await leaving.OkAsync(Mine))["myVerification"]!["verified"]!.GetValue<bool>());
        Assert.Equal("Nord", (await staying.OkAsync(Mine))["myVerification"]!["district"]!.GetValue<string>());

        // Back on a later roll, the entry is still the leaving member's: nobody else can claim it.
        const string Add = "mutation($csv: String!) { uploadCensus(csv: $csv, replace: false) { added removed entries } }";
        var added = (await admin.OkAsync(Add, new { csv = "RP1,1980-01-01,Est\n" }))["uploadCensus"]!;
        Assert.Equal(0, added["removed"]!.GetValue<int>());
        Assert.Equal(3, added["entries"]!.GetValue<int>());
        using var other = api.Member(tenant, "other");
        Assert.Equal("CENSUS_ENTRY_TAKEN", (await other.SendAsync(Verify, new { n = "RP1", b = "1980-01-01" })).FirstCode);
        Assert.Equal("Est", (await leaving.OkAsync(Mine))["myVerification"]!["district"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_census_key_is_stored_protected_by_the_key_ring_every_silo_shares()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        await admin.OkAsync(Upload, new { csv = "K5150,1970-07-07,Nord\n" });

        // The key ring lives in PostgreSQL, not on the silo's disk.
        Assert.True(await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_data_protection_keys where xml like '<key %'") >= 1);

        // The column holds a Data Protection payload (magic header 09 F0 C9 F0, key id, ciphertext), not 32 raw bytes.
        var stored = await PostgresServerFixture.ScalarAsync<byte[]>(api.ConnectionString,
            "select protected_secret from civic_census_keys where tenant = @t", ("t", tenant));
        Assert.True(stored.Length > 32 + 20, $"{stored.Length} bytes");
        Assert.Equal(new byte[] { 0x09, 0xF0, 0xC9, 0xF0 }, stored[..4]);
        var entry = await PostgresServerFixture.ScalarAsync<byte[]>(api.ConnectionString,
            "select entry_hash from civic_census_entries where tenant = @t", ("t", tenant));

        // A second host over the same database (another silo) opens it with the shared ring, and it is the
        // key the entry was hashed with; under another tenant's purpose it does not open.
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        await using var otherSilo = new ServiceCollection().AddLogging().AddSingleton(dataSource).AddCivicDataProtection().BuildServiceProvider();
        var provider = otherSilo.GetRequiredService<IDataProtectionProvider>();
        var secret = provider.CreateProtector(CensusStore.KeyPurpose, tenant).Unprotect(stored);
        Assert.Equal(32, secret.Length);
        Assert.Equal(entry, CensusRules.Hash(secret, tenant, "K5150"));
        Assert.ThrowsAny<CryptographicException>(() => provider.CreateProtector(CensusStore.KeyPurpose, "another").Unprotect(stored));

        using var alice = api.Member(tenant, "alice");
        Assert.True((await alice.OkAsync(Verify, new { n = "K5150", b = "1970-07-07" }))["verifyResidency"]!["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_bad_row_refuses_the_whole_file_naming_its_line()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        foreach (var (csv, line) in new[]
        {
            ("A1,1990-01-01\nA2,1990-13-01\n", "Line 2"),
            ("A1,1990-01-01\nA2,1990-01-02\n\n!!,1990-01-03\n", "Line 4"),
            ("A1,1990-01-01\nA1,1991-01-01\n", "Line 2"),
            ("A1,1990-01-01,Nord,extra\n", "Line 1"),
            ($"A1,{Today.AddDays(1):yyyy-MM-dd}\n", "Line 1"),
        })
        {
            var refused = await admin.SendAsync(Upload, new { csv });
            Assert.Equal("VALIDATION", refused.FirstCode);
            var message = refused.Errors![0]!["message"]!.GetValue<string>();
            Assert.Contains(line, message, StringComparison.Ordinal);
            Assert.DoesNotContain("A2", message, StringComparison.Ordinal);
        }

        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_census_entries where tenant = @t", ("t", tenant)));
    }

    [Fact]
    public async Task Only_an_admin_uploads_the_census()
    {
        var tenant = await api.NewTenantAsync();
        using var alice = api.Member(tenant, "alice");
        var refused = await alice.SendAsync(Upload, new { csv = "A1,1990-01-01\n" });
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_census_entries where tenant = @t", ("t", tenant)));
    }

    [Fact]
    public async Task A_claimed_entry_cannot_be_claimed_by_another_member()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        await admin.OkAsync(Upload, new { csv = "P1234,1980-06-01,Nord\n" });
        using var alice = api.Member(tenant, "alice");
        await alice.OkAsync(Verify, new { n = "P1234", b = "1980-06-01" });

        using var mallory = api.Member(tenant, "mallory");
        var taken = await mallory.SendAsync(Verify, new { n = "p-1234", b = "1980-06-01" });
        Assert.Equal("CENSUS_ENTRY_TAKEN", taken.FirstCode);
        Assert.False((await mallory.OkAsync(Mine))["myVerification"]!["verified"]!.GetValue<bool>());
        Assert.Equal("alice", await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select string_agg(member_id, ',') from civic_census_claims where tenant = @t", ("t", tenant)));
    }

    [Fact]
    public async Task Wrong_data_fails_and_after_five_failures_each_try_waits_longer()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        await admin.OkAsync(Upload, new { csv = "Q777,1999-09-09\n" });
        using var eve = api.Member(tenant, "eve");

        // A right number with a wrong birth date fails like an unknown number.
        Assert.Equal("VERIFICATION_FAILED", (await eve.SendAsync(Verify, new { n = "Q777", b = "1999-09-10" })).FirstCode);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("VERIFICATION_FAILED", (await eve.SendAsync(Verify, new { n = $"Q{i}", b = "1999-09-09" })).FirstCode);
        }

        // Locked: even the right data waits an hour.
        Assert.Equal("VERIFICATION_LOCKED", (await eve.SendAsync(Verify, new { n = "Q777", b = "1999-09-09" })).FirstCode);
        api.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("VERIFICATION_LOCKED", (await eve.SendAsync(Verify, new { n = "Q777", b = "1999-09-09" })).FirstCode);
        api.Clock.Advance(TimeSpan.FromMinutes(2));

        // The sixth failure locks for two hours.
        Assert.Equal("VERIFICATION_FAILED", (await eve.SendAsync(Verify, new { n = "Q6", b = "1999-09-09" })).FirstCode);
        api.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal("VERIFICATION_LOCKED", (await eve.SendAsync(Verify, new { n = "Q777", b = "1999-09-09" })).FirstCode);
        api.Clock.Advance(TimeSpan.FromMinutes(60));
        var verified = (await eve.OkAsync(Verify, new { n = "Q777", b = "1999-09-09" }))["verifyResidency"]!;
        Assert.True(verified["verified"]!.GetValue<bool>());
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(failures), 0)::bigint from civic_census_attempts where tenant = @t", ("t", tenant)));
    }

    [Fact]
    public async Task A_vote_can_require_verification_a_minimum_age_and_a_district()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var sixteen = Today.AddYears(-16);
        var fifteen = sixteen.AddDays(1); // sixteen tomorrow
        await admin.OkAsync(Upload, new
        {
            csv = $"N16,{sixteen:yyyy-MM-dd},Nord\nN15,{fifteen:yyyy-MM-dd},Nord\nE40,1985-03-03,Est\nS40,1985-03-03,Sud\n",
        });
        var vote = (await admin.OkAsync("mutation($input: CreateVoteInput!) { createVote(input: $input) { id requireVerified minimumAge } }", new
        {
            input = new
            {
                title = "Budget des quartiers",
                ballotType = "APPROVAL",
                options = new[]
                {
                    new { title = "Parc", cost = 100_000L, district = "Nord" },
                    new { title = "Piste", cost = 100_000L, district = "Sud" },
                },
                districts = new[] { new { name = "Nord", budget = 500_000L }, new { name = "Sud", budget = 500_000L } },
                minimumAge = 16,
                closesAt = api.Now.AddDays(7).ToString("O"),
            },
        }))["createVote"]!;
        Assert.True(vote["requireVerified"]!.GetValue<bool>());
        Assert.Equal(16, vote["minimumAge"]!.GetValue<int>());
        var id = vote["id"]!.GetValue<string>();

        async Task<string?> CastAsync(string user, string? verifyAs, DateOnly? birth, string choice, string? tokenDistrict = null)
        {
            using var member = api.Member(tenant, user, tokenDistrict);
            if (verifyAs is not null)
            {
                await member.OkAsync(Verify, new { n = verifyAs, b = birth!.Value.ToString("yyyy-MM-dd") });
            }

            var result = await member.SendAsync(Documents.CastBallot, new { input = new { voteId = id, choices = new[] { choice } } });
            return result.Errors is null ? null : result.FirstCode;
        }

        // A district in the token is no verification.
        Assert.Equal("VERIFICATION_REQUIRED", await CastAsync("unverified", null, null, "p1", tokenDistrict: "Nord"));
        Assert.Equal("TOO_YOUNG", await CastAsync("young", "N15", fifteen, "p1"));
        Assert.Equal("NOT_YOUR_DISTRICT", await CastAsync("east", "E40", new DateOnly(1985, 3, 3), "p1"));

        // Sixteen today is old enough; the district is the census' (Nord), not the token's (Sud).
        Assert.Null(await CastAsync("sixteen", "N16", sixteen, "p1", tokenDistrict: "Sud"));
        Assert.Equal("BALLOT_UNKNOWN_PROJECT", await CastAsync("south", "S40", new DateOnly(1985, 3, 3), "p1"));
        Assert.Null(await CastAsync("south", null, null, "p2"));

        Assert.Equal(2L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_ballots where tenant = @t and vote_id = @v", ("t", tenant), ("v", id)));
        Assert.Equal("Nord,Sud", await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select string_agg(district, ',' order by district) from civic_ballots where tenant = @t and vote_id = @v", ("t", tenant), ("v", id)));
    }

    /// <summary>Every row of the tenant's census tables as JSON text.</summary>
    private async Task<List<string>> CensusRowsAsync(string tenant)
    {
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in new[] { "civic_census_entries", "civic_census_claims", "civic_census_keys", "civic_census_attempts" })
        {
            await using var command = new NpgsqlCommand(
                $"select row_to_json(t)::text from {table} t where tenant = @t", connection);
            command.Parameters.AddWithValue("t", tenant);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        // The hashes' bytes read as text too (ASCII kept, other bytes escaped), so a number stored as bytes would show.
        await using (var bytes = new NpgsqlCommand(
            "select encode(entry_hash, 'escape'), length(entry_hash) from civic_census_entries where tenant = @t", connection))
        {
            bytes.Parameters.AddWithValue("t", tenant);
            await using var reader = await bytes.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Assert.Equal(32, reader.GetInt32(1));
                rows.Add(reader.GetString(0));
            }
        }

        return rows;
    }
}
