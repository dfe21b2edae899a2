using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed record PledgePayload(PledgeReceipt Receipt, string CampaignId);

public sealed class PledgePayloadGraphType : ObjectGraphType<PledgePayload>
{
    public PledgePayloadGraphType()
    {
        Name = "PledgePayload";
        Field<NonNullGraphType<ContributionGraphType>>("contribution").Resolve(c => new ContributionRow(
            c.Source.Receipt.ContributionId, c.Source.CampaignId, c.Source.Receipt.Amount.Amount,
            c.Source.Receipt.Amount.Currency, c.Source.Receipt.At, 0, c.Source.Receipt.Status, c.Source.Receipt.FailureReason));
        Field<NonNullGraphType<PaymentStatusGraphType>>("status")
            .Description("The payment's status: CONFIRMED counts at once; PENDING waits for the provider (retry with the same key, or its webhook settles it); FAILED never counts.")
            .Resolve(c => c.Source.Receipt.Status);
        Field<NonNullGraphType<MoneyGraphType>>("raised").Description("The campaign's confirmed total right after this pledge.")
            .Resolve(c => c.Source.Receipt.Raised);
        Field<NonNullGraphType<BooleanGraphType>>("replayed")
            .Description("True when this idempotency key had already been used: nothing new was recorded.")
            .Resolve(c => c.Source.Receipt.Replayed);
        Field<CampaignRewardGraphType>("reward").Description("The reward this pledge earned (null: none).")
            .Resolve(c => c.Source.Receipt.Reward);
        Field<MoneyGraphType>("matched")
            .Description("What the tenant's match pool added to this pledge, apart from it (0: nothing); null when the campaign is not matched or the pool's answer is not known yet.")
            .Resolve(c => c.Source.Receipt.Matched);
    }
}
