using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class LoanTermsInput
{
    public int AnnualRateBasisPoints { get; set; }
    public int TermMonths { get; set; }
    public DateOnly FirstRepaymentOn { get; set; }
}

public sealed class LoanTermsInputGraphType : InputObjectGraphType<LoanTermsInput>
{
    public LoanTermsInputGraphType()
    {
        Name = "LoanTermsInput";
        Field(x => x.AnnualRateBasisPoints, type: typeof(NonNullGraphType<IntGraphType>)).Description("1 bp = 0.01 % (3 % is 300); 0 allowed.");
        Field(x => x.TermMonths, type: typeof(NonNullGraphType<IntGraphType>));
        Field(x => x.FirstRepaymentOn, type: typeof(NonNullGraphType<DateOnlyGraphType>)).Description("After the campaign's end.");
    }
}
