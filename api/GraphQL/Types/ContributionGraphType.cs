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
    }
}

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

public sealed class CastBallotPayloadGraphType : ObjectGraphType<BallotReceipt>
{
    public CastBallotPayloadGraphType()
    {
        Name = "CastBallotPayload";
        Field<NonNullGraphType<IdGraphType>>("voteId").Resolve(c => c.Source.VoteId);
        Field<NonNullGraphType<IntGraphType>>("ballots").Description("Ballots counted so far, this one included.").Resolve(c => c.Source.Ballots);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("castAt").Resolve(c => c.Source.At);
    }
}

public sealed class PaperBallotsPayloadGraphType : ObjectGraphType<PaperBallotsReceipt>
{
    public PaperBallotsPayloadGraphType()
    {
        Name = "PaperBallotsPayload";
        Field<NonNullGraphType<IntGraphType>>("accepted").Resolve(c => c.Source.Accepted);
        Field<NonNullGraphType<IntGraphType>>("duplicates").Description("Voter references already counted.").Resolve(c => c.Source.Duplicates);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("rejected")
            .Description("Refused ballots as \"voterRef: CODE\" (the first 100).").Resolve(c => c.Source.Rejected);
        Field<NonNullGraphType<IntGraphType>>("ballots").Description("Ballots counted in the vote so far.").Resolve(c => c.Source.Ballots);
    }
}
