using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.Matchfunding;

namespace Civic.Tests.Domain.Funding;

public class MatchCallRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private static Money Eur(long cents) => new(cents, "EUR");

    private static Dictionary<string, MatchTopUp> OneTopUp() => new(StringComparer.Ordinal)
    {
        ["k1"] = new MatchTopUp(Eur(25_000), new MatchPoolStatus(Eur(25_000), Eur(0), false)),
    };

    [Fact]
    public void A_new_key_is_a_new_top_up()
    {
        Assert.Null(MatchCallRules.Replay(OneTopUp(), "k2", Eur(25_000)));
    }

    [Fact]
    public void The_same_key_and_amount_answers_the_first_top_up_replayed()
    {
        var replay = MatchCallRules.Replay(OneTopUp(), "k1", Eur(25_000));
        Assert.Equal(new MatchPoolStatus(Eur(25_000), Eur(0), false, Replayed: true), replay);
    }

    [Theory]
    [InlineData(30_000, "EUR")]
    [InlineData(25_000, "USD")]
    public void The_same_key_with_another_amount_is_rejected(long cents, string currency)
    {
        var ex = Assert.Throws<CivicException>(() => MatchCallRules.Replay(OneTopUp(), "k1", new Money(cents, currency)));
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, ex.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_key_is_required(string key)
    {
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => MatchCallRules.Replay(OneTopUp(), key, Eur(1))).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => MatchCallRules.ValidateKey(new string('k', 129))).Code);
    }

    [Fact]
    public void A_call_opens_with_its_name_trimmed_currency_and_rules()
    {
        var settings = MatchSettings.Default with { RatioDenominator = 2, CapPerProject = null, CapPerProjectGoalBasisPoints = 1_000 };
        var call = MatchCallRules.Open("mc_1", new OpenMatchCall("  Culture 2027 ", "EUR", settings), Now);
        Assert.Equal(new MatchCall("mc_1", "Culture 2027", "EUR", settings, Now), call);
    }

    [Fact]
    public void A_call_needs_a_name_a_currency_and_valid_rules()
    {
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() =>
            MatchCallRules.Open("mc_1", new OpenMatchCall(" ", "EUR", MatchSettings.Default), Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() =>
            MatchCallRules.Open("mc_1", new OpenMatchCall(new string('n', 121), "EUR", MatchSettings.Default), Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() =>
            MatchCallRules.Open("mc_1", new OpenMatchCall("Culture", "euro", MatchSettings.Default), Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() =>
            MatchCallRules.Open("mc_1", new OpenMatchCall("Culture", "EUR", MatchSettings.Default with { RatioDenominator = 0 }), Now)).Code);
    }

    [Fact]
    public void Omitted_rules_take_the_defaults_and_a_share_of_goal_cap_alone_replaces_the_fixed_one()
    {
        Assert.Equal(MatchSettings.Default, MatchCallRules.Resolve(new RequestedMatchSettings()));
        Assert.Equal(MatchSettings.Default with { CapPerContribution = 5_000 },
            MatchCallRules.Resolve(new RequestedMatchSettings(CapPerContribution: 5_000)));
        Assert.Equal(MatchSettings.Default with { CapPerProject = null, CapPerProjectGoalBasisPoints = 1_000 },
            MatchCallRules.Resolve(new RequestedMatchSettings(CapPerProjectGoalBasisPoints: 1_000)));
        Assert.Equal(MatchSettings.Default with { CapPerProject = 20_000, CapPerProjectGoalBasisPoints = 1_000 },
            MatchCallRules.Resolve(new RequestedMatchSettings(CapPerProject: 20_000, CapPerProjectGoalBasisPoints: 1_000)));
    }

    [Fact]
    public void A_top_up_naming_no_rules_keeps_the_pools_and_an_empty_request_sets_the_defaults()
    {
        var current = MatchSettings.Default with { RatioDenominator = 3 };
        var exact = MatchSettings.Default with { MatchesPerBackerPerProject = 2 };
        Assert.Equal(current, MatchCallRules.ForTopUp(new FundMatchPool(Eur(1), "k"), current));
        Assert.Equal(MatchSettings.Default, MatchCallRules.ForTopUp(new FundMatchPool(Eur(1), "k", Requested: new()), current));
        Assert.Equal(MatchSettings.Default with { RatioNumerator = 2 },
            MatchCallRules.ForTopUp(new FundMatchPool(Eur(1), "k", Requested: new(RatioNumerator: 2)), current));
        Assert.Equal(exact, MatchCallRules.ForTopUp(new FundMatchPool(Eur(1), "k", exact), current));
    }

    [Fact]
    public void A_call_opened_with_requested_rules_or_none_resolves_them()
    {
        Assert.Equal(MatchSettings.Default, MatchCallRules.Open("mc_1", new OpenMatchCall("Culture", "EUR", null), Now).Settings);
        Assert.Equal(MatchSettings.Default with { RatioDenominator = 2 },
            MatchCallRules.Open("mc_1", new OpenMatchCall("Culture", "EUR", null, new RequestedMatchSettings(RatioDenominator: 2)), Now).Settings);
    }
}
