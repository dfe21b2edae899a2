using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class MatchPoolGraphType : ObjectGraphType<MatchPoolStatus>
{
    public MatchPoolGraphType()
    {
        Name = "MatchPool";
        Description = "A matchfunding pool: the tenant's default pool or a call's.";
        Field<NonNullGraphType<MoneyGraphType>>("available").Description("What may still be matched.").Resolve(c => c.Source.Available);
        Field<NonNullGraphType<MoneyGraphType>>("spent").Description("Matches committed to campaigns (returned ones excluded).").Resolve(c => c.Source.Spent);
        Field<NonNullGraphType<BooleanGraphType>>("exhausted").Description("True when nothing is left to match.").Resolve(c => c.Source.Exhausted);
        Field<NonNullGraphType<BooleanGraphType>>("replayed")
            .Description("On a top-up: true when this is the first answer again, for an idempotency key already used (nothing was added).")
            .Resolve(c => c.Source.Replayed);
    }
}

public sealed class MatchCallGraphType : ObjectGraphType<MatchCall>
{
    public MatchCallGraphType(IClusterClient cluster)
    {
        Name = "MatchCall";
        Description = "A matchfunding call (\"Culture 2027\"): its own pool and rules; campaigns join one when they are created.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(c => c.Source.Currency);
        Field<NonNullGraphType<MatchSettingsGraphType>>("settings").Resolve(c => c.Source.Settings);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("openedAt").Resolve(c => c.Source.OpenedAt);
        Field<MatchPoolGraphType>("pool")
            .Description("The call's pool, live.")
            .ResolveAsync(async c => await cluster.GetGrain<IMatchPoolGrain>(
                MatchPools.Key(c.Civic().RequireTenant().Slug, c.Source.Id)).GetStatusAsync());
    }
}

public sealed class MatchSettingsGraphType : ObjectGraphType<MatchSettings>
{
    public MatchSettingsGraphType()
    {
        Name = "MatchSettings";
        Field<NonNullGraphType<LongGraphType>>("ratioNumerator").Description("Match per unit donated is numerator/denominator.").Resolve(c => c.Source.RatioNumerator);
        Field<NonNullGraphType<LongGraphType>>("ratioDenominator").Resolve(c => c.Source.RatioDenominator);
        Field<NonNullGraphType<LongGraphType>>("capPerContribution").Description("Cents.").Resolve(c => c.Source.CapPerContribution);
        Field<LongGraphType>("capPerProject").Description("Cents.").Resolve(c => c.Source.CapPerProject);
        Field<IntGraphType>("capPerProjectGoalBasisPoints").Description("Share of the goal (1 bp = 0.01 %).").Resolve(c => c.Source.CapPerProjectGoalBasisPoints);
        Field<NonNullGraphType<IntGraphType>>("matchesPerBackerPerProject").Resolve(c => c.Source.MatchesPerBackerPerProject);
    }
}

public sealed class CreateMatchCallInput
{
    public string Name { get; set; } = "";
    public string Currency { get; set; } = "";
    public MatchSettingsInput? Settings { get; set; }
}

public sealed class CreateMatchCallInputGraphType : InputObjectGraphType<CreateMatchCallInput>
{
    public CreateMatchCallInputGraphType()
    {
        Name = "CreateMatchCallInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Currency, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Settings, type: typeof(MatchSettingsInputGraphType)).Description("The call's rules, fixed once it opens; omitted fields take the defaults.");
    }
}

public sealed class MatchSettingsInput
{
    public long? RatioNumerator { get; set; }
    public long? RatioDenominator { get; set; }
    public long? CapPerContribution { get; set; }
    public long? CapPerProject { get; set; }
    public int? CapPerProjectGoalBasisPoints { get; set; }
    public int? MatchesPerBackerPerProject { get; set; }

    /// <summary>The defaults for what is omitted; a share-of-goal cap alone replaces the default fixed project cap.</summary>
    public MatchSettings ToSettings()
    {
        var d = MatchSettings.Default;
        return new MatchSettings(
            RatioNumerator ?? d.RatioNumerator,
            RatioDenominator ?? d.RatioDenominator,
            CapPerContribution ?? d.CapPerContribution,
            CapPerProject ?? (CapPerProjectGoalBasisPoints is null ? d.CapPerProject : null),
            CapPerProjectGoalBasisPoints ?? d.CapPerProjectGoalBasisPoints,
            MatchesPerBackerPerProject ?? d.MatchesPerBackerPerProject);
    }
}

public sealed class MatchSettingsInputGraphType : InputObjectGraphType<MatchSettingsInput>
{
    public MatchSettingsInputGraphType()
    {
        Name = "MatchSettingsInput";
        Description = "Omitted fields take the defaults: 1:1, 100 EUR per contribution, 500 EUR per project, once per backer per project.";
        Field(x => x.RatioNumerator, type: typeof(LongGraphType)).Description("Match per unit donated is numerator/denominator.");
        Field(x => x.RatioDenominator, type: typeof(LongGraphType));
        Field(x => x.CapPerContribution, type: typeof(LongGraphType)).Description("Cents.");
        Field(x => x.CapPerProject, type: typeof(LongGraphType)).Description("Cents.");
        Field(x => x.CapPerProjectGoalBasisPoints, type: typeof(IntGraphType)).Description("Share of the goal (1 bp = 0.01 %); the smaller cap applies when both are set.");
        Field(x => x.MatchesPerBackerPerProject, type: typeof(IntGraphType));
    }
}
