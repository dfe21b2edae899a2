using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class EqualSharesPaymentGraphType : ObjectGraphType<EqualSharesProjectPayment>
{
    public EqualSharesPaymentGraphType()
    {
        Name = "EqualSharesPayment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("payers").Resolve(c => c.Source.Payers);
        Field<NonNullGraphType<StringGraphType>>("maxPayment").Description("The most one supporter paid, in cents.").Resolve(c => c.Source.MaxPayment);
    }
}
