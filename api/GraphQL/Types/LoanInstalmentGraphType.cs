using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class LoanInstalmentGraphType : ObjectGraphType<LoanInstalment>
{
    public LoanInstalmentGraphType()
    {
        Name = "LoanInstalment";
        Field<NonNullGraphType<IntGraphType>>("number").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<DateOnlyGraphType>>("dueOn").Resolve(c => c.Source.DueOn);
        Field<NonNullGraphType<LongGraphType>>("principal").Description("Cents.").Resolve(c => c.Source.Principal);
        Field<NonNullGraphType<LongGraphType>>("interest").Description("Cents.").Resolve(c => c.Source.Interest);
        Field<NonNullGraphType<LongGraphType>>("total").Description("Cents: principal + interest.").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<LongGraphType>>("remainingPrincipal").Description("Cents, after this instalment.")
            .Resolve(c => c.Source.RemainingPrincipal);
    }
}
