using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using static Civic.Tests.Grains.GrainTestData;
using Lifecycle = Civic.Grains.Campaigns.CampaignLifecycle;

namespace Civic.Tests.Grains;

/// <summary>
/// The one book and the one state machine of a campaign, seen from outside: reward stock and totals equal the
/// ledger after refunds and failed payments, every status change is an edge of the lifecycle dated when it was
/// due, and pledges racing the refund pass or the payout, and investments racing revocations, leave totals
/// equal to the ledger. Dates come from the fixture's fake business clock, the silos' <see cref="DomainClock"/>.
/// </summary>
[Collection("cluster")]
public sealed class CampaignBookAndLifecycle(ClockedClusterFixture fixture)
{
    private ICampaignGrain NewCampaign(string tenant) =>
        fixture.Client.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId("cp")));

    private Task<long> CountedAsync(string campaign, string what) => PostgresServerFixture.ScalarAsync<long>(fixture.ConnectionString,
        $"select coalesce({what}, 0)::bigint from civic_counted_contributions where campaign_id = @id", ("id", campaign));

    private static string IdOf(ICampaignGrain campaign) => GrainKeys.Split(campaign.GetPrimaryKeyString()).Id;

    [Fact]
    public async Task Reward_stock_and_totals_equal_the_ledger_after_failed_payments_and_refunds()
    {
        var tenant = NewTenant();
        var campaign = NewCampaign(tenant);
        var now = fixture.Now;
        var endsAt = now.AddHours(1);
        await campaign.CreateAsync(new CreateCampaign("Fresque", "", FinancingMode.Donation, FundingRule.AllOrNothing,
            new Money(1_000_000, "EUR"), now.AddSeconds(-1), endsAt, 100, 100_000,
            new CampaignCategoryRef(CampaignCategory.Cultural), [new NewReward("Affiche", 1_000, 5)]), Admin(tenant));
        await campaign.PublishAsync(Admin(tenant));

        await campaign.PledgeAsync(new Pledge(Member(tenant, "a"), 1_000, "a1", "r1"));
        await campaign.PledgeAsync(new Pledge(Member(tenant, "b"), 1_000, "b1", "r1"));
        var declined = await campaign.PledgeAsync(new Pledge(Member(tenant, "c"), 1_000, "c1", "r1", "sbx_card_declined"));
        var pending = await campaign.PledgeAsync(new Pledge(Member(tenant, "d"), 1_000, "d1", "r1", "sbx_transfer"));
        Assert.Equal((PaymentStatus.Failed, PaymentStatus.Pending), (declined.Status, pending.Status));
        Assert.Equal(PaymentStatus.Failed, await campaign.SettlePaymentAsync(new PaymentNotice(pending.ContributionId, PaymentStatus.Failed, "sandbox", null)));

        var live = (await campaign.GetAsync(null))!;
        Assert.Equal(5 - 2, Assert.Single(live.Rewards).Remaining);
        Assert.Equal(await CountedAsync(IdOf(campaign), "sum(amount)"), live.Raised.Amount);

        // It fails at its end and refunds everyone: every unit is back, as the ledger says (nothing counts).
        var refunded = await fixture.EventuallyAfterAsync(endsAt, () => campaign.GetAsync(null), s => s!.Status == CampaignStatus.Refunded, "the refunds");
        Assert.Equal((0L, 0L), (refunded!.Raised.Amount, await CountedAsync(IdOf(campaign), "sum(amount)")));
        Assert.Equal(5, Assert.Single(refunded.Rewards).Remaining);

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reloaded = (await campaign.GetAsync(null))!;
        Assert.Equal((0L, 5), (reloaded.Raised.Amount, Assert.Single(reloaded.Rewards).Remaining));
    }

    [Fact]
    public async Task Every_status_change_is_an_edge_by_its_actor_dated_when_it_was_due()
    {
        var tenant = NewTenant();
        var campaign = NewCampaign(tenant);
        var owner = Member(tenant, "owner");
        var moderator = new Actor(tenant, "mod", Role.Moderator);
        var now = fixture.Now;
        var startsAt = now.AddHours(1);
        var endsAt = now.AddHours(2);
        await campaign.CreateAsync(new CreateCampaign("Jardin", "", FinancingMode.Donation, FundingRule.AllOrNothing,
            new Money(1_000, "EUR"), startsAt, endsAt, 100, 100_000), owner);
        await campaign.SubmitAsync(owner);
        Assert.Equal(CampaignStatus.Approved, (await campaign.ApproveAsync(moderator, null)).Status);
        Assert.Equal(CampaignStatus.Approved, (await campaign.GetAsync(null))!.Status); // its start has not come

        // Just past each date (the clock moves once, by a second more): the move is dated at the date, not at now.
        fixture.AdvancePast(startsAt);
        await EventuallyAsync(() => campaign.GetAsync(null), s => s!.Status == CampaignStatus.Live, "the start");
        await campaign.PledgeAsync(new Pledge(Member(tenant), 1_000, "k1"));
        fixture.AdvancePast(endsAt);
        await EventuallyAsync(() => campaign.GetAsync(null), s => s!.Status == CampaignStatus.PaidOut, "the payout");
        Assert.True(fixture.Now > endsAt);

        var history = (await campaign.GetHistoryAsync(owner))!.Value.Where(h => h.From != h.To || h.Reason != "created").ToList();
        Assert.All(history, h => Assert.True(Lifecycle.IsEdge(h.From, h.To), $"{h.From} → {h.To} is not an edge"));
        Assert.Equal([CampaignStatus.Submitted, CampaignStatus.Approved, CampaignStatus.Live, CampaignStatus.Succeeded, CampaignStatus.PaidOut],
            history.Select(h => h.To));
        var open = history.Single(h => h.To == CampaignStatus.Live);
        var close = history.Single(h => h.To == CampaignStatus.Succeeded);
        var payout = history.Single(h => h.To == CampaignStatus.PaidOut);
        Assert.Equal((Lifecycle.ClockActor, startsAt), (open.By, open.At));
        Assert.Equal((Lifecycle.ClockActor, endsAt), (close.By, close.At));
        Assert.Equal((Lifecycle.SystemActor, endsAt), (payout.By, payout.At)); // nothing was pending: due at the close
    }

    [Theory]
    [InlineData(FundingRule.AllOrNothing, 1_000_000, CampaignStatus.Refunded)]
    [InlineData(FundingRule.KeepItAll, 100, CampaignStatus.PaidOut)]
    public async Task Pledges_racing_the_end_the_refund_pass_and_the_payout_keep_totals_equal_to_the_ledger(
        FundingRule rule, long goal, CampaignStatus settled)
    {
        var tenant = NewTenant();
        var campaign = NewCampaign(tenant);
        var now = fixture.Now;
        var endsAt = now.AddMinutes(5);
        await campaign.CreateAsync(new CreateCampaign("Course", "", FinancingMode.Donation, rule,
            new Money(goal, "EUR"), now.AddSeconds(-1), endsAt, 100, 100_000), Admin(tenant));
        await campaign.PublishAsync(Admin(tenant));

        // Pledges keep coming until each worker was refused a few times: once 40 are in, the clock jumps past
        // the end, so those in flight race the close, the refund pass or the payout; the late ones are
        // refused. Not one may count twice or be lost.
        var accepted = 0;
        var workers = Enumerable.Range(0, 8).Select(async worker =>
        {
            var mine = 0L;
            for (var (i, refused) = (0, 0); refused < 3 && i < 10_000; i++)
            {
                try
                {
                    var receipt = await campaign.PledgeAsync(new Pledge(Member(tenant, $"m{worker}"), 100 + worker, $"w{worker}-{i}"));
                    mine += receipt.Status == PaymentStatus.Confirmed ? 1 : 0;
                    Interlocked.Increment(ref accepted);
                }
                catch (CivicException ex) when (ex.Code == ErrorCodes.CampaignClosed)
                {
                    refused++;
                }
            }

            return mine;
        }).ToList();
        await EventuallyAsync(() => Task.FromResult(Volatile.Read(ref accepted)), n => n >= 40, "40 pledges before the end");
        fixture.AdvancePast(endsAt);
        var outcomes = await Task.WhenAll(workers);
        Assert.True(outcomes.Sum() > 0, "no pledge was taken before the end");

        var final = await fixture.EventuallyAsync(() => campaign.GetAsync(null), s => s!.Status == settled, $"the campaign to be {settled}");
        var id = IdOf(campaign);
        Assert.Equal(await CountedAsync(id, "sum(amount)"), final!.Raised.Amount);
        Assert.Equal(await CountedAsync(id, "count(*)"), final.Contributions);
        if (settled == CampaignStatus.PaidOut)
        {
            Assert.Equal(final.Raised.Amount, await PostgresServerFixture.ScalarAsync<long>(fixture.ConnectionString,
                "select amount from civic_payouts where campaign_id = @id", ("id", id)));
        }
        else
        {
            Assert.Equal(0, final.Raised.Amount);
        }
    }

    [Fact]
    public async Task Investments_racing_revocations_keep_raised_contributions_shares_and_the_ledger_equal()
    {
        const long price = 1_000;
        const long offered = 40;
        var tenant = NewTenant();
        var campaign = NewCampaign(tenant);
        var now = fixture.Now;
        await campaign.CreateAsync(new CreateCampaign("Éolienne", "", FinancingMode.Equity, FundingRule.AllOrNothing,
            new Money(price, "EUR"), now.AddSeconds(-1), now.AddDays(30), 100, 1_000_000,
            Equity: new EquityOffer(price, "EUR", price, offered * price, offered, "kiis.pdf")), Admin(tenant));
        await campaign.PublishAsync(Admin(tenant));
        Invest Buy(string investor, string key) => new(Member(tenant, investor), 2, false, InvestorKind.NonSophisticated, true, null, key);
        async Task<string> CodeOf(Func<Task> action)
        {
            try
            {
                await action();
                return "ok";
            }
            catch (CivicException ex)
            {
                return ex.Code;
            }
        }

        // 30 of the 40 shares sold, two by each of 15 investors.
        var first = await Task.WhenAll(Enumerable.Range(0, 15).Select(i => campaign.InvestAsync(Buy($"early{i}", "e"))));
        Assert.Equal(10L, (await campaign.GetAsync(null))!.SharesRemaining);

        // All at once: 10 early investors revoke (each twice), 20 newcomers buy two shares each (more than can
        // ever remain), and 10 of those newcomers revoke at once what they got. Shares come back while
        // others are being sold; none may be sold twice, lost, or counted after its revocation.
        var revocations = first.Take(10).SelectMany((receipt, i) => Enumerable.Repeat(0, 2).Select(_ =>
            CodeOf(() => campaign.RevokeInvestmentAsync(Member(tenant, $"early{i}"), receipt.ContributionId))));
        var newcomers = Enumerable.Range(0, 20).Select(i => CodeOf(async () =>
        {
            var receipt = await campaign.InvestAsync(Buy($"late{i}", "l"));
            if (i % 2 == 0)
            {
                await campaign.RevokeInvestmentAsync(Member(tenant, $"late{i}"), receipt.ContributionId);
            }
        }));
        var codes = await Task.WhenAll(revocations.Concat(newcomers));
        Assert.All(codes, code => Assert.Contains(code, new[] { "ok", ErrorCodes.SharesUnavailable }));
        Assert.Contains("ok", codes.Skip(20));

        var id = IdOf(campaign);
        async Task AssertEqualToTheLedgerAsync(CampaignSummary summary)
        {
            var counted = await CountedAsync(id, "sum(amount)");
            Assert.Equal(counted, summary.Raised.Amount);
            Assert.Equal(await CountedAsync(id, "count(*)"), summary.Contributions);
            Assert.Equal(offered - counted / price, summary.SharesRemaining);
            Assert.InRange(counted / price, 0, offered);
        }

        var summary = (await campaign.GetAsync(null))!;
        await AssertEqualToTheLedgerAsync(summary);
        Assert.Equal(5 + codes.Skip(20).Where((code, i) => code == "ok" && i % 2 == 1).Count(), summary.Contributions);

        // Every revoked investment's money went back (the revocation asks for the refund at once).
        await fixture.EventuallyAsync(() => PostgresServerFixture.ScalarAsync<long>(fixture.ConnectionString,
            "select count(*) from civic_contributions where campaign_id = @id and revoked_at is not null and payment_status <> 'refunded'", ("id", id)),
            unpaid => unpaid == 0, "every revoked investment to be refunded");

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await AssertEqualToTheLedgerAsync((await campaign.GetAsync(null))!);
    }
}
