using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class InvestInput
{
    public string CampaignId { get; set; } = "";
    public long Shares { get; set; }
    public bool RiskAcknowledged { get; set; }
    public bool Sophisticated { get; set; }
    public bool KnowledgeTestPassed { get; set; }
    public long? DeclaredNetWorth { get; set; }
    public string IdempotencyKey { get; set; } = "";
}

public sealed class InvestInputGraphType : InputObjectGraphType<InvestInput>
{
    public InvestInputGraphType()
    {
        Name = "InvestInput";
        Field(x => x.CampaignId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Shares, type: typeof(NonNullGraphType<LongGraphType>)).Description("Whole shares; the amount is shares × share price.");
        Field(x => x.RiskAcknowledged, type: typeof(BooleanGraphType)).DefaultValue(false)
            .Description("Required above max(1,000 EUR, 5 % of declared net worth) for non-sophisticated investors.");
        Field(x => x.Sophisticated, type: typeof(BooleanGraphType)).DefaultValue(false)
            .Description("Investor profile, declared for now: will come from a verified investor profile.");
        Field(x => x.KnowledgeTestPassed, type: typeof(BooleanGraphType)).DefaultValue(false)
            .Description("Investor profile, declared for now: will come from a verified investor profile.");
        Field(x => x.DeclaredNetWorth, type: typeof(LongGraphType))
            .Description("EUR cents; investor profile, declared for now: will come from a verified investor profile.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>));
    }
}
