using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class FinancingModeGraphType : EnumerationGraphType<FinancingMode>
{
    public FinancingModeGraphType() => Name = "FinancingMode";
}
