using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class BeneficiaryStatusGraphType : EnumerationGraphType<BeneficiaryStatus>
{
    public BeneficiaryStatusGraphType() => Name = "BeneficiaryStatus";
}
