using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class FundingRuleGraphType : EnumerationGraphType<FundingRule>
{
    public FundingRuleGraphType() => Name = "FundingRule";
}
