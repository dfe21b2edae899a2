using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class IdeaStateGraphType : EnumerationGraphType<IdeaState>
{
    public IdeaStateGraphType() => Name = "IdeaState";
}
