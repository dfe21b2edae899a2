using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ConfigureSignInProviderInput
{
    public string Key { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public SignInClaimsInput? Claims { get; set; }
}

public sealed class SignInClaimsInput
{
    public string? Name { get; set; }
    public string? BirthDate { get; set; }
    public string? Residency { get; set; }
}

public sealed class ConfigureSignInProviderInputGraphType : InputObjectGraphType<ConfigureSignInProviderInput>
{
    public ConfigureSignInProviderInputGraphType()
    {
        Name = "ConfigureSignInProviderInput";
        Field(x => x.Key, type: typeof(NonNullGraphType<StringGraphType>))
            .Description("2 to 40 of a-z, 0-9 and hyphens, starting with a letter; unique within the tenant (the same key replaces the provider).");
        Field(x => x.DisplayName, type: typeof(NonNullGraphType<StringGraphType>)).Description("The button's name on the sign-in page (up to 100 characters).");
        Field(x => x.Authority, type: typeof(NonNullGraphType<StringGraphType>))
            .Description("The issuer URL: https (http only on a loopback address), no query or fragment; its /.well-known/openid-configuration must name it as issuer.");
        Field(x => x.ClientId, type: typeof(NonNullGraphType<StringGraphType>)).Description("Civic's client id at the provider (up to 200 characters).");
        Field(x => x.ClientSecret, type: typeof(NonNullGraphType<StringGraphType>))
            .Description("Civic's client secret at the provider (up to 512 characters): stored protected, never answered.");
        Field(x => x.Scopes, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>))
            .Description("1 to 10 scopes, openid among them (email is needed for the account's address).");
        Field(x => x.Claims, type: typeof(SignInClaimsInputGraphType)).Description("Which upstream claims carry what (name defaults to name).");
    }
}

public sealed class SignInClaimsInputGraphType : InputObjectGraphType<SignInClaimsInput>
{
    public SignInClaimsInputGraphType()
    {
        Name = "SignInClaimsInput";
        Field(x => x.Name, type: typeof(StringGraphType)).Description("The claim of the person's name (default name; else given_name and family_name).");
        Field(x => x.BirthDate, type: typeof(StringGraphType)).Description("The claim of the birth date (e.g. birthdate); recorded as configuration only for now.");
        Field(x => x.Residency, type: typeof(StringGraphType)).Description("The claim of the residency (e.g. address or birthplace); recorded as configuration only for now.");
    }
}
