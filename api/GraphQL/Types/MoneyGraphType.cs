using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class MoneyGraphType : ObjectGraphType<Money>
{
    public MoneyGraphType()
    {
        Name = "Money";
        Description = "An amount in minor units (cents) of a currency.";
        Field<NonNullGraphType<LongGraphType>>("amount").Description("Minor units (cents).").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<StringGraphType>>("currency").Description("ISO 4217 code.").Resolve(c => c.Source.Currency);
    }
}
