using System.Security.Cryptography;
using System.Text;
using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Grains.Ledger;

/// <summary>Reads the ledger back: replay on activation, idempotency look-ups, voter pseudonyms.</summary>
public sealed class LedgerStore(NpgsqlDataSource dataSource)
{
    private Lazy<Task<byte[]>> _ballotKey = new(() => LoadBallotKeyAsync(dataSource));

    /// <summary>
    /// The committed money per backer of a campaign's rows up to <paramref name="watermark"/> (the rows that count, by the
    /// view that is the SQL twin of <see cref="Payments.PaymentTransitions.Counts"/>), summed by PostgreSQL when the
    /// campaign activates, so that its snapshot need not carry them.
    /// </summary>
    public async Task<List<KeyValuePair<string, Campaigns.BackerTotals>>> BackersUpToAsync(string tenant, string campaignId, long watermark)
    {
        await using var command = dataSource.CreateCommand("""
            select member_id, sum(amount)::bigint, count(*)::int
            from civic_counted_contributions
            where tenant = $1 and campaign_id = $2 and seq <= $3
            group by member_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = watermark });
        var backers = new List<KeyValuePair<string, Campaigns.BackerTotals>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            backers.Add(new(reader.GetString(0), new Campaigns.BackerTotals(reader.GetInt64(1), reader.GetInt32(2))));
        }

        return backers;
    }

    public async Task<List<ContributionEntry>> ContributionsAfterAsync(string tenant, string campaignId, long afterSeq)
    {
        await using var command = dataSource.CreateCommand("""
            select seq, contribution_id, member_id, amount, currency, idempotency_key, created_at, reward_id, revoked_at,
                   payment_status, payment_reference
            from civic_contributions
            where tenant = $1 and campaign_id = $2 and seq > $3
            order by seq
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        var rows = new List<ContributionEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new ContributionEntry(
                tenant,
                campaignId,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                PaymentStatuses.FromSql(reader.GetString(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return rows;
    }

    /// <summary>Every loan repayment recorded on a campaign, per lender, in the order recorded.</summary>
    public async Task<Dictionary<string, List<(string Id, long Amount, DateOnly PaidOn)>>> LoanRepaymentsAsync(string tenant, string campaignId)
    {
        await using var command = dataSource.CreateCommand("""
            select lender_id, repayment_id, amount, paid_on
            from civic_loan_repayments
            where tenant = $1 and campaign_id = $2
            order by recorded_at, repayment_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        var byLender = new Dictionary<string, List<(string, long, DateOnly)>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var lender = reader.GetString(0);
            if (!byLender.TryGetValue(lender, out var list))
            {
                byLender[lender] = list = [];
            }

            list.Add((reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateOnly>(3)));
        }

        return byLender;
    }

    /// <summary>The match row of one contribution, whichever pool wrote it; null when it has none.</summary>
    public async Task<(string Tenant, string CallId, string CampaignId, string Backer, long Amount, bool Returned)?> FindMatchAsync(string contributionId)
    {
        await using var command = dataSource.CreateCommand("""
            select tenant, call_id, campaign_id, backer, amount, returned_at is not null
            from civic_matches where contribution_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = contributionId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetBoolean(5))
            : null;
    }

    /// <summary>Every match of one pool of a tenant ('' the default pool), oldest first.</summary>
    public async Task<List<(string CampaignId, string ContributionId, string Backer, long Amount, bool Returned)>> MatchesAsync(string tenant, string callId)
    {
        await using var command = dataSource.CreateCommand("""
            select campaign_id, contribution_id, backer, amount, returned_at is not null
            from civic_matches where tenant = $1 and call_id = $2 order by created_at, contribution_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = callId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string, long, bool)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetBoolean(4)));
        }

        return rows;
    }

    /// <summary>Lists an opened matchfunding call; writing it again changes nothing.</summary>
    public async Task InsertMatchCallAsync(string tenant, MatchCall call)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_match_calls (tenant, call_id, name, currency, ratio_numerator, ratio_denominator,
                cap_per_contribution, cap_per_project, cap_per_project_goal_bp, matches_per_backer, opened_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            on conflict do nothing
            """);
        var s = call.Settings;
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = call.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = call.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = call.Currency });
        command.Parameters.Add(new NpgsqlParameter { Value = s.RatioNumerator });
        command.Parameters.Add(new NpgsqlParameter { Value = s.RatioDenominator });
        command.Parameters.Add(new NpgsqlParameter { Value = s.CapPerContribution });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)s.CapPerProject ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)s.CapPerProjectGoalBasisPoints ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = s.MatchesPerBackerPerProject });
        command.Parameters.Add(new NpgsqlParameter { Value = call.OpenedAt });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Marks a failed campaign's matches returned to the pool; rows already returned keep their first time.</summary>
    public async Task ReturnMatchesAsync(string tenant, string campaignId, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand("""
            update civic_matches set returned_at = $3
            where tenant = $1 and campaign_id = $2 and returned_at is null
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Records one repayment; the same id again writes nothing.</summary>
    public async Task InsertLoanRepaymentAsync(string tenant, string campaignId, string lenderId, string repaymentId, long amount, DateOnly paidOn)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_loan_repayments (tenant, campaign_id, lender_id, repayment_id, amount, paid_on)
            values ($1, $2, $3, $4, $5, $6)
            on conflict do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = lenderId });
        command.Parameters.Add(new NpgsqlParameter { Value = repaymentId });
        command.Parameters.Add(new NpgsqlParameter { Value = amount });
        command.Parameters.Add(new NpgsqlParameter { Value = paidOn });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Marks a contribution revoked (equity reflection period). Idempotent: a row already revoked keeps
    /// its first time. Answers whether the row exists in this campaign for this member.
    /// </summary>
    public async Task<bool> RevokeContributionAsync(string tenant, string campaignId, string memberId, string contributionId, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand("""
            update civic_contributions set revoked_at = coalesce(revoked_at, $5)
            where tenant = $1 and campaign_id = $2 and member_id = $3 and contribution_id = $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = contributionId });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>
    /// Records a block of contribution ids a campaign is about to charge under, and in the same statement how many
    /// ids of its previous block it handed out (<paramref name="closing"/>): one commit per block, never per pledge.
    /// </summary>
    public async Task OpenPaymentKeyBlockAsync(
        string tenant, string campaignId, string blockId, int size, DateTimeOffset openedAt, (string BlockId, int Used)? closing)
    {
        await using var command = dataSource.CreateCommand("""
            with closed as (
                update civic_payment_key_blocks set used = $7 where block_id = $6 and used is null)
            insert into civic_payment_key_blocks (block_id, tenant, campaign_id, size, opened_at)
            values ($1, $2, $3, $4, $5)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = blockId });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = size });
        command.Parameters.Add(new NpgsqlParameter { Value = openedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)closing?.BlockId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)closing?.Used ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Records how many ids of a block its campaign handed out (it deactivates); a block already closed keeps its count.</summary>
    public async Task ClosePaymentKeyBlockAsync(string blockId, int used)
    {
        await using var command = dataSource.CreateCommand(
            "update civic_payment_key_blocks set used = $2 where block_id = $1 and used is null");
        command.Parameters.Add(new NpgsqlParameter { Value = blockId });
        command.Parameters.Add(new NpgsqlParameter { Value = used });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Whether a contribution row exists under this id (whichever activation wrote it).</summary>
    public async Task<bool> ContributionExistsAsync(string contributionId)
    {
        await using var command = dataSource.CreateCommand(
            "select exists (select 1 from civic_contributions where contribution_id = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = contributionId });
        return await command.ExecuteScalarAsync() is true;
    }

    /// <summary>The contribution a member already made with this idempotency key, on any campaign of the tenant.</summary>
    public async Task<ContributionEntry?> FindContributionAsync(string tenant, string memberId, string idempotencyKey)
    {
        await using var command = dataSource.CreateCommand("""
            select campaign_id, seq, contribution_id, amount, currency, created_at, reward_id, payment_status, payment_reference
            from civic_contributions
            where tenant = $1 and member_id = $2 and idempotency_key = $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        command.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new ContributionEntry(
            tenant,
            reader.GetString(0),
            reader.GetInt64(1),
            reader.GetString(2),
            memberId,
            reader.GetInt64(3),
            reader.GetString(4),
            idempotencyKey,
            reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            null,
            PaymentStatuses.FromSql(reader.GetString(7)),
            reader.IsDBNull(8) ? null : reader.GetString(8));
    }

    /// <summary>
    /// The contribution a provider's event is about: by the contribution id Civic gave the payment when the
    /// event carries it (it always reaches us, even when the provider's first answer was lost), else by the
    /// provider's own reference.
    /// </summary>
    public async Task<(string Tenant, string CampaignId, string ContributionId)?> FindPaymentAsync(string provider, string reference, string? contributionId)
    {
        await using var command = dataSource.CreateCommand("""
            select tenant, campaign_id, contribution_id
            from civic_contributions
            where case when $3::text is null
                       then payment_provider = $1 and payment_reference = $2
                       else contribution_id = $3 and (payment_provider is null or payment_provider = $1) end
            limit 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        command.Parameters.Add(new NpgsqlParameter { Value = reference });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)contributionId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    public async Task<bool> PaymentEventSeenAsync(string provider, string eventId)
    {
        await using var command = dataSource.CreateCommand(
            "select exists (select 1 from civic_payment_events where provider = $1 and event_id = $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        return await command.ExecuteScalarAsync() is true;
    }

    /// <summary>Records an applied event; false if it was already recorded (a concurrent duplicate).</summary>
    public async Task<bool> RecordPaymentEventAsync(string provider, string eventId, string contributionId, PaymentStatus status, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_payment_events (provider, event_id, contribution_id, status, received_at)
            values ($1, $2, $3, $4, $5)
            on conflict do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = contributionId });
        command.Parameters.Add(new NpgsqlParameter { Value = PaymentStatuses.ToSql(status) });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Records a campaign's payout; idempotent (one payout per campaign, the first one stays).</summary>
    public async Task InsertPayoutAsync(string tenant, string campaignId, long amount, string currency, string beneficiary, string provider, string? reference, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_payouts (tenant, campaign_id, amount, currency, beneficiary, provider, reference, paid_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = amount });
        command.Parameters.Add(new NpgsqlParameter { Value = currency });
        command.Parameters.Add(new NpgsqlParameter { Value = beneficiary });
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)reference ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<List<BallotEntry>> BallotsAsync(string tenant, string voteId)
    {
        await using var command = dataSource.CreateCommand("""
            select seq, ballot_id, voter_key, choices, cast_at, points, district, voter_ref, is_extra
            from civic_ballots
            where tenant = $1 and vote_id = $2
            order by seq
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = voteId });
        var rows = new List<BallotEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new BallotEntry(
                tenant,
                voteId,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                [.. reader.GetFieldValue<string[]>(3)],
                reader.GetFieldValue<DateTimeOffset>(4),
                [.. reader.GetFieldValue<int[]>(5)],
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7),
                reader.GetBoolean(8)));
        }

        return rows;
    }

    /// <summary>The pseudonymiser for voters, loaded once per silo.</summary>
    public async Task<VoterPseudonyms> VoterPseudonymsAsync()
    {
        var task = _ballotKey.Value;
        if (task.IsFaulted)
        {
            // Do not cache a failure (the database may have been down at the first call).
            Interlocked.CompareExchange(ref _ballotKey, new(() => LoadBallotKeyAsync(dataSource)), _ballotKey);
            task = _ballotKey.Value;
        }

        return new VoterPseudonyms(await task);
    }

    private static async Task<byte[]> LoadBallotKeyAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("select value from civic_settings where key = 'ballot_key'");
        var value = await command.ExecuteScalarAsync() as string
            ?? throw new InvalidOperationException("civic_settings has no ballot_key: run the migrations.");
        return Encoding.UTF8.GetBytes(value);
    }
}

/// <summary>
/// The pseudonym under which a voter's ballot is stored: a keyed hash of tenant, vote and user,
/// so the ballots table alone never says who voted for what.
/// </summary>
public sealed class VoterPseudonyms(byte[] key)
{
    public string For(string tenant, string voteId, string userId)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{tenant}\u001f{voteId}\u001f{userId}"));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>The pseudonym of a voter's ballot in one district of a vote with districts.</summary>
    public string For(string tenant, string voteId, string userId, string district)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{tenant}\u001f{voteId}\u001f{userId}\u001f{district}"));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// The pseudonyms of one vote's published ballots: a keyed hash of the stored voter key under an export
    /// key of that vote alone (itself derived from the ballot key), so an export's voter ids match neither
    /// the ballots table nor the export of any other vote.
    /// </summary>
    public Func<string, string> ForExport(string tenant, string voteId)
    {
        var exportKey = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"export\u001f{tenant}\u001f{voteId}"));
        return voterKey => Convert.ToHexStringLower(HMACSHA256.HashData(exportKey, Encoding.UTF8.GetBytes(voterKey)))[..16];
    }
}
