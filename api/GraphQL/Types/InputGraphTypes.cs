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
    }
}

public sealed class PledgeInput
{
    public string CampaignId { get; set; } = "";
    public int Amount { get; set; }
    public string IdempotencyKey { get; set; } = "";
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
    }
}

public sealed class VoteOptionInputModel
{
    public string Title { get; set; } = "";
    public long Cost { get; set; }
}

public sealed class VoteOptionInputGraphType : InputObjectGraphType<VoteOptionInputModel>
{
    public VoteOptionInputGraphType()
    {
        Name = "VoteOptionInput";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Cost, type: typeof(LongGraphType)).DefaultValue(0L).Description("Cents.");
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
    }
}

public sealed class CastBallotInput
{
    public string VoteId { get; set; } = "";
    public List<string> Choices { get; set; } = [];
}

public sealed class CastBallotInputGraphType : InputObjectGraphType<CastBallotInput>
{
    public CastBallotInputGraphType()
    {
        Name = "CastBallotInput";
        Field(x => x.VoteId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Choices, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>))
            .Description("Option ids; for CHOOSE_ONE exactly one.");
    }
}
