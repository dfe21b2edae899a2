using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class BeneficiaryInput
{
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string? Siren { get; set; }
    public string? Rna { get; set; }
    public string Purpose { get; set; } = "";
}

public sealed class BeneficiaryInputGraphType : InputObjectGraphType<BeneficiaryInput>
{
    public BeneficiaryInputGraphType()
    {
        Name = "BeneficiaryInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Address, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Siren, type: typeof(StringGraphType)).Description("9 digits; a SIREN or an RNA is required.");
        Field(x => x.Rna, type: typeof(StringGraphType)).Description("W and 9 characters.");
        Field(x => x.Purpose, type: typeof(NonNullGraphType<StringGraphType>)).Description("The object printed on receipts.");
    }
}
