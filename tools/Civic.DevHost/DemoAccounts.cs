using Civic.Grains.Interfaces;
using Npgsql;

namespace Civic.Tools.DevHost;

/// <summary>
/// The demo tenant's two accounts, made the way people make theirs: the member registers and confirms with the
/// link of her mail, the admin is invited by the platform operator and accepts with the link of his. The links are
/// read from the mail outbox, as a newcomer would read them in <c>./civic mail</c>. Both share one password, kept in
/// the data folder and printed at start-up. Accounts that already sign in with it are left as they are.
/// </summary>
public static class DemoAccounts
{
    public const string AdminEmail = "admin@demo.example";
    public const string MemberEmail = "alice@demo.example";

    /// <summary>Makes the two accounts; answers what went wrong, for the start-up banner, or null.</summary>
    public static async Task<string?> EnsureAsync(IGrainFactory grains, string connectionString, string password)
    {
        try
        {
            await CreateAsync(grains, connectionString, password);
            return null;
        }
        catch (CivicException e)
        {
            // For example accounts made with a password since deleted from the data folder: reset it by mail.
            return $"the demo accounts could not be made ({e.Code}: {e.Message}); use requestPasswordReset and ./civic mail";
        }
    }

    private static async Task CreateAsync(IGrainFactory grains, string connectionString, string password)
    {
        var accounts = grains.GetGrain<IAccountsGrain>(DemoSeed.Tenant);
        await using var db = new NpgsqlDataSourceBuilder(connectionString).Build();

        if ((await accounts.SignInAsync(MemberEmail, password)).Status != SignInStatus.SignedIn)
        {
            await accounts.RegisterAsync(new Register(MemberEmail, password, "Alice Martin", "fr"));
            await accounts.RedeemAsync(new RedeemToken(TokenPurpose.ConfirmEmail, await LinkTokenAsync(db, MemberEmail, "confirm-email")));
        }

        if ((await accounts.SignInAsync(AdminEmail, password)) is not { Status: SignInStatus.SignedIn, Account.Role: Role.Admin })
        {
            var roles = grains.GetGrain<ITenantRolesGrain>(DemoSeed.Tenant);
            await roles.InviteAsync(new InviteToRole(AdminEmail, Role.Admin), new Actor(DemoSeed.Tenant, "operator", Role.Operator));
            await roles.AcceptAsync(new AcceptInvitation(await LinkTokenAsync(db, AdminEmail, "invitation"), password, "Camille Admin", "fr"));
        }
    }

    private static Task<string> LinkTokenAsync(NpgsqlDataSource db, string email, string kind) =>
        MailedLinkTokenAsync(db, DemoSeed.Tenant, email, kind);

    /// <summary>
    /// The token in the link of the newest mail of <paramref name="kind"/> to <paramref name="email"/> on
    /// <paramref name="tenant"/>, read from the outbox as the mail carries it (the demo seed and the benchmark's sign-ups).
    /// </summary>
    public static async Task<string> MailedLinkTokenAsync(NpgsqlDataSource db, string tenant, string email, string kind)
    {
        await using var command = db.CreateCommand("""
            select values->>'link' from civic_mail_outbox where tenant = $1 and recipient = $2 and kind = $3 order by id desc limit 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        var link = await command.ExecuteScalarAsync() as string
            ?? throw new InvalidOperationException($"No {kind} mail to {email} on {tenant}.");
        var token = new Uri(link).Query.TrimStart('?').Split('&').Single(p => p.StartsWith("token=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(token["token=".Length..]);
    }
}
