using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

/// <summary>A tenant account as its owner (or an admin listing role holders) sees it; never its password or tokens.</summary>
public sealed class AccountGraphType : ObjectGraphType<AccountIdentity>
{
    public AccountGraphType()
    {
        Name = "Account";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The subject of the account's tokens.").Resolve(c => c.Source.AccountId);
        Field<NonNullGraphType<StringGraphType>>("email").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.DisplayName);
        Field<NonNullGraphType<StringGraphType>>("locale").Description("fr or en: the language of its mails.").Resolve(c => c.Source.Locale);
        Field<NonNullGraphType<RoleGraphType>>("role").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<BooleanGraphType>>("emailConfirmed").Resolve(c => c.Source.EmailConfirmed);
    }
}
