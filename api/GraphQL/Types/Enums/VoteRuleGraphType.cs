using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class VoteRuleGraphType : EnumerationGraphType<VoteRule>
{
    public VoteRuleGraphType() => Name = "VoteRule";
}
