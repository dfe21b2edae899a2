using System.Globalization;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class TaxReceiptFormGraphType : EnumerationGraphType<TaxReceiptForm>
{
    public TaxReceiptFormGraphType() => Name = "TaxReceiptForm";
}
