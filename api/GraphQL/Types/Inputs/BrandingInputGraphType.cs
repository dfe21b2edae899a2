using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class BrandingInput
{
    public string PrimaryColor { get; set; } = "#1d4ed8";
    public string SecondaryColor { get; set; } = "#f59e0b";
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
