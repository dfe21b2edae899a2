using System.Text.Json;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Npgsql;

namespace Civic.Grains.Privacy;

/// <summary>
/// What Civic holds about one member of one tenant, as the JSON document of a personal data export (GDPR art. 15
/// and 20). Schema version 1:
/// <code>
/// {
///   "schemaVersion": 1,
///   "generatedAt": "2026-12-02T06:30:00+00:00",
///   "tenant": { "slug": "demo", "name": "Ville de Démo" },
///   "memberId": "acc_...",
///   "profile": null | { "email", "displayName", "locale", "role", "emailConfirmed" },
///   "verification": { "verified": true, "district": "Nord" | null, "verifiedAt": "..." | null },
///   "contributions": [ { "id", "campaignId", "amount", "currency", "createdAt", "rewardId", "paymentStatus",
///                        "counted", "revokedAt", "settledAt" } ],
///   "receipts": [ { "number", "year", "campaignId", "contributionId", "issuedAt", "receipt": { ...as issued... } } ],
///   "loanRepayments": [ { "campaignId", "repaymentId", "amount", "paidOn" } ],
///   "votes": [ { "voteId" } ]
/// }
/// </code>
/// <c>votes</c> lists the votes the member took part in and nothing else: never a choice, a point, a district or a
/// time, so that not even the export tells how they voted. Amounts are in cents. Each list holds at most
/// <see cref="MaxRowsPerList"/> rows, newest first, and <c>truncated</c> names the lists that were cut.
/// </summary>
public sealed class PersonalDataExport(NpgsqlDataSource dataSource, LedgerStore ledger, IGrainFactory grains, DomainClock time)
{
    public const int SchemaVersion = 1;

    /// <summary>The most rows one list of an export holds.</summary>
    public const int MaxRowsPerList = 50_000;

    /// <summary>The export document of <paramref name="memberId"/> in <paramref name="tenant"/>; <paramref name="account"/> fills its profile.</summary>
    public async Task<JsonObject> BuildAsync(string tenant, string memberId, AccountIdentity? account)
    {
        var info = await grains.GetGrain<ITenantGrain>(tenant).GetAsync();
        var verification = await grains.GetGrain<ICensusGrain>(tenant).GetVerificationAsync(memberId);
        var truncated = new JsonArray();
        var document = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["generatedAt"] = time.GetUtcNow(),
            ["tenant"] = new JsonObject { ["slug"] = tenant, ["name"] = info?.Name },
            ["memberId"] = memberId,
            ["profile"] = account is null ? null : new JsonObject
            {
                ["email"] = account.Email,
                ["displayName"] = account.DisplayName,
                ["locale"] = account.Locale,
                ["role"] = account.Role.ToString(),
                ["emailConfirmed"] = account.EmailConfirmed,
            },
            ["verification"] = new JsonObject
            {
                ["verified"] = verification.Verified,
                ["district"] = verification.District,
                ["verifiedAt"] = verification.VerifiedAt,
            },
            ["contributions"] = await ListAsync("contributions", truncated, """
                select c.contribution_id, c.campaign_id, c.amount, c.currency, c.created_at, c.reward_id, c.payment_status,
                       exists (select 1 from civic_counted_contributions k where k.id = c.id), c.revoked_at, c.settled_at
                from civic_contributions c where c.tenant = $1 and c.member_id = $2
                order by c.created_at desc, c.id desc limit $3
                """, tenant, memberId, r => new JsonObject
                {
                    ["id"] = r.GetString(0),
                    ["campaignId"] = r.GetString(1),
                    ["amount"] = r.GetInt64(2),
                    ["currency"] = r.GetString(3).Trim(),
                    ["createdAt"] = r.GetFieldValue<DateTimeOffset>(4),
                    ["rewardId"] = r.IsDBNull(5) ? null : r.GetString(5),
                    ["paymentStatus"] = r.GetString(6),
                    ["counted"] = r.GetBoolean(7),
                    ["revokedAt"] = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
                    ["settledAt"] = r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
                }),
            ["receipts"] = await ListAsync("receipts", truncated, """
                select number, year, campaign_id, contribution_id, issued_at, receipt::text from civic_tax_receipts
                where tenant = $1 and member_id = $2 order by issued_at desc, id desc limit $3
                """, tenant, memberId, r => new JsonObject
                {
                    ["number"] = r.GetString(0),
                    ["year"] = r.GetInt32(1),
                    ["campaignId"] = r.GetString(2),
                    ["contributionId"] = r.GetString(3),
                    ["issuedAt"] = r.GetFieldValue<DateTimeOffset>(4),
                    ["receipt"] = JsonNode.Parse(r.GetString(5)),
                }),
            ["loanRepayments"] = await ListAsync("loanRepayments", truncated, """
                select campaign_id, repayment_id, amount, paid_on from civic_loan_repayments
                where tenant = $1 and lender_id = $2 order by paid_on desc, repayment_id limit $3
                """, tenant, memberId, r => new JsonObject
                {
                    ["campaignId"] = r.GetString(0),
                    ["repaymentId"] = r.GetString(1),
                    ["amount"] = r.GetInt64(2),
                    ["paidOn"] = r.GetFieldValue<DateOnly>(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                }),
            ["votes"] = new JsonArray([.. (await VotesTakenPartInAsync(tenant, memberId)).Select(v => (JsonNode)new JsonObject { ["voteId"] = v })]),
        };
        document["truncated"] = truncated;
        return document;
    }

    /// <summary>The document as the file a member downloads: indented UTF-8 JSON.</summary>
    public static byte[] ToFile(JsonObject document) =>
        JsonSerializer.SerializeToUtf8Bytes(document, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>
    /// The votes the member cast a ballot in: each ballot row carries the member's pseudonym for its vote
    /// (<see cref="VoterPseudonyms"/>), so the member's pseudonym of every vote of the tenant is looked for; the
    /// choices are never read.
    /// </summary>
    private async Task<List<string>> VotesTakenPartInAsync(string tenant, string memberId)
    {
        var votes = new List<string>();
        await using (var command = dataSource.CreateCommand("select distinct vote_id from civic_ballots where tenant = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                votes.Add(reader.GetString(0));
            }
        }

        if (votes.Count == 0)
        {
            return votes;
        }

        var pseudonyms = await ledger.VoterPseudonymsAsync();
        await using var find = dataSource.CreateCommand("""
            select distinct b.vote_id from civic_ballots b
            join unnest($2::text[], $3::text[]) as mine(vote_id, voter_ref) on b.vote_id = mine.vote_id and b.voter_ref = mine.voter_ref
            where b.tenant = $1 order by b.vote_id
            """);
        find.Parameters.Add(new NpgsqlParameter { Value = tenant });
        find.Parameters.Add(new NpgsqlParameter { Value = votes.ToArray() });
        find.Parameters.Add(new NpgsqlParameter { Value = votes.Select(v => pseudonyms.For(tenant, v, memberId)).ToArray() });
        var mine = new List<string>();
        await using var rows = await find.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            mine.Add(rows.GetString(0));
        }

        return mine;
    }

    private async Task<JsonArray> ListAsync(string name, JsonArray truncated, string sql, string tenant, string memberId, Func<NpgsqlDataReader, JsonObject> row)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = MaxRowsPerList + 1 });
        await using var reader = await command.ExecuteReaderAsync();
        var list = new JsonArray();
        while (await reader.ReadAsync())
        {
            if (list.Count == MaxRowsPerList)
            {
                truncated.Add(name);
                break;
            }

            list.Add(row(reader));
        }

        return list;
    }
}
