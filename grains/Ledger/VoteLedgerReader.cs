using System.Buffers.Binary;
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
    /// <summary>The voters of the ballots after <paramref name="afterSeq"/>, with the reference of a second-district ballot, and its seq.</summary>
    public async Task ReadVotersAsync(string tenant, string voteId, long afterSeq, Action<VoterDigest, VoterDigest?, long> each)
    {
        await using var command = dataSource.CreateCommand("""
            select seq, voter_key, case when is_extra then voter_ref end
            from civic_ballots
            where tenant = $1 and vote_id = $2 and seq > $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = voteId });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync())
        {
            var seq = reader.GetInt64(0);
            var voter = VoterDigest.Of(reader.GetString(1));
            VoterDigest? extra = reader.IsDBNull(2) ? null : VoterDigest.Of(reader.GetString(2));
            each(voter, extra, seq);
        }
    }

    /// <summary>
    /// Writes the digests of the voters of the ballots in (<paramref name="fromSeq"/>, <paramref name="toSeq"/>]. A chunk
    /// from 0 starts a new chain: the vote's older chunks are dropped with it.
    /// </summary>
    public async Task WriteVoterChunkAsync(string tenant, string voteId, long fromSeq, long toSeq, VoterDigest[] voters, VoterDigest[] extras)
    {
        await using var batch = dataSource.CreateBatch();
        if (fromSeq == 0)
        {
            var clear = new NpgsqlBatchCommand("delete from civic_vote_voter_chunks where tenant = $1 and vote_id = $2");
            clear.Parameters.Add(new NpgsqlParameter { Value = tenant });
            clear.Parameters.Add(new NpgsqlParameter { Value = voteId });
            batch.BatchCommands.Add(clear);
        }

        var insert = new NpgsqlBatchCommand("""
            insert into civic_vote_voter_chunks (tenant, vote_id, from_seq, to_seq, voters, extras) values ($1, $2, $3, $4, $5, $6)
            on conflict (tenant, vote_id, to_seq) do update set from_seq = excluded.from_seq, voters = excluded.voters, extras = excluded.extras
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = tenant });
        insert.Parameters.Add(new NpgsqlParameter { Value = voteId });
        insert.Parameters.Add(new NpgsqlParameter { Value = fromSeq });
        insert.Parameters.Add(new NpgsqlParameter { Value = toSeq });
        insert.Parameters.Add(new NpgsqlParameter { Value = Bytes(voters) });
        insert.Parameters.Add(new NpgsqlParameter { Value = Bytes(extras) });
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(); // one implicit transaction for the batch
    }

    /// <summary>
    /// Reads the chain of voter chunks from seq 0 to <paramref name="toSeq"/>; false (and nothing read) when no unbroken
    /// chain reaches it, and the caller reads every voter from the ballots instead.
    /// </summary>
    public async Task<bool> ReadVoterChunksAsync(string tenant, string voteId, long toSeq, Action<VoterDigest> voter, Action<VoterDigest> extra)
    {
        await using var command = dataSource.CreateCommand("""
            select from_seq, to_seq, voters, extras
            from civic_vote_voter_chunks
            where tenant = $1 and vote_id = $2 and to_seq <= $3
            order by to_seq
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = voteId });
        command.Parameters.Add(new NpgsqlParameter { Value = toSeq });
        var chunks = new List<(byte[] Voters, byte[] Extras)>();
        long reached = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (reader.GetInt64(0) != reached)
                {
                    return false;
                }

                reached = reader.GetInt64(1);
                chunks.Add((reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<byte[]>(3)));
            }
        }

        if (reached != toSeq || chunks.Any(c => c.Voters.Length % 16 != 0 || c.Extras.Length % 16 != 0))
        {
            return false;
        }

        foreach (var (voters, extras) in chunks)
        {
            Each(voters, voter);
            Each(extras, extra);
        }

        return true;
    }

    private static byte[] Bytes(VoterDigest[] digests)
    {
        var bytes = new byte[digests.Length * 16];
        for (var i = 0; i < digests.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(i * 16), digests[i].High);
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(i * 16 + 8), digests[i].Low);
        }

        return bytes;
    }

    private static void Each(byte[] bytes, Action<VoterDigest> each)
    {
        for (var i = 0; i < bytes.Length; i += 16)
        {
            each(new VoterDigest(BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(i)), BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(i + 8))));
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
