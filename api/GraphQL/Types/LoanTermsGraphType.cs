using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class LoanTermsGraphType : ObjectGraphType<LoanTerms>
{
    public LoanTermsGraphType()
    {
        Name = "LoanTerms";
        Field<NonNullGraphType<IntGraphType>>("annualRateBasisPoints").Description("1 bp = 0.01 %; 0: interest-free.")
            .Resolve(c => c.Source.AnnualRateBasisPoints);
        Field<NonNullGraphType<IntGraphType>>("termMonths").Resolve(c => c.Source.TermMonths);
        Field<NonNullGraphType<DateOnlyGraphType>>("firstRepaymentOn").Resolve(c => c.Source.FirstRepaymentOn);
    }
}
