using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain.Funding;

public class RewardStockRules
{
    private static RewardStock Stock() => new([
        new Reward("poster", "A signed poster", MinAmount: 2_000, Stock: 3),
        new Reward("thanks", "A thank-you card", MinAmount: 500, Stock: null),
    ]);

    [Fact]
    public void Choosing_a_reward_needs_at_least_its_minimum()
    {
        var stock = Stock();
        Assert.Equal(ErrorCodes.AmountTooLow, Assert.Throws<CivicException>(() => stock.Reserve("r1", "poster", 1_999)).Code);
        stock.Reserve("r1", "poster", 2_000);
        Assert.Equal(1, stock.Availability("poster").Reserved);
    }

    [Fact]
    public void Reserved_units_count_against_the_stock()
    {
        var stock = Stock();
        stock.Reserve("r1", "poster", 2_000);
        stock.Reserve("r2", "poster", 2_000);
        stock.Commit("r1");
        stock.Reserve("r3", "poster", 5_000);
        Assert.Equal(ErrorCodes.RewardUnavailable, Assert.Throws<CivicException>(() => stock.Reserve("r4", "poster", 2_000)).Code);
        stock.Release("r2");
        stock.Reserve("r4", "poster", 2_000);
        Assert.Equal(new RewardAvailability("poster", 1, 2, 0), stock.Availability("poster"));
    }

    [Fact]
    public void Unlimited_rewards_never_run_out_and_unknown_ones_are_not_found()
    {
        var stock = Stock();
        for (var i = 0; i < 100; i++)
        {
            stock.Reserve($"r{i}", "thanks", 500);
            stock.Commit($"r{i}");
        }

        Assert.Equal(new RewardAvailability("thanks", 100, 0, null), stock.Availability("thanks"));
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<CivicException>(() => stock.Reserve("x", "mug", 10_000)).Code);
    }

    [Fact]
    public void Settling_a_reservation_twice_is_a_bug_not_a_unit()
    {
        var stock = Stock();
        stock.Reserve("r1", "poster", 2_000);
        stock.Commit("r1");
        Assert.Throws<InvalidOperationException>(() => stock.Commit("r1"));
        Assert.Throws<InvalidOperationException>(() => stock.Release("r1"));
        Assert.Equal(1, stock.Availability("poster").Committed);
    }

    [Fact]
    public void Hundreds_of_interleaved_backers_on_the_last_units_never_oversell()
    {
        var stock = new RewardStock([new Reward("last", "The last tote bags", 1_000, Stock: 5)]);
        var random = new Random(42);
        var pending = new List<string>();
        var refused = 0;
        for (var i = 0; i < 500; i++)
        {
            try
            {
                stock.Reserve($"b{i}", "last", 1_000);
                pending.Add($"b{i}");
            }
            catch (CivicException e) when (e.Code == ErrorCodes.RewardUnavailable)
            {
                refused++;
            }

            if (pending.Count > 0 && random.Next(3) == 0)
            {
                var id = pending[random.Next(pending.Count)];
                pending.Remove(id);
                if (random.Next(2) == 0)
                {
                    stock.Commit(id);
                }
                else
                {
                    stock.Release(id);
                }
            }

            var a = stock.Availability("last");
            Assert.InRange(a.Committed + a.Reserved, 0, 5);
        }

        foreach (var id in pending)
        {
            stock.Commit(id);
        }

        Assert.Equal(5, stock.Availability("last").Committed);
        Assert.True(refused > 400, $"Only {refused} backers were refused.");
    }
}
