using Civic.Api.Oidc;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class SignInProviderGraphType : ObjectGraphType<SignInProvider>
{
    public SignInProviderGraphType()
    {
        Name = "SignInProvider";
        Description = "An upstream OpenID Connect provider the tenant's sign-in page offers (its client secret is never answered).";
        Field<NonNullGraphType<StringGraphType>>("key").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.DisplayName);
        Field<NonNullGraphType<StringGraphType>>("authority").Resolve(c => c.Source.Authority);
        Field<NonNullGraphType<StringGraphType>>("clientId").Resolve(c => c.Source.ClientId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes").Resolve(c => c.Source.Scopes);
        Field<StringGraphType>("nameClaim").Resolve(c => c.Source.NameClaim);
        Field<StringGraphType>("birthDateClaim").Resolve(c => c.Source.BirthDateClaim);
        Field<StringGraphType>("residencyClaim").Resolve(c => c.Source.ResidencyClaim);
    }
}
