using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.OwnerOffers;

namespace Civic.Tests.Domain.Funding;

/// <summary>The ECSP cap across a project owner's equity offers: 5,000,000 EUR over the trailing 12 months.</summary>
public class OwnerOfferCapRules
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private const long MillionEuros = 100_000_000;

    [Fact]
    public void Offers_add_up_to_five_million_euros_and_not_a_cent_more()
    {
        var book = new OwnerOfferBook([]);
        Assert.True(book.Reserve("cp_a", 3 * MillionEuros, Now));
        Assert.True(book.Reserve("cp_b", 2 * MillionEuros - 1, Now.AddDays(1)));
        var error = Assert.Throws<CivicException>(() => book.Reserve("cp_c", 2, Now.AddDays(2)));
        Assert.Equal(ErrorCodes.OwnerCapExceeded, error.Code);
        Assert.Equal(["cp_a", "cp_b"], book.Offers.Select(o => o.CampaignId));
        Assert.True(book.Reserve("cp_c", 1, Now.AddDays(2)));
    }

    [Fact]
    public void Reserving_the_same_campaign_again_counts_it_once()
    {
        var book = new OwnerOfferBook([]);
        Assert.True(book.Reserve("cp_a", 5 * MillionEuros, Now));
        Assert.False(book.Reserve("cp_a", 5 * MillionEuros, Now.AddMinutes(1)));
        Assert.False(book.Reserve("cp_a", 1, Now.AddMinutes(2)));
        Assert.Equal(new OwnerOffer("cp_a", Now, 5 * MillionEuros), Assert.Single(book.Offers));
    }

    [Fact]
    public void A_rejected_or_failed_offer_frees_its_amount()
    {
        var book = new OwnerOfferBook([]);
        book.Reserve("cp_a", 5 * MillionEuros, Now);
        Assert.True(book.Release("cp_a"));
        Assert.False(book.Release("cp_a"));
        Assert.True(book.Reserve("cp_b", 5 * MillionEuros, Now.AddDays(1)));
    }

    [Fact]
    public void A_succeeded_offer_counts_what_it_raised_never_more_than_it_reserved()
    {
        var book = new OwnerOfferBook([]);
        book.Reserve("cp_a", 4 * MillionEuros, Now);
        Assert.True(book.Close("cp_a", MillionEuros));
        Assert.False(book.Close("cp_a", 3 * MillionEuros));
        Assert.False(book.Close("cp_unknown", 10));
        Assert.Equal(MillionEuros, book.Offers.Single().Consideration);
        Assert.True(book.Reserve("cp_b", 4 * MillionEuros, Now.AddDays(1)));
    }

    [Fact]
    public void Offers_count_for_twelve_months_from_their_opening()
    {
        var book = new OwnerOfferBook([new OwnerOffer("cp_old", Now.AddMonths(-12).AddSeconds(1), 5 * MillionEuros)]);
        var now = Now;
        Assert.Equal(ErrorCodes.OwnerCapExceeded, Assert.Throws<CivicException>(() => book.Reserve("cp_new", 1, now)).Code);
        Assert.False(book.Prune(now));

        // One second later the old offer is exactly 12 months old: out of the window, and forgotten.
        now = now.AddSeconds(1);
        Assert.True(book.Reserve("cp_new", 5 * MillionEuros, now));
        Assert.True(book.Prune(now));
        Assert.Equal(["cp_new"], book.Offers.Select(o => o.CampaignId));
    }

    [Fact]
    public void An_offer_must_reserve_a_positive_amount()
    {
        var book = new OwnerOfferBook([]);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => book.Reserve("cp_a", 0, Now)).Code);
        Assert.Empty(book.Offers);
    }
}
