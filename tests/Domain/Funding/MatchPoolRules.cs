using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.Matchfunding;

namespace Civic.Tests.Domain.Funding;

public class MatchPoolRules
{
    private static Money Eur(long cents) => new(cents, "EUR");

    [Fact]
    public void Defaults_are_one_to_one_100_euros_per_contribution_500_per_project_once_per_backer()
    {
        Assert.Equal(new MatchSettings(1, 1, 10_000, 50_000, null, 1), MatchSettings.Default);
        var pool = new MatchPool("EUR", 1_000_000, MatchSettings.Default);
        Assert.Equal(new MatchDecision(2_500, MatchOutcome.Matched), pool.Reserve("m1", "p", 100_000, "ann", Eur(2_500)));
        Assert.Equal(new MatchDecision(10_000, MatchOutcome.Matched), pool.Reserve("m2", "p", 100_000, "bob", Eur(30_000)));
        Assert.Equal(new MatchDecision(0, MatchOutcome.BackerLimitReached), pool.Reserve("m3", "p", 100_000, "ann", Eur(2_500)));
        Assert.Equal(MatchOutcome.Matched, pool.Reserve("m4", "q", 100_000, "ann", Eur(2_500)).Outcome);
    }

    [Fact]
    public void Ratio_is_exact_and_rounds_down()
    {
        var pool = new MatchPool("EUR", 1_000_000, MatchSettings.Default with { RatioNumerator = 1, RatioDenominator = 3 });
        Assert.Equal(333, pool.Quote("p", 100_000, "ann", Eur(1_000)).Amount);
        var two = new MatchPool("EUR", 1_000_000, MatchSettings.Default with { RatioNumerator = 2 });
        Assert.Equal(4_000, two.Quote("p", 100_000, "ann", Eur(2_000)).Amount);
    }

    [Fact]
    public void Project_cap_stops_at_500_euros_with_a_partial_match_of_the_remainder()
    {
        var pool = new MatchPool("EUR", 1_000_000, MatchSettings.Default);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(9_000, pool.Reserve($"m{i}", "p", 1_000_000, $"b{i}", Eur(9_000)).Amount);
            pool.Commit($"m{i}");
        }

        Assert.Equal(new MatchDecision(10_000, MatchOutcome.Matched), pool.Reserve("m4", "p", 1_000_000, "b4", Eur(20_000)));
        Assert.Equal(new MatchDecision(4_000, MatchOutcome.Partial), pool.Reserve("m5", "p", 1_000_000, "b5", Eur(5_000)));
        Assert.Equal(new MatchDecision(0, MatchOutcome.ProjectCapReached), pool.Reserve("m6", "p", 1_000_000, "b6", Eur(5_000)));
        pool.Commit("m4");
        pool.Commit("m5");
        Assert.Equal(50_000, pool.MatchedFor("p"));
    }

    [Fact]
    public void Project_cap_may_be_a_share_of_the_goal()
    {
        var pool = new MatchPool("EUR", 1_000_000, MatchSettings.Default with { CapPerProject = null, CapPerProjectGoalBasisPoints = 2_500 });
        Assert.Equal(25_000, pool.ProjectCap(100_000));
        var both = new MatchPool("EUR", 1_000_000, MatchSettings.Default with { CapPerProjectGoalBasisPoints = 2_500 });
        Assert.Equal(50_000, both.ProjectCap(1_000_000));
        Assert.Equal(2_500, both.ProjectCap(10_000));
    }

    [Fact]
    public void Stops_cleanly_when_the_pool_runs_dry()
    {
        var pool = new MatchPool("EUR", 15_000, MatchSettings.Default);
        Assert.Equal(new MatchDecision(10_000, MatchOutcome.Matched), pool.Reserve("m1", "p", 1_000_000, "a", Eur(10_000)));
        Assert.Equal(new MatchDecision(5_000, MatchOutcome.Partial), pool.Reserve("m2", "q", 1_000_000, "b", Eur(10_000)));
        Assert.True(pool.IsExhausted);
        Assert.Equal(new MatchDecision(0, MatchOutcome.PoolExhausted), pool.Reserve("m3", "r", 1_000_000, "c", Eur(10_000)));
        pool.Release("m2");
        Assert.Equal(5_000, pool.Available);
        Assert.Equal(MatchOutcome.Partial, pool.Reserve("m4", "q", 1_000_000, "b", Eur(10_000)).Outcome);
    }

    [Fact]
    public void Rejects_a_contribution_in_another_currency()
    {
        var pool = new MatchPool("EUR", 15_000, MatchSettings.Default);
        Assert.Equal(ErrorCodes.CurrencyMismatch, Assert.Throws<CivicException>(() => pool.Quote("p", 1, "a", new Money(100, "CHF"))).Code);
    }

    [Fact]
    public void A_failed_campaign_returns_its_matches_to_the_pool_and_gets_no_more()
    {
        var pool = new MatchPool("EUR", 30_000, MatchSettings.Default);
        pool.Reserve("m1", "p", 1_000_000, "a", Eur(10_000));
        pool.Reserve("m2", "q", 1_000_000, "a", Eur(10_000));
        pool.Commit("m1");
        pool.Commit("m2");
        Assert.Equal(10_000, pool.Available);
        Assert.Equal(10_000, pool.ReturnProject("p"));
        Assert.Equal((20_000L, 0L), (pool.Available, pool.MatchedFor("p")));
        Assert.Equal(MatchOutcome.ProjectClosed, pool.Quote("p", 1_000_000, "z", Eur(100)).Outcome);
    }

    [Fact]
    public void Interleaved_reservations_never_overdraw_the_pool()
    {
        var pool = new MatchPool("EUR", 123_456, MatchSettings.Default with { MatchesPerBackerPerProject = 3 });
        var random = new Random(3);
        var pending = new List<string>();
        for (var i = 0; i < 5_000; i++)
        {
            if (pending.Count == 0 || random.Next(3) == 0)
            {
                var d = pool.Reserve($"m{i}", $"p{random.Next(20)}", 400_000, $"b{random.Next(30)}", Eur(random.Next(1, 30_000)));
                if (d.Amount > 0)
                {
                    pending.Add($"m{i}");
                }
            }
            else
            {
                var id = pending[random.Next(pending.Count)];
                pending.Remove(id);
                if (random.Next(4) == 0)
                {
                    pool.Release(id);
                }
                else
                {
                    pool.Commit(id);
                }
            }

            Assert.True(pool.Available >= 0, $"Overdrawn by {-pool.Available} cents at step {i}.");
            Assert.Equal(pool.Budget, pool.Available + pool.Committed + pool.Reserved);
        }

        foreach (var id in pending)
        {
            pool.Commit(id);
        }

        Assert.Equal(123_456, pool.Committed);
        Assert.True(pool.IsExhausted);
    }
}
