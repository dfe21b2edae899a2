using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class TenantModuleGraphType : EnumerationGraphType<TenantModule>
{
    public TenantModuleGraphType() => Name = "TenantModule";
}
