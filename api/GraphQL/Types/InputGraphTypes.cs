using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class MoneyInput
{
    public long Amount { get; set; }
    public string Currency { get; set; } = "";
}

public sealed class MoneyInputGraphType : InputObjectGraphType<MoneyInput>
{
    public MoneyInputGraphType()
    {
        Name = "MoneyInput";
        Field(x => x.Amount, type: typeof(NonNullGraphType<LongGraphType>)).Description("Minor units (cents).");
        Field(x => x.Currency, type: typeof(NonNullGraphType<StringGraphType>)).Description("ISO 4217 code, e.g. EUR.");
    }
}

public sealed class BrandingInput
{
    public string PrimaryColor { get; set; } = "#1d4ed8";
    public string SecondaryColor { get; set; } = "#f59e0b";
    public string? LogoUrl { get; set; }
}

public sealed class BrandingInputGraphType : InputObjectGraphType<BrandingInput>
{
    public BrandingInputGraphType()
    {
        Name = "BrandingInput";
        Field(x => x.PrimaryColor, type: typeof(NonNullGraphType<StringGraphType>)).Description("#RRGGBB");
        Field(x => x.SecondaryColor, type: typeof(NonNullGraphType<StringGraphType>)).Description("#RRGGBB");
        Field(x => x.LogoUrl, type: typeof(StringGraphType)).Description("An https URL.");
    }
}

public sealed class CreateTenantInput
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Locale { get; set; } = "fr";
    public BrandingInput? Branding { get; set; }
    public List<TenantModule>? Modules { get; set; }
    public List<string>? CustomHosts { get; set; }
}

public sealed class CreateTenantInputGraphType : InputObjectGraphType<CreateTenantInput>
{
    public CreateTenantInputGraphType()
    {
        Name = "CreateTenantInput";
        Field(x => x.Slug, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Locale, type: typeof(StringGraphType)).DefaultValue("fr");
        Field(x => x.Branding, type: typeof(BrandingInputGraphType));
        Field(x => x.Modules, type: typeof(ListGraphType<NonNullGraphType<TenantModuleGraphType>>));
        Field(x => x.CustomHosts, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>));
    }
}

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

public sealed class RewardInput
{
    public string Title { get; set; } = "";
    public long MinAmount { get; set; }
    public int? Stock { get; set; }
}

public sealed class RewardInputGraphType : InputObjectGraphType<RewardInput>
{
    public RewardInputGraphType()
    {
        Name = "RewardInput";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.MinAmount, type: typeof(NonNullGraphType<LongGraphType>)).Description("Cents: the least donation that earns it.");
        Field(x => x.Stock, type: typeof(IntGraphType)).Description("Units offered; omit or null for unlimited.");
    }
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

public sealed class VoteOptionInputModel
{
    public string Title { get; set; } = "";
    public long Cost { get; set; }
    public string? District { get; set; }
    public string? ExternalId { get; set; }
}

public sealed class VoteOptionInputGraphType : InputObjectGraphType<VoteOptionInputModel>
{
    public VoteOptionInputGraphType()
    {
        Name = "VoteOptionInput";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Cost, type: typeof(LongGraphType)).DefaultValue(0L).Description("Cents.");
        Field(x => x.District, type: typeof(StringGraphType)).Description("Required when the vote has districts.");
        Field(x => x.ExternalId, type: typeof(StringGraphType)).Description("An id of your own (e.g. from another system).");
    }
}

public sealed class VoteDistrictInputModel
{
    public string Name { get; set; } = "";
    public long Budget { get; set; }
}

public sealed class VoteDistrictInputGraphType : InputObjectGraphType<VoteDistrictInputModel>
{
    public VoteDistrictInputGraphType()
    {
        Name = "VoteDistrictInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Budget, type: typeof(NonNullGraphType<LongGraphType>)).Description("Cents.");
    }
}

