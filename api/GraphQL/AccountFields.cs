using System.Globalization;
using Civic.Api.GraphQL.Types;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;

namespace Civic.Api.GraphQL;

/// <summary>
/// The account fields of Mutation and Query (issue 10), kept beside the root types so those stay readable.
/// Sign-up and the mailed links are anonymous (the tenant still comes from the host or header); answers
/// that could tell whether an address is registered are always the same <c>true</c>. Sign-in itself is
/// the OpenID Connect server's, not a mutation.
/// </summary>
public static class AccountFields
{
    private const string SameAnswer = " Always true, whether or not the address has an account: tell the person to check their mail.";

    public static void AddAccountMutations(this ObjectGraphType mutation, IClusterClient cluster)
    {
        mutation.Field<NonNullGraphType<BooleanGraphType>>("register")
            .Description("Anonymous: signs up with a password (10 to 200 characters, not the name or address, not a common one). "
                + "A new address gets a confirmation link (24 h); an address with an account gets a mail saying so instead." + SameAnswer)
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .Argument<NonNullGraphType<StringGraphType>>("password")
            .Argument<NonNullGraphType<StringGraphType>>("displayName")
            .Argument<NonNullGraphType<StringGraphType>>("locale", "fr or en.")
            .ResolveAsync(async c =>
            {
                await Accounts(cluster, c).RegisterAsync(new Register(
                    c.GetArgument<string>("email"), c.GetArgument<string>("password"), c.GetArgument<string>("displayName"), c.GetArgument<string>("locale")));
                return true;
            });

        mutation.Field<NonNullGraphType<BooleanGraphType>>("resendConfirmation")
            .Description("Anonymous: a new confirmation link when the address has an unconfirmed account (at most 5 mails an hour)." + SameAnswer)
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .ResolveAsync(async c =>
            {
                await Accounts(cluster, c).ResendConfirmationAsync(c.GetArgument<string>("email"));
                return true;
            });

        mutation.Field<NonNullGraphType<AccountGraphType>>("confirmEmail")
            .Description("Anonymous: uses the confirmation link's token (24 h, once). TOKEN_INVALID, TOKEN_USED, TOKEN_EXPIRED.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async c => await Accounts(cluster, c).RedeemAsync(new RedeemToken(TokenPurpose.ConfirmEmail, c.GetArgument<string>("token"))));

        mutation.Field<NonNullGraphType<BooleanGraphType>>("requestPasswordReset")
            .Description("Anonymous: mails a reset link (6 h, once) when the address has an account (at most 5 mails an hour)." + SameAnswer)
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .ResolveAsync(async c =>
            {
                await Accounts(cluster, c).RequestPasswordResetAsync(c.GetArgument<string>("email"));
                return true;
            });

        mutation.Field<NonNullGraphType<AccountGraphType>>("resetPassword")
            .Description("Anonymous: sets a new password with the reset link's token; also unlocks the account and voids its other reset links.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .Argument<NonNullGraphType<StringGraphType>>("newPassword")
            .ResolveAsync(async c => await Accounts(cluster, c).RedeemAsync(
                new RedeemToken(TokenPurpose.ResetPassword, c.GetArgument<string>("token"), c.GetArgument<string>("newPassword"))));

        mutation.Field<NonNullGraphType<AccountGraphType>>("unlockAccount")
            .Description("Anonymous: unlocks an account locked after 20 failed sign-ins, with the token of the mail it sent.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async c => await Accounts(cluster, c).RedeemAsync(new RedeemToken(TokenPurpose.Unlock, c.GetArgument<string>("token"))));

        mutation.Field<NonNullGraphType<BooleanGraphType>>("changeEmail")
            .Description("The signed-in member: after checking the current password (INVALID_CREDENTIALS), mails a link to the new address; "
                + "the address changes when confirmEmailChange uses it. An address another account holds gets no link, with the same answer.")
            .Argument<NonNullGraphType<StringGraphType>>("newEmail")
            .Argument<NonNullGraphType<StringGraphType>>("currentPassword")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                await Account(cluster, actor).RequestEmailChangeAsync(c.GetArgument<string>("newEmail"), c.GetArgument<string>("currentPassword"), actor);
                return true;
            });

        mutation.Field<NonNullGraphType<AccountGraphType>>("confirmEmailChange")
            .Description("Anonymous: moves the account to its new address with the token mailed there (24 h, once).")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async c => await Accounts(cluster, c).RedeemAsync(new RedeemToken(TokenPurpose.ChangeEmail, c.GetArgument<string>("token"))));
    }

