using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class UpdateTenantBrandingInput
{
    public string Name { get; set; } = "";
    public string Locale { get; set; } = "";
    public string PrimaryColor { get; set; } = "";
    public string SecondaryColor { get; set; } = "";
    public string? LogoUrl { get; set; }
}

public sealed class UpdateTenantBrandingInputGraphType : InputObjectGraphType<UpdateTenantBrandingInput>
{
    public UpdateTenantBrandingInputGraphType()
    {
        Name = "UpdateTenantBrandingInput";
        Description = "What residents see of the tenant, replaced as one.";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("1 to 200 characters (trimmed).");
        Field(x => x.Locale, type: typeof(NonNullGraphType<StringGraphType>)).Description("The site's default locale: fr or en.");
        Field(x => x.PrimaryColor, type: typeof(NonNullGraphType<StringGraphType>)).Description("#RRGGBB");
        Field(x => x.SecondaryColor, type: typeof(NonNullGraphType<StringGraphType>)).Description("#RRGGBB");
        Field(x => x.LogoUrl, type: typeof(StringGraphType)).Description("An https URL or a path on the site (/logo.svg); null or empty: no logo.");
    }
}
