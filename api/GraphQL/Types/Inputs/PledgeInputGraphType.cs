using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class PledgeInput
{
    public string CampaignId { get; set; } = "";
    public int Amount { get; set; }
    public string IdempotencyKey { get; set; } = "";
    public string? RewardId { get; set; }
    public string? PaymentToken { get; set; }
}

public sealed class PledgeInputGraphType : InputObjectGraphType<PledgeInput>
{
    public PledgeInputGraphType()
    {
        Name = "PledgeInput";
        Field(x => x.CampaignId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Amount, type: typeof(NonNullGraphType<IntGraphType>)).Description("Cents, in the campaign's currency.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>))
            .Description("Chosen by the client, unique per contribution: a retry with the same key records nothing new.");
        Field(x => x.RewardId, type: typeof(IdGraphType)).Description("A reward of the campaign; REWARD_UNAVAILABLE when none is left.");
        Field(x => x.PaymentToken, type: typeof(StringGraphType))
            .Description("What the payment provider's own form gave the front-end (a card, a mandate); none: the provider's default. The sandbox's test tokens are listed in the README.");
    }
}
