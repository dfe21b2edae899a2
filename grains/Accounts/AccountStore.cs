using System.Security.Cryptography;
using System.Text;
using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Grains.Accounts;

/// <summary>The account tables: civic_accounts and civic_account_tokens; and the mail quota's count.</summary>
public sealed class AccountStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "tenant, id, email, display_name, locale, password_hash, role, email_confirmed_at, failed_sign_ins, locked_until, created_at, deleted_at";

    /// <summary>A new random token (32 bytes, base64url) and the SHA-256 the table keeps of it.</summary>
    public static (string Token, byte[] Hash) NewToken()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, HashOf(token));
    }

    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The id of the live account of a normalised address, or null.</summary>
    public async Task<string?> FindIdAsync(string tenant, string normalisedEmail)
    {
        await using var command = dataSource.CreateCommand(
            "select id from civic_accounts where tenant = $1 and email_normalized = $2 and deleted_at is null");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = normalisedEmail });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The account an upstream identity is linked to, or null.</summary>
    public async Task<string?> FindExternalAsync(string tenant, string provider, string subject)
    {
        await using var command = dataSource.CreateCommand(
            "select account_id from civic_external_logins where tenant = $1 and provider = $2 and subject = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Links an upstream identity to an account unless it is linked already; answers the account it is linked to.</summary>
    public async Task<string> LinkExternalAsync(string tenant, string provider, string subject, string accountId, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand("""
            insert into civic_external_logins (tenant, provider, subject, account_id, created_at) values ($1, $2, $3, $4, $5)
            on conflict (tenant, provider, subject) do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = accountId });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync();
        return await FindExternalAsync(tenant, provider, subject) ?? accountId;
    }

    /// <summary>Forgets upstream identities: one (<paramref name="subject"/>) or all of the account's; the count removed.</summary>
    public async Task<int> UnlinkExternalAsync(string tenant, string accountId, string? provider = null, string? subject = null)
    {
        await using var command = dataSource.CreateCommand("""
            delete from civic_external_logins
            where tenant = $1 and account_id = $2 and ($3::text is null or (provider = $3 and subject = $4))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = accountId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)provider ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)subject ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Live accounts holding a role other than member, by role then name.</summary>
    public async Task<IReadOnlyList<AccountState>> RoleHoldersAsync(string tenant, int limit)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from civic_accounts where tenant = $1 and deleted_at is null and role <> 'member'
            order by role, display_name, id limit $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var holders = new List<AccountState>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            holders.Add(Read(reader));
        }

        return holders;
    }

    /// <summary>How many live accounts of the tenant hold <paramref name="role"/>.</summary>
    public async Task<int> CountAsync(string tenant, Role role)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*) from civic_accounts where tenant = $1 and deleted_at is null and role = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = AccountWords.Of(role) });
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<AccountState?> LoadAsync(string tenant, string id)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from civic_accounts where tenant = $1 and id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    /// <summary>Writes a new account and its first token in one transaction; false when the address is taken.</summary>
    public async Task<bool> InsertAsync(AccountState account, NewTokenRow? token, IReadOnlyList<AuditRecord>? audit = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"""
            insert into civic_accounts ({Columns}, email_normalized) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $3)
            """, connection, transaction))
        {
            Bind(command, account);
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return false;
            }
        }

        if (token is not null)
        {
            await InsertTokenAsync(connection, transaction, token);
        }

        await AuditStore.InsertAsync(connection, transaction, account.Tenant, account.CreatedAt, audit);
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// Saves the account's mutable columns, and in the same transaction marks <paramref name="usedToken"/> used
    /// (false, nothing saved, when it was used meanwhile), voids the account's outstanding tokens of
    /// <paramref name="voidPurpose"/> and adds <paramref name="newToken"/>. ALREADY_EXISTS when the row's new
    /// address is another live account's.
    /// </summary>
    public async Task<bool> SaveAsync(AccountState account, DateTimeOffset at, byte[]? usedToken = null,
        TokenPurpose? voidPurpose = null, NewTokenRow? newToken = null, IReadOnlyList<AuditRecord>? audit = null, string? forgetAddress = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (usedToken is not null)
        {
            await using var use = new NpgsqlCommand(
                "update civic_account_tokens set used_at = $2 where token_hash = $1 and used_at is null", connection, transaction);
            use.Parameters.Add(new NpgsqlParameter { Value = usedToken });
            use.Parameters.Add(new NpgsqlParameter { Value = at });
            if (await use.ExecuteNonQueryAsync() != 1)
            {
                return false;
            }
        }

        if (voidPurpose is { } purpose)
        {
            // A new address also voids the reset links mailed to the old one.
            string[] purposes = purpose == TokenPurpose.ChangeEmail && usedToken is not null
                ? [AccountWords.Of(purpose), AccountWords.Of(TokenPurpose.ResetPassword)]
                : [AccountWords.Of(purpose)];
            await using var revoke = new NpgsqlCommand("""
                update civic_account_tokens set used_at = $4
                where tenant = $1 and account_id = $2 and purpose = any($3) and used_at is null
                """, connection, transaction);
            revoke.Parameters.Add(new NpgsqlParameter { Value = account.Tenant });
            revoke.Parameters.Add(new NpgsqlParameter { Value = account.Id });
            revoke.Parameters.Add(new NpgsqlParameter { Value = purposes });
            revoke.Parameters.Add(new NpgsqlParameter { Value = at });
            await revoke.ExecuteNonQueryAsync();
        }

        await using (var update = new NpgsqlCommand("""
            update civic_accounts set email = $3, email_normalized = $3, display_name = $4, locale = $5, password_hash = $6,
                role = $7, email_confirmed_at = $8, failed_sign_ins = $9, locked_until = $10, created_at = $11, deleted_at = $12
            where tenant = $1 and id = $2
            """, connection, transaction))
        {
            Bind(update, account);
            try
            {
                await update.ExecuteNonQueryAsync();
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new CivicException(ErrorCodes.AlreadyExists, "Another account uses this e-mail address.");
            }
        }

        if (newToken is not null)
        {
            await InsertTokenAsync(connection, transaction, newToken);
        }

        if (forgetAddress is { Length: > 0 })
        {
            await ForgetAddressAsync(connection, transaction, account.Tenant, account.Id, forgetAddress);
        }

        await AuditStore.InsertAsync(connection, transaction, account.Tenant, at, audit);
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// A deleted account's address leaves the tenant's other tables in the same transaction: audit rows that named it
    /// (invitations sent to it, accepted by it, its creation by one: as target or as a value of the details) name the account id instead, the invitations it accepted too, and the
    /// mails to it (sent or not) are dropped from the outbox. Pending invitations to the address stay the inviter's.
    /// </summary>
    private static async Task ForgetAddressAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, string accountId, string address)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("update civic_audit_log set target = $2 where tenant = $1 and target = $3", tenant, accountId, address),
                Command("""
                    update civic_audit_log set details = replace(details::text, to_json($3::text)::text, to_json($2::text)::text)::jsonb
                    where tenant = $1 and strpos(details::text, to_json($3::text)::text) > 0
                    """, tenant, accountId, address),
                Command("update civic_invitations set email = $2 where tenant = $1 and account_id = $2", tenant, accountId),
                Command("delete from civic_mail_outbox where tenant = $1 and recipient = $2", tenant, address),
            },
        };
        await batch.ExecuteNonQueryAsync();

        static NpgsqlBatchCommand Command(string sql, params string[] values)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            return command;
        }
    }

    public async Task AddTokenAsync(NewTokenRow token)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await InsertTokenAsync(connection, null, token);
    }

    public async Task<AccountToken?> FindTokenAsync(byte[] hash)
    {
        await using var command = dataSource.CreateCommand(
            "select tenant, account_id, purpose, new_email, created_at, expires_at, used_at from civic_account_tokens where token_hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new AccountToken(reader.GetString(0), reader.GetString(1), AccountWords.PurposeOf(reader.GetString(2)),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
    }

    /// <summary>How many mails of <paramref name="kind"/> went to <paramref name="recipient"/> in this tenant since <paramref name="since"/>.</summary>
    public async Task<int> MailsSinceAsync(string tenant, string recipient, string kind, DateTimeOffset since)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*) from civic_mail_outbox where tenant = $1 and recipient = $2 and kind = $3 and created_at > $4");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = recipient });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task InsertTokenAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, NewTokenRow token)
    {
        await using var command = new NpgsqlCommand("""
            insert into civic_account_tokens (token_hash, tenant, account_id, purpose, new_email, created_at, expires_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = token.Hash });
        command.Parameters.Add(new NpgsqlParameter { Value = token.Tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = token.AccountId });
        command.Parameters.Add(new NpgsqlParameter { Value = AccountWords.Of(token.Purpose) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)token.NewEmail ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = token.CreatedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = token.ExpiresAt });
        await command.ExecuteNonQueryAsync();
    }

    private static void Bind(NpgsqlCommand command, AccountState a)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = a.Tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = a.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = a.Email });
        command.Parameters.Add(new NpgsqlParameter { Value = a.DisplayName });
        command.Parameters.Add(new NpgsqlParameter { Value = a.Locale });
        command.Parameters.Add(Nullable(a.PasswordHash, NpgsqlTypes.NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = AccountWords.Of(a.Role) });
        command.Parameters.Add(Nullable(a.EmailConfirmedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz));
        command.Parameters.Add(new NpgsqlParameter { Value = a.FailedSignIns });
        command.Parameters.Add(Nullable(a.LockedUntil, NpgsqlTypes.NpgsqlDbType.TimestampTz));
        command.Parameters.Add(new NpgsqlParameter { Value = a.CreatedAt });
        command.Parameters.Add(Nullable(a.DeletedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz));
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlTypes.NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static AccountState Read(NpgsqlDataReader r) => new()
    {
        Tenant = r.GetString(0),
        Id = r.GetString(1),
        Email = r.GetString(2),
        DisplayName = r.GetString(3),
        Locale = r.GetString(4),
        PasswordHash = r.IsDBNull(5) ? null : r.GetString(5),
        Role = AccountWords.RoleOf(r.GetString(6)),
        EmailConfirmedAt = r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
        FailedSignIns = r.GetInt32(8),
        LockedUntil = r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(10),
        DeletedAt = r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
    };

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A token to write (its hash only).</summary>
public sealed record NewTokenRow(
    byte[] Hash, string Tenant, string AccountId, TokenPurpose Purpose, string? NewEmail, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
