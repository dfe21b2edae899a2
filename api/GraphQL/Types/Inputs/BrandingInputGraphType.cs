using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class BrandingInput
{
    public string PrimaryColor { get; set; } = "";
    public string SecondaryColor { get; set; } = "";
    public string? LogoUrl { get; set; }
}

public sealed class BrandingInputGraphType : InputObjectGraphType<BrandingInput>
{
    public BrandingInputGraphType()
    {
        Name = "BrandingInput";
        Field(x => x.PrimaryColor, type: typeof(NonNullGraphType<StringGraphType>)).Description("#RRGGBB");
        Field(x => x.SecondaryColor, type: typeof(NonNullGraphType<StringGraphType>)).Description("#RRGGBB");
        Field(x => x.LogoUrl, type: typeof(StringGraphType)).Description("An https URL.");
    }
}
