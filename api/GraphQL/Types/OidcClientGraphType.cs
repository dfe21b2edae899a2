using Civic.Api.Oidc;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class OidcClientGraphType : ObjectGraphType<OidcClient>
{
    public OidcClientGraphType()
    {
        Name = "OidcClient";
        Description = "A public OpenID Connect client of the tenant (Authorization Code with PKCE, no secret).";
        Field<NonNullGraphType<StringGraphType>>("clientId").Resolve(c => c.Source.ClientId);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.DisplayName);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("redirectUris").Resolve(c => c.Source.RedirectUris);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("postLogoutRedirectUris").Resolve(c => c.Source.PostLogoutRedirectUris);
    }
}
