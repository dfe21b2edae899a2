using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CreateCampaignInput
{
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public FinancingMode Mode { get; set; }
    public FundingRule Rule { get; set; }
    public MoneyInput Goal { get; set; } = new();
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public long MinContribution { get; set; }
    public long MaxContribution { get; set; }
    public CampaignCategory? Category { get; set; }
    public string? CustomCategory { get; set; }
    public List<RewardInput>? Rewards { get; set; }
    public LoanTermsInput? LoanTerms { get; set; }
    public EquityOfferInput? EquityOffer { get; set; }
    public bool Matchfunding { get; set; }
    public bool AidToPeopleInDifficulty { get; set; }
    public string? MatchCallId { get; set; }
}

public sealed class CreateCampaignInputGraphType : InputObjectGraphType<CreateCampaignInput>
{
    public CreateCampaignInputGraphType()
    {
        Name = "CreateCampaignInput";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Description, type: typeof(StringGraphType));
        Field(x => x.Mode, type: typeof(FinancingModeGraphType)).DefaultValue(FinancingMode.Donation);
        Field(x => x.Rule, type: typeof(FundingRuleGraphType)).DefaultValue(FundingRule.AllOrNothing);
        Field(x => x.Goal, type: typeof(NonNullGraphType<MoneyInputGraphType>));
        Field(x => x.StartsAt, type: typeof(DateTimeOffsetGraphType)).Description("Defaults to now.");
        Field(x => x.EndsAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(x => x.MinContribution, type: typeof(LongGraphType)).DefaultValue(100L).Description("Cents; defaults to 100.");
        Field(x => x.MaxContribution, type: typeof(LongGraphType)).DefaultValue(1_000_000L).Description("Cents; defaults to 1,000,000.");
        Field(x => x.Category, type: typeof(CampaignCategoryGraphType));
        Field(x => x.CustomCategory, type: typeof(StringGraphType)).Description("With category TENANT_DEFINED: one of the tenant's categories.");
        Field(x => x.Rewards, type: typeof(ListGraphType<NonNullGraphType<RewardInputGraphType>>)).Description("Donation campaigns: rewards numbered r1, r2... in this order.");
        Field(x => x.LoanTerms, type: typeof(LoanTermsInputGraphType)).Description("Required with mode LOAN.");
        Field(x => x.EquityOffer, type: typeof(EquityOfferInputGraphType)).Description("Required with mode EQUITY; the goal is its minimum raise.");
        Field(x => x.Matchfunding, type: typeof(BooleanGraphType)).DefaultValue(false)
            .Description("Donation campaigns: the tenant's default match pool tops up each committed donation.");
        Field(x => x.AidToPeopleInDifficulty, type: typeof(BooleanGraphType)).DefaultValue(false)
            .Description("Donation campaigns for aid to people in difficulty: receipts for individuals carry 75% instead of 66%.");
        Field(x => x.MatchCallId, type: typeof(IdGraphType))
            .Description("Donation campaigns: joins this open matchfunding call (implies matchfunding), whose pool tops up each committed donation instead.");
    }
}
