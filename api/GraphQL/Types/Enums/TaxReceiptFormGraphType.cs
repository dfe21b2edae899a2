using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class TaxReceiptFormGraphType : EnumerationGraphType<TaxReceiptForm>
{
    public TaxReceiptFormGraphType() => Name = "TaxReceiptForm";
}