public sealed class CreateVoteInput
{
    public string Title { get; set; } = "";
    public BallotType BallotType { get; set; }
    public int? MinChoices { get; set; }
    public int? MaxChoices { get; set; }
    public List<VoteOptionInputModel> Options { get; set; } = [];
    public MoneyInput? Budget { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public VoteRule? Rule { get; set; }
    public int? MaxPointsPerProject { get; set; }
    public int? MaxTotalPoints { get; set; }
    public int? GradeScale { get; set; }
    public int? MinimumSpendPercent { get; set; }
    public List<VoteDistrictInputModel>? Districts { get; set; }
    public bool? AllowSecondDistrict { get; set; }
    public bool? ExactRanks { get; set; }
}

public sealed class CreateVoteInputGraphType : InputObjectGraphType<CreateVoteInput>
{
    public CreateVoteInputGraphType()
    {
        Name = "CreateVoteInput";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.BallotType, type: typeof(NonNullGraphType<BallotTypeGraphType>));
        Field(x => x.MinChoices, type: typeof(IntGraphType)).Description("Defaults to 1.");
        Field(x => x.MaxChoices, type: typeof(IntGraphType)).Description("Defaults to 1 for CHOOSE_ONE, else the number of options.");
        Field(x => x.Options, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<VoteOptionInputGraphType>>>));
        Field(x => x.Budget, type: typeof(MoneyInputGraphType));
        Field(x => x.OpensAt, type: typeof(DateTimeOffsetGraphType)).Description("Defaults to now.");
        Field(x => x.ClosesAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(x => x.Rule, type: typeof(VoteRuleGraphType)).Description("Defaults to GREEDY (MAJORITY_JUDGMENT for majority-judgment ballots).");
        Field(x => x.MaxPointsPerProject, type: typeof(IntGraphType)).Description("CUMULATIVE ballots.");
        Field(x => x.MaxTotalPoints, type: typeof(IntGraphType)).Description("CUMULATIVE ballots.");
        Field(x => x.GradeScale, type: typeof(IntGraphType)).Description("MAJORITY_JUDGMENT ballots: number of grades (2 to 10).");
        Field(x => x.MinimumSpendPercent, type: typeof(IntGraphType)).Description("KNAPSACK ballots: least share of the budget to spend (e.g. 70).");
        Field(x => x.Districts, type: typeof(ListGraphType<NonNullGraphType<VoteDistrictInputGraphType>>));
        Field(x => x.AllowSecondDistrict, type: typeof(BooleanGraphType)).Description("Members may vote in one district besides their own.");
        Field(x => x.ExactRanks, type: typeof(BooleanGraphType)).Description("ORDINAL ballots: rank exactly maxChoices projects (default) or at most.");
    }
}

public sealed class CastBallotInput
{
    public string VoteId { get; set; } = "";
    public List<string> Choices { get; set; } = [];
    public List<int>? Points { get; set; }
    public string? District { get; set; }
}

public sealed class CastBallotInputGraphType : InputObjectGraphType<CastBallotInput>
{
    public CastBallotInputGraphType()
    {
        Name = "CastBallotInput";
        Field(x => x.VoteId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Choices, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>))
            .Description("Option ids; for CHOOSE_ONE exactly one; for ORDINAL most preferred first; for MAJORITY_JUDGMENT every option.");
        Field(x => x.Points, type: typeof(ListGraphType<NonNullGraphType<IntGraphType>>))
            .Description("CUMULATIVE: points per choice; MAJORITY_JUDGMENT: grade per choice (0 = worst). Parallel to choices.");
        Field(x => x.District, type: typeof(StringGraphType)).Description("Votes with districts: defaults to the member's own.");
    }
}

public sealed class PaperBallotInput
{
    public string VoterRef { get; set; } = "";
    public List<string> Choices { get; set; } = [];
    public List<int>? Points { get; set; }
    public string? District { get; set; }
}

public sealed class PaperBallotInputGraphType : InputObjectGraphType<PaperBallotInput>
{
    public PaperBallotInputGraphType()
    {
        Name = "PaperBallotInput";
        Field(x => x.VoterRef, type: typeof(NonNullGraphType<StringGraphType>)).Description("The polling station's reference of the voter: counted once.");
        Field(x => x.Choices, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>));
        Field(x => x.Points, type: typeof(ListGraphType<NonNullGraphType<IntGraphType>>));
        Field(x => x.District, type: typeof(StringGraphType));
    }
}

public sealed class RecordPaperBallotsInput
{
    public string VoteId { get; set; } = "";
    public List<PaperBallotInput> Ballots { get; set; } = [];
}

public sealed class RecordPaperBallotsInputGraphType : InputObjectGraphType<RecordPaperBallotsInput>
{
    public RecordPaperBallotsInputGraphType()
    {
        Name = "RecordPaperBallotsInput";
        Field(x => x.VoteId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Ballots, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PaperBallotInputGraphType>>>));
    }
}

public sealed class ImportPabulibInput
{
    public string? Content { get; set; }
    public string? Url { get; set; }
    public string? Title { get; set; }
    public bool? Close { get; set; }
}

public sealed class ImportPabulibInputGraphType : InputObjectGraphType<ImportPabulibInput>
{
    public ImportPabulibInputGraphType()
    {
        Name = "ImportPabulibInput";
        Field(x => x.Content, type: typeof(StringGraphType)).Description("The .pb file's text (within GraphQL:MaxBodyBytes).");
        Field(x => x.Url, type: typeof(StringGraphType)).Description("Or a file:// URL (or path) under the server's Civic:ImportDirectory.");
        Field(x => x.Title, type: typeof(StringGraphType)).Description("Defaults to the file's description.");
        Field(x => x.Close, type: typeof(BooleanGraphType)).Description("Close the vote and count it right after the import.");
    }
}
