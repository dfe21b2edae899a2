using Civic.Grains.Census;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain;

/// <summary>The census' pure rules: waits after failures, number normalisation, the keyed hash, ages.</summary>
public sealed class CensusRulesTests
{
    [Fact]
    public void Waits_start_at_the_fifth_failure_and_double_up_to_a_week()
    {
        Assert.All(Enumerable.Range(0, 5), n => Assert.Null(CensusRules.WaitAfter(n)));
        Assert.Equal(TimeSpan.FromHours(1), CensusRules.WaitAfter(5));
        Assert.Equal(TimeSpan.FromHours(2), CensusRules.WaitAfter(6));
        Assert.Equal(TimeSpan.FromHours(4), CensusRules.WaitAfter(7));
        Assert.Equal(TimeSpan.FromDays(7), CensusRules.WaitAfter(40));
        Assert.Equal(TimeSpan.FromDays(7), CensusRules.WaitAfter(int.MaxValue - 1));
    }

    [Theory]
    [InlineData("ab-12 34.5/6", "AB123456")]
    [InlineData("X4821937Q", "X4821937Q")]
    [InlineData(" - ", null)]
    [InlineData("AB_12", null)]
    [InlineData("Ä123", null)]
    public void Numbers_are_compared_in_letters_and_digits(string typed, string? normalised) =>
        Assert.Equal(normalised, CensusRules.Normalise(typed));

    [Fact]
    public void The_hash_depends_on_the_key_and_the_tenant()
    {
        byte[] key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
        byte[] other = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
        var hash = CensusRules.Hash(key, "lyon", "AB1");
        Assert.Equal(32, hash.Length);
        Assert.Equal(hash, CensusRules.Hash(key, "lyon", "AB1"));
        Assert.NotEqual(hash, CensusRules.Hash(other, "lyon", "AB1"));
        Assert.NotEqual(hash, CensusRules.Hash(key, "nantes", "AB1"));
    }

    [Theory]
    [InlineData("2010-06-15", "2026-06-14", 15)]
    [InlineData("2010-06-15", "2026-06-15", 16)]
    [InlineData("2008-02-29", "2024-02-28", 15)]
    [InlineData("2008-02-29", "2024-02-29", 16)]
    [InlineData("2008-02-29", "2025-02-28", 17)]
    public void Ages_are_full_years_on_a_day(string birth, string day, int age) =>
        Assert.Equal(age, new CensusVerification(true, DateOnly.Parse(birth), null, null).AgeOn(DateOnly.Parse(day)));

    [Fact]
    public void An_unverified_member_has_no_age() =>
        Assert.Null(CensusVerification.None.AgeOn(new DateOnly(2026, 1, 1)));
}