    public static void AddRoleMutations(this ObjectGraphType mutation, IClusterClient cluster)
    {
        mutation.Field<NonNullGraphType<BooleanGraphType>>("inviteTenantAdmin")
            .Description("The platform operator: mails an invitation (14 days, single use) to become an admin of the tenant.")
            .Argument<NonNullGraphType<StringGraphType>>("tenant", "The tenant's slug.")
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireOperator();
                await cluster.GetGrain<ITenantRolesGrain>(TenantSlug.Checked(c.GetArgument<string>("tenant")))
                    .InviteAsync(new InviteToRole(c.GetArgument<string>("email"), Role.Admin), actor);
                return true;
            });

        mutation.Field<NonNullGraphType<BooleanGraphType>>("inviteToRole")
            .Description("Admins: mails an invitation (14 days, single use) to hold MODERATOR, ADMIN or POLLING_OFFICER; at most 5 an hour per address.")
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .Argument<NonNullGraphType<RoleGraphType>>("role")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                await cluster.GetGrain<ITenantRolesGrain>(actor.Tenant).InviteAsync(new InviteToRole(c.GetArgument<string>("email"), c.GetArgument<Role>("role")), actor);
                return true;
            });

        mutation.Field<NonNullGraphType<AccountGraphType>>("acceptInvitation")
            .Description("Anonymous: uses an invitation link. The invited address's account gets the role; without one, an account is created, "
                + "already confirmed, from password, displayName and locale (required then). TOKEN_INVALID, TOKEN_USED, TOKEN_EXPIRED, LAST_ADMIN.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .Argument<StringGraphType>("password")
            .Argument<StringGraphType>("displayName")
            .Argument<StringGraphType>("locale", "fr or en.")
            .ResolveAsync(async c => await cluster.GetGrain<ITenantRolesGrain>(c.Civic().RequireTenant().Slug).AcceptAsync(new AcceptInvitation(
                c.GetArgument<string>("token"), c.GetArgument<string?>("password"), c.GetArgument<string?>("displayName"), c.GetArgument<string?>("locale"))));

        mutation.Field<NonNullGraphType<AccountGraphType>>("removeRole")
            .Description("Admins: the account goes back to member (LAST_ADMIN for the tenant's only admin).")
            .Argument<NonNullGraphType<IdGraphType>>("accountId")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await cluster.GetGrain<ITenantRolesGrain>(actor.Tenant).RemoveRoleAsync(c.GetArgument<string>("accountId"), actor);
            });
    }

    public static void AddAccountQueries(this ObjectGraphType query, IClusterClient cluster)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccountGraphType>>>>("roleHolders")
            .Description("Admins: the accounts holding a role other than member, by role then name (at most 500).")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return (await cluster.GetGrain<ITenantRolesGrain>(actor.Tenant).RoleHoldersAsync(actor)).ToArray();
            });

        query.Field<NonNullGraphType<ConnectionType<AuditEntryGraphType>>>("auditLog")
            .Description("Admins: the tenant's audit log (invitations, role changes), newest first.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var after = Cursors.IdFrom(c.GetArgument<string?>("after"));
                var page = await cluster.GetGrain<ITenantRolesGrain>(actor.Tenant).AuditLogAsync(
                    Cursors.PageSize(c.GetArgument<int?>("first")), after is null ? null : AuditCursor(after), actor);
                return Connections.Of(page.Items, e => e, e => Cursors.ForId(e.Id.ToString(CultureInfo.InvariantCulture)),
                    page.HasNextPage, after is not null, page.TotalCount);
            });

        query.Field<AccountGraphType>("myAccount")
            .Description("The signed-in member's own account; null when the token's subject has no account here (a development token's user).")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.GetGrain<IAccountsGrain>(actor.Tenant).IdentityAsync(actor.UserId);
            });
    }

    private static long AuditCursor(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CivicException(ErrorCodes.Validation, "after is not a cursor of this list.");

    private static IAccountsGrain Accounts(IClusterClient cluster, IResolveFieldContext c) =>
        cluster.GetGrain<IAccountsGrain>(c.Civic().RequireTenant().Slug);

    private static IAccountGrain Account(IClusterClient cluster, Actor actor) =>
        cluster.GetGrain<IAccountGrain>(GrainKeys.Compound(actor.Tenant, actor.UserId));
}
