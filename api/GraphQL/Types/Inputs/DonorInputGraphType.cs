using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class DonorInput
{
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string? CompanySiren { get; set; }
}

public sealed class DonorInputGraphType : InputObjectGraphType<DonorInput>
{
    public DonorInputGraphType()
    {
        Name = "DonorInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Address, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.CompanySiren, type: typeof(StringGraphType)).Description("A company's SIREN: the receipt is then a Cerfa 16216.");
    }
}
