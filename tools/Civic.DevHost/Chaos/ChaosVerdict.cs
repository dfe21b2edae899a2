using System.Globalization;
using Npgsql;

namespace Civic.Tools.DevHost.Chaos;

/// <summary>
/// The history against the ledger: every acknowledged pledge is in <c>civic_contributions</c> exactly once under its
/// idempotency key and with the contribution id the client was given (else lost); no key has two rows (duplicated);
/// no row has a key no client sent (extra); the campaign's raised money and contributions, as the API shows them, equal
/// the counted rows; the vote's ballots equal its ledger rows, at least the acknowledged voters and at most the
/// voters who tried.
/// </summary>
public sealed record ChaosVerdict(int Acked, int Lost, int Duplicated, int Extra, bool TotalsMatch, IReadOnlyList<string> Details, long Raised = 0)
{
    public bool Passed => Lost == 0 && Duplicated == 0 && Extra == 0 && TotalsMatch;

    /// <summary>Lost, duplicated and extra writes: the acknowledged pledges against the ledger's rows by (member, key).</summary>
    public static (int Lost, int Duplicated, int Extra) Compare(ChaosHistory history,
        IReadOnlyDictionary<(string Member, string Key), List<(string Id, long Amount, string Status)>> rows, List<string> details)
    {
        var lost = 0;
        foreach (var (key, acked) in history.Pledges)
        {
            if (!rows.TryGetValue(key, out var found) || !found.Any(r => r.Id == acked.ContributionId && r.Amount == acked.Amount))
            {
                lost++;
                if (lost <= 5)
                {
                    details.Add($"LOST pledge {key.Member}/{key.Key}: acknowledged as {acked.ContributionId}, ledger has {(found is null ? "nothing" : string.Join(", ", found.Select(r => r.Id)))}");
                }
            }
        }

        var duplicated = rows.Count(r => r.Value.Count > 1);
        var extra = rows.Keys.Count(k => !history.PledgeKeysSent.ContainsKey(k));
        return (lost, duplicated, extra);
    }

    public static async Task<ChaosVerdict> CheckAsync(string connectionString, HttpClient http, Uri api, string tenant, string campaignId,
        string voteId, string adminToken, ChaosHistory history)
    {
        var details = new List<string>();
        var rows = new Dictionary<(string Member, string Key), List<(string Id, long Amount, string Status)>>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(
            "select member_id, idempotency_key, contribution_id, amount, payment_status from civic_contributions where tenant = @t and campaign_id = @c", connection))
        {
            command.Parameters.AddWithValue("t", tenant);
            command.Parameters.AddWithValue("c", campaignId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var key = (reader.GetString(0), reader.GetString(1));
                (rows.TryGetValue(key, out var list) ? list : rows[key] = []).Add((reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
            }
        }

        var (lost, duplicated, extra) = Compare(history, rows, details);
        var pending = rows.Values.SelectMany(r => r).Count(r => r.Status == "pending");
        var unacknowledgedInLedger = rows.Keys.Count(k => history.PledgeKeysSent.ContainsKey(k) && !history.Pledges.ContainsKey(k));

        long countedSum;
        long countedRows;
        await using (var command = new NpgsqlCommand(
            "select coalesce(sum(amount), 0)::bigint, count(*) from civic_counted_contributions where tenant = @t and campaign_id = @c", connection))
        {
            command.Parameters.AddWithValue("t", tenant);
            command.Parameters.AddWithValue("c", campaignId);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            countedSum = reader.GetInt64(0);
            countedRows = reader.GetInt64(1);
        }

        long ballotRows;
        await using (var command = new NpgsqlCommand("select count(*) from civic_ballots where tenant = @t and vote_id = @v", connection))
        {
            command.Parameters.AddWithValue("t", tenant);
            command.Parameters.AddWithValue("v", voteId);
            ballotRows = (long)(await command.ExecuteScalarAsync())!;
        }

        var shown = await ChaosCommand.GraphQLAsync(http, api, tenant, adminToken,
            "query($c: ID!, $v: ID!) { campaign(id: $c) { raised { amount } contributions } vote(id: $v) { ballots } }", new { c = campaignId, v = voteId });
        var raised = shown["campaign"]!["raised"]!["amount"]!.GetValue<long>();
        var contributions = shown["campaign"]!["contributions"]!.GetValue<long>();
        var ballots = shown["vote"]!["ballots"]!.GetValue<long>();
        var ballotsOk = ballots == ballotRows && ballotRows >= history.Voters.Count && ballotRows <= history.VotersSent.Count;
        var totalsMatch = raised == countedSum && contributions == countedRows && ballotsOk;
        details.Add(string.Create(CultureInfo.InvariantCulture,
            $"campaign: raised {raised} vs ledger {countedSum}, contributions {contributions} vs {countedRows}; {pending} pending, {unacknowledgedInLedger} recorded but never acknowledged (a client gave up), {history.PledgeKeysSent.Count - history.Pledges.Count} never acknowledged"));
        details.Add(string.Create(CultureInfo.InvariantCulture,
            $"vote: {ballots} ballots shown, {ballotRows} in the ledger, {history.Voters.Count} acknowledged, {history.VotersSent.Count} voters tried"));
        return new ChaosVerdict(history.Pledges.Count + history.Voters.Count, lost, duplicated, extra, totalsMatch, details, raised);
    }
}
