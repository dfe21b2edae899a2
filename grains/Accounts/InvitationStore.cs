using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Grains.Accounts;

/// <summary>A stored invitation, found by the SHA-256 of its mailed token.</summary>
public sealed record Invitation(
    string Tenant, string Email, Role Role, string InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt);

/// <summary>civic_invitations, written by the tenant's roles grain only.</summary>
public sealed class InvitationStore(NpgsqlDataSource dataSource)
{
    /// <summary>Writes the invitation and its audit row in one transaction.</summary>
    public async Task InsertAsync(byte[] hash, string tenant, string email, Role role, string invitedBy,
        DateTimeOffset at, DateTimeOffset expiresAt, AuditRecord audit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("""
            insert into civic_invitations (token_hash, tenant, email, role, invited_by, created_at, expires_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = hash });
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            command.Parameters.Add(new NpgsqlParameter { Value = email });
            command.Parameters.Add(new NpgsqlParameter { Value = AccountWords.Of(role) });
            command.Parameters.Add(new NpgsqlParameter { Value = invitedBy });
            command.Parameters.Add(new NpgsqlParameter { Value = at });
            command.Parameters.Add(new NpgsqlParameter { Value = expiresAt });
            await command.ExecuteNonQueryAsync();
        }

        await AuditStore.InsertAsync(connection, transaction, tenant, at, [audit]);
        await transaction.CommitAsync();
    }

    public async Task<Invitation?> FindAsync(byte[] hash)
    {
        await using var command = dataSource.CreateCommand(
            "select tenant, email, role, invited_by, created_at, expires_at, accepted_at from civic_invitations where token_hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new Invitation(reader.GetString(0), reader.GetString(1), AccountWords.RoleOf(reader.GetString(2)), reader.GetString(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
    }

    /// <summary>Marks the invitation used by <paramref name="accountId"/>; false when it was used already.</summary>
    public async Task<bool> AcceptAsync(byte[] hash, DateTimeOffset at, string accountId)
    {
        await using var command = dataSource.CreateCommand(
            "update civic_invitations set accepted_at = $2, account_id = $3 where token_hash = $1 and accepted_at is null");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        command.Parameters.Add(new NpgsqlParameter { Value = accountId });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>The account change after <see cref="AcceptAsync"/> failed: the invitation can be used again.</summary>
    public async Task ReopenAsync(byte[] hash)
    {
        await using var command = dataSource.CreateCommand(
            "update civic_invitations set accepted_at = null, account_id = null where token_hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await command.ExecuteNonQueryAsync();
    }
}
