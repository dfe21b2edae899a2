using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ContributionGraphType : ObjectGraphType<ContributionRow>
{
    public ContributionGraphType()
    {
        Name = "Contribution";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("campaignId").Resolve(c => c.Source.CampaignId);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => new Money(c.Source.Amount, c.Source.Currency));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<PaymentStatusGraphType>>("status")
            .Description("PENDING until the payment provider confirms; only CONFIRMED contributions count.")
            .Resolve(c => c.Source.Status);
        Field<StringGraphType>("failureReason").Description("Why the payment failed (the provider's code), when it did.")
            .Resolve(c => c.Source.FailureReason);
        Field<StringGraphType>("receiptNumber")
            .Description("The number of the tax receipt issued for this donation (open it at /receipts/{number}.html); null while none is.")
            .Resolve(c => c.Source.ReceiptNumber);
    }
}
