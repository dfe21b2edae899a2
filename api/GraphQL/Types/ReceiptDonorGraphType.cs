using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ReceiptDonorGraphType : ObjectGraphType<ReceiptDonor>
{
    public ReceiptDonorGraphType()
    {
        Name = "ReceiptDonor";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("address").Resolve(c => c.Source.Address);
        Field<StringGraphType>("companySiren").Resolve(c => c.Source.CompanySiren);
    }
}
