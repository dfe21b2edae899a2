using System.Data;
using Civic.Grains.Votes;
using Npgsql;

namespace Civic.Grains.Ledger;

/// <summary>
/// Reads a vote's ballots back as its activation needs them, streamed row by row (a million ballots are never a
/// list in memory): every voter as a <see cref="VoterDigest"/>, and the ballots after the tally snapshot.
/// </summary>
public sealed class VoteLedgerReader(NpgsqlDataSource dataSource)
{
    /// <summary>Every voter of the vote, with the reference of their second-district ballot when it is one, and its seq.</summary>
    public async Task ReadVotersAsync(string tenant, string voteId, Action<VoterDigest, VoterDigest?, long> each)
    {
        await using var command = dataSource.CreateCommand("""
            select seq, voter_key, case when is_extra then voter_ref end
            from civic_ballots
            where tenant = $1 and vote_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = voteId });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync())
        {
            var seq = reader.GetInt64(0);
            var voter = VoterDigest.Of(reader.GetString(1));
            VoterDigest? extra = reader.IsDBNull(2) ? null : VoterDigest.Of(reader.GetString(2));
            each(voter, extra, seq);
        }
    }

    /// <summary>The ballots with a seq above <paramref name="afterSeq"/>, in seq order: what a snapshot does not count yet.</summary>
    public async Task ReadBallotsAfterAsync(string tenant, string voteId, long afterSeq, Action<long, string?, string[], int[]> each)
    {
        await using var command = dataSource.CreateCommand("""
            select seq, district, choices, points
            from civic_ballots
            where tenant = $1 and vote_id = $2 and seq > $3
            order by seq
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = voteId });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync())
        {
            var seq = reader.GetInt64(0);
            var district = reader.IsDBNull(1) ? null : reader.GetString(1);
            var choices = reader.GetFieldValue<string[]>(2);
            var points = reader.GetFieldValue<int[]>(3);
            each(seq, district, choices, points);
        }
    }
}
