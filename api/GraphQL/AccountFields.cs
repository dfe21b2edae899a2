using Civic.Api.GraphQL.Types;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;

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

    public static void AddAccountQueries(this ObjectGraphType query, IClusterClient cluster)
    {
        query.Field<AccountGraphType>("myAccount")
            .Description("The signed-in member's own account; null when the token's subject has no account here (a development token's user).")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.GetGrain<IAccountsGrain>(actor.Tenant).IdentityAsync(actor.UserId);
            });
    }

    private static IAccountsGrain Accounts(IClusterClient cluster, IResolveFieldContext c) =>
        cluster.GetGrain<IAccountsGrain>(c.Civic().RequireTenant().Slug);

    private static IAccountGrain Account(IClusterClient cluster, Actor actor) =>
        cluster.GetGrain<IAccountGrain>(GrainKeys.Compound(actor.Tenant, actor.UserId));
}
