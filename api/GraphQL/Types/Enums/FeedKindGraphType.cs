using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class FeedKindGraphType : EnumerationGraphType<FeedKind>
{
    public FeedKindGraphType() => Name = "FeedKind";
}
