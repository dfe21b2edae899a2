using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain.Funding;

public class EquityInvestmentRules
{
    private static readonly EquityOffer Offer = new(SharePrice: 5_000, "EUR", MinRaise: 1_000_000, MaxRaise: 5_000_000, SharesOffered: 1_000, "kiis/2026/solar-coop.pdf");
    private static readonly InvestorProfile Novice = new("nina", InvestorKind.NonSophisticated, PassedKnowledgeTest: true, DeclaredNetWorth: null);
    private static readonly InvestorProfile Pro = new("paul", InvestorKind.Sophisticated, PassedKnowledgeTest: false, DeclaredNetWorth: null);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.CreateCustomTimeZone("test+01", TimeSpan.FromHours(1), "test+01", "test+01");

    [Fact]
    public void The_offer_needs_a_kiis_document()
    {
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => EquityRules.ValidateOffer(Offer with { KiisDocumentRef = " " })).Code);
        EquityRules.ValidateOffer(Offer);
    }

    [Theory]
    [InlineData(5_000, 2_000_000, 5_000_001)]
    [InlineData(0, 1, 1)]
    [InlineData(5_000, 10, 5)]
    public void Rejects_inconsistent_offers(long price, long min, long max) =>
        Assert.Equal(ErrorCodes.Validation,
            Assert.Throws<CivicException>(() => EquityRules.ValidateOffer(Offer with { SharePrice = price, MinRaise = min, MaxRaise = max })).Code);

    [Fact]
    public void Max_shares_is_the_smaller_of_the_offer_and_the_max_raise()
    {
        Assert.Equal(1_000, EquityRules.MaxShares(Offer));
        Assert.Equal(600, EquityRules.MaxShares(Offer with { MaxRaise = 3_002_000 }));
    }

    [Fact]
    public void A_non_sophisticated_investor_must_have_passed_the_knowledge_test()
    {
        var error = Assert.Throws<CivicException>(() => EquityRules.ValidateInvestment(Offer, Novice with { PassedKnowledgeTest = false }, 1, false));
        Assert.Equal(ErrorCodes.KnowledgeTestRequired, error.Code);
        Assert.Equal(5_000, EquityRules.ValidateInvestment(Offer, Pro, 1, false));
    }

    [Theory]
    // 1,000 EUR floor with no declared net worth: 20 shares = 1,000.00 EUR is not above it, 21 is.
    [InlineData(null, 20, false)]
    [InlineData(null, 21, true)]
    // 5 % of 40,000 EUR = 2,000 EUR: the higher term wins.
    [InlineData(4_000_000L, 40, false)]
    [InlineData(4_000_000L, 41, true)]
    // 5 % of 10,000 EUR = 500 EUR: the 1,000 EUR floor wins.
    [InlineData(1_000_000L, 20, false)]
    [InlineData(1_000_000L, 21, true)]
    public void Risk_acknowledgement_above_the_higher_of_1000_euros_and_5_percent_of_net_worth(long? netWorth, long shares, bool needed)
    {
        var investor = Novice with { DeclaredNetWorth = netWorth };
        Assert.Equal(needed, EquityRules.NeedsRiskAcknowledgement(investor, shares * Offer.SharePrice));
        if (needed)
        {
            var error = Assert.Throws<CivicException>(() => EquityRules.ValidateInvestment(Offer, investor, shares, riskAcknowledged: false));
            Assert.Equal(ErrorCodes.RiskAcknowledgementRequired, error.Code);
            Assert.Equal(shares * 5_000, EquityRules.ValidateInvestment(Offer, investor, shares, riskAcknowledged: true));
        }
        else
        {
            Assert.Equal(shares * 5_000, EquityRules.ValidateInvestment(Offer, investor, shares, riskAcknowledged: false));
        }
    }

    [Fact]
    public void Sophisticated_investors_need_no_acknowledgement()
    {
        Assert.False(EquityRules.NeedsRiskAcknowledgement(Pro, 100_000_000));
    }

    [Fact]
    public void Revocation_lasts_4_calendar_days_after_the_local_day_of_the_investment()
    {
        // 23:30 UTC on 2 March is 00:30 on 3 March at UTC+1: day 0 is 3 March, the period ends at the end of 7 March local.
        var investedAt = new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.Zero);
        var deadline = EquityRules.RevocationDeadline(investedAt, Paris);
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 23, 0, 0, TimeSpan.Zero), deadline);
        Assert.True(EquityRules.CanRevoke(investedAt, Paris, deadline.AddTicks(-1)));
        Assert.False(EquityRules.CanRevoke(investedAt, Paris, deadline));
        Assert.Equal(ErrorCodes.RevocationPeriodOver,
            Assert.Throws<CivicException>(() => EquityRules.EnsureCanRevoke(investedAt, Paris, deadline)).Code);

        // In UTC the same instant is on 2 March: the period ends at midnight starting 7 March.
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero), EquityRules.RevocationDeadline(investedAt, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Owner_cap_is_5_million_euros_over_12_months()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var offers = new[]
        {
            new OwnerOffer("cp_a", now.AddMonths(-12), 400_000_000), // exactly 12 months ago: outside the window
            new OwnerOffer("cp_b", now.AddMonths(-11), 300_000_000),
            new OwnerOffer("cp_c", now.AddDays(-1), 100_000_000),
        };
        EquityRules.CheckOwnerCap(offers, new OwnerOffer("cp_new", now, 100_000_000), now);
        EquityRules.CheckOwnerCap(offers, new OwnerOffer("cp_c", now, 200_000_000), now);
        var error = Assert.Throws<CivicException>(() => EquityRules.CheckOwnerCap(offers, new OwnerOffer("cp_new", now, 100_000_001), now));
        Assert.Equal(ErrorCodes.OwnerCapExceeded, error.Code);
    }

    [Fact]
    public void Never_sells_more_shares_than_remain_counting_reserved_ones()
    {
        var book = new ShareBook(Offer with { SharesOffered = 10, MaxRaise = 50_000, MinRaise = 5_000 });
        Assert.Equal(35_000, book.Reserve("i1", "nina", 7));
        Assert.Equal(ErrorCodes.SharesUnavailable, Assert.Throws<CivicException>(() => book.Reserve("i2", "paul", 4)).Code);
        book.Reserve("i2", "paul", 3);
        Assert.Equal(0, book.Remaining);
        book.Commit("i1");
        book.Release("i2");
        Assert.Equal((7L, 0L, 3L, 35_000L), (book.CommittedShares, book.ReservedShares, book.Remaining, book.Raised));
    }

    [Fact]
    public void Revocation_returns_the_money_and_the_shares()
    {
        var book = new ShareBook(Offer with { SharesOffered = 10, MaxRaise = 50_000, MinRaise = 5_000 });
        book.Reserve("i1", "nina", 10);
        book.Commit("i1");
        Assert.Equal(50_000, book.Revoke("i1"));
        Assert.Equal((10L, 0L), (book.Remaining, book.Raised));
        Assert.Throws<InvalidOperationException>(() => book.Revoke("i1"));
    }

    [Fact]
    public void Interleaved_investments_never_oversell()
    {
        var book = new ShareBook(Offer with { SharesOffered = 50, MaxRaise = 250_000, MinRaise = 5_000 });
        var random = new Random(11);
        var pending = new List<string>();
        var committed = new List<string>();
        for (var i = 0; i < 3_000; i++)
        {
            switch (random.Next(4))
            {
                case 0 when pending.Count > 0:
                    var c = pending[random.Next(pending.Count)];
                    pending.Remove(c);
                    book.Commit(c);
                    committed.Add(c);
                    break;
                case 1 when pending.Count > 0:
                    var r = pending[random.Next(pending.Count)];
                    pending.Remove(r);
                    book.Release(r);
                    break;
                case 2 when committed.Count > 0 && random.Next(5) == 0:
                    var v = committed[random.Next(committed.Count)];
                    committed.Remove(v);
                    book.Revoke(v);
                    break;
                default:
                    try
                    {
                        book.Reserve($"i{i}", "x", random.Next(1, 6));
                        pending.Add($"i{i}");
                    }
                    catch (CivicException e) when (e.Code == ErrorCodes.SharesUnavailable)
                    {
                    }

                    break;
            }

            Assert.InRange(book.CommittedShares + book.ReservedShares, 0, 50);
        }

        Assert.True(book.CommittedShares > 0);
    }
}
