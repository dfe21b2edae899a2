using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.Receipts;

namespace Civic.Tests.Domain.Funding;

/// <summary>The aid to people in difficulty flag: who sets it, until when, and the 75% it gives individuals' receipts.</summary>
public class AidToPeopleInDifficultyRules
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Owner = new("lyon", "olga", Role.Member);
    private static readonly Actor Moderator = new("lyon", "max", Role.Moderator);
    private static readonly ReceiptBeneficiary Asso = new("asso_1", "Restos du quartier", "1 rue A, 69001 Lyon", null, "W691234567", "Repas");
    private static readonly DateOnly Day = new(2026, 5, 4);

    private static CreateCampaign Create(FinancingMode mode, bool aid) => new(
        "Repas solidaires", "", mode, FundingRule.AllOrNothing, new Money(10_000, "EUR"), Now, Now.AddDays(10), 100, 1_000,
        Loan: mode == FinancingMode.Loan ? new LoanTerms(0, 12, DateOnly.FromDateTime(Now.AddDays(40).UtcDateTime)) : null,
        Equity: mode == FinancingMode.Equity ? new EquityOffer(1_000, "EUR", 10_000, 20_000, 20, "kiis.pdf") : null,
        AidToPeopleInDifficulty: aid);

    private static CampaignState Campaign(CampaignStatus status, FinancingMode mode = FinancingMode.Donation) => new()
    {
        Tenant = "lyon",
        Id = "cp_x",
        OwnerId = "olga",
        Mode = mode,
        Status = status,
        StartsAt = Now.AddDays(1),
        EndsAt = Now.AddDays(10),
        Goal = 10_000,
    };

    [Fact]
    public void Only_donation_campaigns_are_flagged_at_creation()
    {
        CampaignRules.ValidateCreate(Create(FinancingMode.Donation, aid: true), Owner, Now);
        CampaignRules.ValidateCreate(Create(FinancingMode.Loan, aid: false), Owner, Now);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() =>
            CampaignRules.ValidateCreate(Create(FinancingMode.Loan, aid: true), Owner, Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() =>
            CampaignRules.ValidateCreate(Create(FinancingMode.Equity, aid: true), Owner, Now)).Code);
    }

    [Theory]
    [InlineData(CampaignStatus.Draft, null)]
    [InlineData(CampaignStatus.Submitted, null)]
    [InlineData(CampaignStatus.ChangesRequested, null)]
    [InlineData(CampaignStatus.Approved, null)]
    [InlineData(CampaignStatus.Live, ErrorCodes.InvalidTransition)]
    [InlineData(CampaignStatus.Succeeded, ErrorCodes.InvalidTransition)]
    [InlineData(CampaignStatus.Rejected, ErrorCodes.InvalidTransition)]
    public void A_moderator_changes_the_flag_until_the_campaign_is_live(CampaignStatus status, string? code)
    {
        var error = Record.Exception(() => CampaignRules.EnsureCanSetAidFlag(Campaign(status), Moderator, Now));
        Assert.Equal(code, (error as CivicException)?.Code);
    }

    [Fact]
    public void An_approved_campaign_whose_start_has_come_is_live_for_the_flag()
    {
        var approved = Campaign(CampaignStatus.Approved);
        CampaignRules.EnsureCanSetAidFlag(approved, Moderator, approved.StartsAt.AddTicks(-1));
        Assert.Equal(ErrorCodes.InvalidTransition, Assert.Throws<CivicException>(() =>
            CampaignRules.EnsureCanSetAidFlag(approved, Moderator, approved.StartsAt)).Code);
    }

    [Fact]
    public void Owners_members_other_tenants_and_moderators_on_their_own_campaign_may_not()
    {
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<CivicException>(() =>
            CampaignRules.EnsureCanSetAidFlag(Campaign(CampaignStatus.Draft), Owner, Now)).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<CivicException>(() =>
            CampaignRules.EnsureCanSetAidFlag(Campaign(CampaignStatus.Draft), Moderator with { Tenant = "paris" }, Now)).Code);
        var ownModeration = Campaign(CampaignStatus.Draft);
        ownModeration.OwnerId = Moderator.UserId;
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<CivicException>(() =>
            CampaignRules.EnsureCanSetAidFlag(ownModeration, Moderator, Now)).Code);
        CampaignRules.EnsureCanSetAidFlag(ownModeration, new Actor("lyon", "max", Role.Admin), Now);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() =>
            CampaignRules.EnsureCanSetAidFlag(Campaign(CampaignStatus.Draft, FinancingMode.Loan), Moderator, Now)).Code);
    }

    [Fact]
    public void Flagged_receipts_carry_75_percent_for_individuals_and_60_for_companies()
    {
        TaxReceipt Issue(string? companySiren, bool aid) => TaxReceiptRules.Issue("2026-000001", "ct_1", Asso,
            new ReceiptDonor("Zoé Martin", "2 rue B, 69002 Lyon", companySiren), new Money(10_000, "EUR"), Day,
            DonationPaymentMethod.TransferDirectDebitOrCard, aid, Day);

        var person = Issue(null, aid: true);
        var company = Issue("552100554", aid: true);
        Assert.Equal((TaxReceiptForm.Cerfa11580, 75), (person.Form, person.TaxReductionPercent));
        Assert.Equal((TaxReceiptForm.Cerfa16216, 60), (company.Form, company.TaxReductionPercent));
        Assert.Equal(66, Issue(null, aid: false).TaxReductionPercent);

        Assert.Contains("aide aux personnes en difficulté", TaxReceiptHtml.Render(person));
        Assert.Contains("75 %", TaxReceiptHtml.Render(person));
        Assert.DoesNotContain("aide aux personnes en difficulté", TaxReceiptHtml.Render(Issue(null, aid: false)));
        Assert.DoesNotContain("aide aux personnes en difficulté", TaxReceiptHtml.Render(company));
    }
}
