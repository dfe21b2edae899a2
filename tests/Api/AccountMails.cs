using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Tests.Api;

/// <summary>What the account flows put in civic_mail_outbox, read as the mail sender would, and accounts made through the API.</summary>
public sealed class AccountMails(ApiFixture api)
{
    public async Task<IReadOnlyList<(string Kind, string Link)>> ToAsync(string tenant, string recipient, string? kind = null)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select kind, coalesce(values->>'link', '') from civic_mail_outbox
            where tenant = $1 and recipient = $2 and ($3::text is null or kind = $3) order by id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = recipient });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var mails = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            mails.Add((reader.GetString(0), reader.GetString(1)));
        }

        return mails;
    }

    /// <summary>Every mail of a tenant (any recipient).</summary>
    public async Task<long> CountAsync(string tenant) =>
        await PostgresScalar<long>("select count(*) from civic_mail_outbox where tenant = $1", tenant);

    /// <summary>The token of the last mail of <paramref name="kind"/> to <paramref name="recipient"/>.</summary>
    public async Task<string> LastTokenAsync(string tenant, string recipient, string kind)
    {
        var mails = await ToAsync(tenant, recipient, kind);
        Assert.True(mails.Count > 0, $"no {kind} mail to {recipient}");
        return TokenOf(mails[^1].Link);
    }

    public static string TokenOf(string link)
    {
        var query = new Uri(link).Query.TrimStart('?').Split('&');
        return Uri.UnescapeDataString(query.Single(p => p.StartsWith("token=", StringComparison.Ordinal))["token=".Length..]);
    }

    /// <summary>Registers through the API and confirms with the mailed link; answers the account id.</summary>
    public async Task<string> ConfirmedAsync(string tenant, string email, string password = AccountDocuments.GoodPassword, string name = "Camille Martin")
    {
        using var anonymous = api.Client(tenant, null);
        await anonymous.OkAsync(AccountDocuments.Register, new { email, password, displayName = name, locale = "fr" });
        var token = await LastTokenAsync(tenant, email, "confirm-email");
        var confirmed = await anonymous.OkAsync(AccountDocuments.ConfirmEmail, new { token });
        return confirmed["confirmEmail"]!["id"]!.GetValue<string>();
    }

    /// <summary>An account with <paramref name="role"/> by an invitation the operator (admin) or <paramref name="inviter"/> sent, accepted through the API.</summary>
    public async Task<string> InvitedAsync(string tenant, string email, Role role = Role.Admin, Actor? inviter = null, string name = "Dominique Admin")
    {
        await api.Grains.GetGrain<ITenantRolesGrain>(tenant).InviteAsync(new InviteToRole(email, role), inviter ?? new Actor(tenant, "root", Role.Operator));
        using var anonymous = api.Client(tenant, null);
        var accepted = await anonymous.OkAsync(AccountDocuments.AcceptInvitation,
            new { token = await LastTokenAsync(tenant, email, "invitation"), p = AccountDocuments.GoodPassword, n = name, l = "fr" });
        return accepted["acceptInvitation"]!["id"]!.GetValue<string>();
    }

    public GraphQLClient SignedIn(string tenant, string accountId, Role role = Role.Member) =>
        api.Client(tenant, api.Tokens.Issue(tenant, accountId, role));

    public static string NewEmail(string who = "camille") => $"{who}.{Guid.NewGuid().ToString("N")[..8]}@example.org";

    private async Task<T> PostgresScalar<T>(string sql, string tenant)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
