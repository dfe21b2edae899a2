using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CreateTenantInput
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Locale { get; set; } = "fr";
    public BrandingInput? Branding { get; set; }
    public List<TenantModule>? Modules { get; set; }
    public List<string>? CustomHosts { get; set; }
}

public sealed class CreateTenantInputGraphType : InputObjectGraphType<CreateTenantInput>
{
    public CreateTenantInputGraphType()
    {
        Name = "CreateTenantInput";
        Field(x => x.Slug, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Locale, type: typeof(StringGraphType)).DefaultValue("fr");
        Field(x => x.Branding, type: typeof(BrandingInputGraphType));
        Field(x => x.Modules, type: typeof(ListGraphType<NonNullGraphType<TenantModuleGraphType>>));
        Field(x => x.CustomHosts, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>));
    }
}
