using Civic.Api.Reads;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ModeAmountGraphType : ObjectGraphType<ModeAmount>
{
    public ModeAmountGraphType()
    {
        Name = "ModeAmount";
        Field<NonNullGraphType<FinancingModeGraphType>>("mode").Resolve(c => c.Source.Mode);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => c.Source.Amount);
    }
}
