using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class EqualSharesGraphType : ObjectGraphType<EqualSharesSummary>
{
    public EqualSharesGraphType()
    {
        Name = "EqualShares";
        Description = "Amounts in cents, rounded to two decimals for display (the count itself is exact).";
        Field<NonNullGraphType<StringGraphType>>("shareEach").Description("Each voter's share after the add1 completion.").Resolve(c => c.Source.ShareEach);
        Field<NonNullGraphType<LongGraphType>>("virtualBudget").Resolve(c => c.Source.VirtualBudget);
        Field<NonNullGraphType<IntGraphType>>("completionSteps").Resolve(c => c.Source.CompletionSteps);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EqualSharesPaymentGraphType>>>>("payments").Resolve(c => c.Source.Payments);
        Field<NonNullGraphType<StringGraphType>>("minPaidByVoter").Resolve(c => c.Source.MinPaidByVoter);
        Field<NonNullGraphType<StringGraphType>>("maxPaidByVoter").Resolve(c => c.Source.MaxPaidByVoter);
        Field<NonNullGraphType<IntGraphType>>("votersWhoPaid").Resolve(c => c.Source.VotersWhoPaid);
    }
}
