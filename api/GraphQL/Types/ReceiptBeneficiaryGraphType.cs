using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ReceiptBeneficiaryGraphType : ObjectGraphType<ReceiptBeneficiary>
{
    public ReceiptBeneficiaryGraphType()
    {
        Name = "ReceiptBeneficiary";
        Field<NonNullGraphType<StringGraphType>>("id").Description("The campaign owner's member id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("address").Resolve(c => c.Source.Address);
        Field<StringGraphType>("siren").Resolve(c => c.Source.Siren);
        Field<StringGraphType>("rna").Resolve(c => c.Source.Rna);
        Field<NonNullGraphType<StringGraphType>>("purpose").Resolve(c => c.Source.Purpose);
    }
}
