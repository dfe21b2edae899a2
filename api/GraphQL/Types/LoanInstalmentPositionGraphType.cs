using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class LoanInstalmentPositionGraphType : ObjectGraphType<LoanInstalmentPosition>
{
    public LoanInstalmentPositionGraphType()
    {
        Name = "LoanInstalmentPosition";
        Field<NonNullGraphType<LoanInstalmentGraphType>>("instalment").Resolve(c => c.Source.Instalment);
        Field<NonNullGraphType<LongGraphType>>("paid").Description("Cents paid on this instalment.").Resolve(c => c.Source.Paid);
        Field<NonNullGraphType<InstalmentStatusGraphType>>("status").Resolve(c => c.Source.Status);
    }
}
