using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class PaymentStatusGraphType : EnumerationGraphType<PaymentStatus>
{
    public PaymentStatusGraphType() => Name = "PaymentStatus";
}
