using Npgsql;
using NpgsqlTypes;

namespace Civic.Grains.Ledger;

/// <summary>
/// Which silo writes the ledger, as the membership table names it (cluster, address, port, generation). Each
/// batch ends with <c>civic_ledger_fence</c> (migration 0055): the silo's membership row must not say Dead, and is
/// locked until the commit, so the update that declares the silo dead waits for a batch in flight and refuses
/// every later one (SQLSTATE <see cref="SqlState"/>, the batch rolled back). A silo that was stopped past the
/// membership timeout and wakes with batches in hand cannot add rows the new activations of its grains, which loaded
/// the ledger after the declaration, would never count.
/// </summary>
public sealed record LedgerFence(string ClusterId, string Address, int Port, int Generation)
{
    public const string SqlState = "CV001";

    internal NpgsqlBatchCommand Command()
    {
        var command = new NpgsqlBatchCommand("select * from civic_ledger_fence($1, $2, $3, $4)");
        command.Parameters.Add(new NpgsqlParameter { Value = ClusterId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Address, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Port, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = Generation, NpgsqlDbType = NpgsqlDbType.Integer });
        return command;
    }
}
