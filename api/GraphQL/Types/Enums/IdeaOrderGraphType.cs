using Civic.Api.Reads;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class IdeaOrderGraphType : EnumerationGraphType<IdeaOrder>
{
    public IdeaOrderGraphType()
    {
        Name = "IdeaOrder";
        Description = "MOST_SUPPORTED, NEWEST, MOST_COMMENTED, or RANDOM: shuffled by the seed the visitor passes, so their pages stay stable.";
    }
}
