using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class RegisterOidcClientInput
{
    public string ClientId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<string> RedirectUris { get; set; } = [];
    public List<string>? PostLogoutRedirectUris { get; set; }
}

public sealed class RegisterOidcClientInputGraphType : InputObjectGraphType<RegisterOidcClientInput>
{
    public RegisterOidcClientInputGraphType()
    {
        Name = "RegisterOidcClientInput";
        Field(x => x.ClientId, type: typeof(NonNullGraphType<StringGraphType>))
            .Description("The client_id the front-end sends: up to 64 of A-Z a-z 0-9 . _ ~ - (unique within the tenant).");
        Field(x => x.DisplayName, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.RedirectUris, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>))
            .Description("1 to 10 absolute URIs, https (http only on a loopback address), no fragment.");
        Field(x => x.PostLogoutRedirectUris, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>))
            .Description("Up to 10 URIs the end-session endpoint may send back to, same rules.");
    }
}
