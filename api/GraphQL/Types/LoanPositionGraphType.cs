using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class LoanPositionGraphType : ObjectGraphType<LoanPosition>
{
    public LoanPositionGraphType()
    {
        Name = "LoanPosition";
        Field<NonNullGraphType<DateOnlyGraphType>>("asOf").Resolve(c => c.Source.AsOf);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LoanInstalmentPositionGraphType>>>>("instalments")
            .Description("Repayments fill instalments in due order, oldest first.")
            .Resolve(c => c.Source.Instalments.ToArray());
        Field<NonNullGraphType<LongGraphType>>("totalOwed").Description("Cents.").Resolve(c => c.Source.TotalOwed);
        Field<NonNullGraphType<LongGraphType>>("paid").Description("Cents.").Resolve(c => c.Source.Paid);
        Field<NonNullGraphType<LongGraphType>>("dueNow").Description("Cents due and unpaid as of asOf.").Resolve(c => c.Source.DueNow);
        Field<NonNullGraphType<LongGraphType>>("outstanding").Description("Cents.").Resolve(c => c.Source.Outstanding);
        Field<DateOnlyGraphType>("nextDueOn").Resolve(c => c.Source.NextDueOn);
    }
}
