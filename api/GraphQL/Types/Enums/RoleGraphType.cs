using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class RoleGraphType : EnumerationGraphType<Role>
{
    public RoleGraphType() => Name = "Role";
}
