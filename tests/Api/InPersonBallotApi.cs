using Civic.Api.Auth;
using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// In-person participation (issue 10): a polling officer records the ballot of a person without an
/// account after checking their census entry, which is then claimed, so that person cannot vote again,
/// in person or online; each act is logged with the officer and without the document number.
/// </summary>
[Collection("api-clock")]
public sealed class InPersonBallotApi(ClockedApiFixture api)
{
    private const string Upload = "mutation($csv: String!) { uploadCensus(csv: $csv) { entries } }";
    private const string Verify = "mutation($n: String!, $b: DateOnly!) { verifyResidency(documentNumber: $n, birthDate: $b) { verified } }";
    private const string Record = """
        mutation($v: ID!, $n: String!, $b: DateOnly!, $c: [String!]!) {
          recordInPersonBallot(voteId: $v, documentNumber: $n, birthDate: $b, choices: $c) { voteId ballots }
        }
        """;

    private DateOnly Today => DateOnly.FromDateTime(api.Now.UtcDateTime);

    private GraphQLClient Officer(string tenant, string user = "officer-1") =>
        api.Client(tenant, api.Tokens.Issue(tenant, user, Role.PollingOfficer));

    [Fact]
    public async Task An_officer_records_a_ballot_the_entry_is_claimed_and_the_person_cannot_vote_again()
    {
        var (tenant, vote) = await VoteAsync();
        using var officer = Officer(tenant);

        var recorded = (await officer.OkAsync(Record, new { v = vote, n = "ip-100", b = "1980-05-05", c = new[] { "p1" } }))["recordInPersonBallot"]!;
        Assert.Equal(1, recorded["ballots"]!.GetValue<int>());
        Assert.Equal(1, await VotesForAsync(tenant, vote, "p1"));

        // The same person again, at this station or another: one ballot per voter, nothing added.
        var again = await Officer(tenant, "officer-2").SendAsync(Record, new { v = vote, n = "IP100", b = "1980-05-05", c = new[] { "p1" } });
        Assert.Equal("ALREADY_VOTED", again.FirstCode);
        Assert.Equal(1, await VotesForAsync(tenant, vote, "p1"));

        // Nor online: the entry is claimed, so no account can verify with it.
        using var member = api.Member(tenant, "same-person");
        Assert.Equal("CENSUS_ENTRY_TAKEN", (await member.SendAsync(Verify, new { n = "IP100", b = "1980-05-05" })).FirstCode);
        Assert.Equal(1L, await Scalar<long>(tenant, "select count(*) from civic_ballots where tenant = @t"));

        // One log row: the officer, the vote, the time; no number, no voter id.
        var log = await Scalar<string>(tenant, "select string_agg(row_to_json(l)::text, '|') from civic_in_person_ballots l where tenant = @t");
        Assert.Contains("\"officer_id\":\"officer-1\"", log, StringComparison.Ordinal);
        Assert.Contains($"\"vote_id\":\"{vote}\"", log, StringComparison.Ordinal);
        Assert.DoesNotContain("|", log, StringComparison.Ordinal);
        Assert.DoesNotContain("IP100", log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ip-100", log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("in-person", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_an_account_holds_is_taken_and_a_refused_ballot_gives_its_claim_back()
    {
        var (tenant, vote) = await VoteAsync();
        using var alice = api.Member(tenant, "alice");
        await alice.OkAsync(Verify, new { n = "IP100", b = "1980-05-05" });
        using var officer = Officer(tenant);

        Assert.Equal("CENSUS_ENTRY_TAKEN", (await officer.SendAsync(Record, new { v = vote, n = "IP100", b = "1980-05-05", c = new[] { "p1" } })).FirstCode);
        Assert.Equal("VERIFICATION_FAILED", (await officer.SendAsync(Record, new { v = vote, n = "IP100", b = "1980-05-06", c = new[] { "p1" } })).FirstCode);

        // Eligibility is the census entry's: fifteen is too young; East is none of the vote's districts.
        Assert.Equal("TOO_YOUNG", (await officer.SendAsync(Record, new { v = vote, n = "IP200", b = Fifteen.ToString("yyyy-MM-dd"), c = new[] { "p1" } })).FirstCode);
        Assert.Equal("NOT_YOUR_DISTRICT", (await officer.SendAsync(Record, new { v = vote, n = "IP300", b = "1970-01-01", c = new[] { "p1" } })).FirstCode);
        Assert.Equal(0L, await Scalar<long>(tenant, "select count(*) from civic_ballots where tenant = @t"));
        Assert.Equal(0L, await Scalar<long>(tenant, "select count(*) from civic_in_person_ballots where tenant = @t"));

        // Nothing was recorded, so the claims went back: the young person can still verify online.
        Assert.Equal("alice", await Scalar<string>(tenant, "select string_agg(member_id, ',') from civic_census_claims where tenant = @t"));
        using var young = api.Member(tenant, "young");
        Assert.True((await young.OkAsync(Verify, new { n = "IP200", b = Fifteen.ToString("yyyy-MM-dd") }))["verifyResidency"]!["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_officers_run_of_misses_makes_look_ups_wait_so_the_roll_cannot_be_walked_and_a_match_resets_it()
    {
        var (tenant, vote) = await VoteAsync();
        using var officer = Officer(tenant);
        for (var i = 0; i < 19; i++)
        {
            Assert.Equal("VERIFICATION_FAILED", (await officer.SendAsync(Record, new { v = vote, n = $"NOPE{i}", b = "1980-05-05", c = new[] { "p1" } })).FirstCode);
        }

        // A match before the 20th miss resets the run: nineteen more misses still answer at once.
        await officer.OkAsync(Record, new { v = vote, n = "IP100", b = "1980-05-05", c = new[] { "p1" } });
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("VERIFICATION_FAILED", (await officer.SendAsync(Record, new { v = vote, n = $"MISS{i}", b = "1980-05-05", c = new[] { "p1" } })).FirstCode);
        }

        // The 20th miss in a row: even a right entry waits 5 minutes; another officer is not held up.
        Assert.Equal("VERIFICATION_LOCKED", (await officer.SendAsync(Record, new { v = vote, n = "IP300", b = "1970-01-01", c = new[] { "p1" } })).FirstCode);
        using var colleague = Officer(tenant, "officer-2");
        Assert.Equal("NOT_YOUR_DISTRICT", (await colleague.SendAsync(Record, new { v = vote, n = "IP300", b = "1970-01-01", c = new[] { "p1" } })).FirstCode);
        api.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("NOT_YOUR_DISTRICT", (await officer.SendAsync(Record, new { v = vote, n = "IP300", b = "1970-01-01", c = new[] { "p1" } })).FirstCode);

        // The officer's own verification as a member is another count.
        Assert.Equal(0L, await Scalar<long>(tenant, "select count(*) from civic_census_attempts where tenant = @t and member_id = 'officer-1'"));
    }

    [Fact]
    public async Task Only_polling_officers_and_admins_record_and_an_officer_has_no_moderator_or_admin_power()
    {
        var (tenant, vote) = await VoteAsync();
        var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        foreach (var caller in new[] { api.Member(tenant, "alice"), moderator })
        {
            using (caller)
            {
                Assert.Equal("FORBIDDEN", (await caller.SendAsync(Record, new { v = vote, n = "IP100", b = "1980-05-05", c = new[] { "p1" } })).FirstCode);
            }
        }

        Assert.Equal(0L, await Scalar<long>(tenant, "select count(*) from civic_census_claims where tenant = @t"));
        Assert.Equal(0L, await Scalar<long>(tenant, "select count(*) from civic_ballots where tenant = @t"));

        using var officer = Officer(tenant);
        Assert.Equal("FORBIDDEN", (await officer.SendAsync(Upload, new { csv = "A1,1990-01-01\n" })).FirstCode);
        Assert.Equal("FORBIDDEN", (await officer.SendAsync(Documents.CreateVote, Documents.NewVote(closesAt: api.Now.AddDays(7)))).FirstCode);

        // An officer of another tenant records nothing here.
        var other = await api.NewTenantAsync();
        using var stranger = api.Client(tenant, api.Tokens.Issue(other, "officer-x", Role.PollingOfficer));
        Assert.NotNull((await stranger.SendAsync(Record, new { v = vote, n = "IP100", b = "1980-05-05", c = new[] { "p1" } })).FirstCode);

        using var admin = api.Admin(tenant);
        await admin.OkAsync(Record, new { v = vote, n = "IP100", b = "1980-05-05", c = new[] { "p1" } });
        Assert.Equal("admin", await Scalar<string>(tenant, "select string_agg(officer_id, ',') from civic_in_person_ballots where tenant = @t"));

        // The admin reads the log per officer; an officer does not.
        const string Log = "query($v: ID!) { inPersonBallots(voteId: $v) { officerId ballots firstAt lastAt } }";
        var log = (await admin.OkAsync(Log, new { v = vote }))["inPersonBallots"]!.AsArray();
        Assert.Equal("admin", Assert.Single(log)!["officerId"]!.GetValue<string>());
        Assert.Equal(1, log[0]!["ballots"]!.GetValue<int>());
        Assert.Equal("FORBIDDEN", (await officer.SendAsync(Log, new { v = vote })).FirstCode);
    }

    [Fact]
    public void Dev_tokens_name_the_role_polling_officer()
    {
        Assert.Equal("polling_officer", DevTokens.RoleName(Role.PollingOfficer));
        Assert.True(DevTokens.TryParseRole("polling_officer", out var role));
        Assert.Equal(Role.PollingOfficer, role);
        var officer = new Actor("t", "o", Role.PollingOfficer);
        Assert.True(officer.IsAtLeast(Role.Member));
        Assert.False(officer.IsAtLeast(Role.Moderator));
        Assert.False(officer.IsAtLeast(Role.Admin));
        Assert.True(new Actor("t", "a", Role.Admin).IsAtLeast(Role.Moderator));
        Assert.False(new Actor("t", "m", Role.Moderator).CanRecordInPerson);
    }

    private DateOnly Fifteen => Today.AddYears(-16).AddDays(1);

    /// <summary>
    /// A tenant with a census and an open vote requiring verification, age 16 and the districts Nord and Sud, showing live
    /// tallies (its per-option counts are read while it is open).
    /// </summary>
    private async Task<(string Tenant, string Vote)> VoteAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        await admin.OkAsync(Upload, new { csv = $"IP100,1980-05-05,Nord\nIP200,{Fifteen:yyyy-MM-dd},Nord\nIP300,1970-01-01,Est\n" });
        var vote = (await admin.OkAsync(Documents.CreateVote, new
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
                liveTallies = true,
            },
        }))["createVote"]!;
        return (tenant, vote["id"]!.GetValue<string>());
    }

    private async Task<int> VotesForAsync(string tenant, string vote, string option)
    {
        using var admin = api.Admin(tenant);
        var options = (await admin.OkAsync(Documents.Vote, new { id = vote }))["vote"]!["options"]!.AsArray();
        return options.Single(o => o!["id"]!.GetValue<string>() == option)!["votes"]!.GetValue<int>();
    }

    private Task<T> Scalar<T>(string tenant, string sql) => PostgresServerFixture.ScalarAsync<T>(api.ConnectionString, sql, ("t", tenant));
}
