using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.Receipts;

namespace Civic.Tests.Domain.Funding;

public class TaxReceiptIssuing
{
    private static readonly ReceiptBeneficiary Asso = new("asso_1", "Les Amis du <Parc>", "1 rue A, 69001 Lyon", null, "W691234567", "Jardins partagés");
    private static readonly ReceiptDonor Person = new("Zoé \"Z\" Martin", "2 rue B, 69002 Lyon", null);
    private static readonly DateOnly Day = new(2026, 5, 4);

    private static TaxReceipt Issue(ReceiptDonor donor, bool aid = false, long cents = 12_345) =>
        TaxReceiptRules.Issue("2026-000001", "don_1", Asso, donor, new Money(cents, "EUR"), Day,
            DonationPaymentMethod.TransferDirectDebitOrCard, aid, Day.AddDays(30));

    [Theory]
    [InlineData(FinancingMode.Donation, CampaignStatus.Succeeded, PaymentStatus.Confirmed, false, null)]
    [InlineData(FinancingMode.Donation, CampaignStatus.PaidOut, PaymentStatus.Confirmed, false, null)]
    [InlineData(FinancingMode.Donation, CampaignStatus.Live, PaymentStatus.Confirmed, false, ErrorCodes.ReceiptNotAllowed)]
    [InlineData(FinancingMode.Donation, CampaignStatus.Failed, PaymentStatus.Confirmed, false, ErrorCodes.ReceiptNotAllowed)]
    [InlineData(FinancingMode.Loan, CampaignStatus.Succeeded, PaymentStatus.Confirmed, false, ErrorCodes.ReceiptNotAllowed)]
    [InlineData(FinancingMode.Donation, CampaignStatus.Succeeded, PaymentStatus.Pending, false, ErrorCodes.ReceiptNotAllowed)]
    [InlineData(FinancingMode.Donation, CampaignStatus.Succeeded, PaymentStatus.Refunded, false, ErrorCodes.ReceiptNotAllowed)]
    [InlineData(FinancingMode.Donation, CampaignStatus.Succeeded, PaymentStatus.Confirmed, true, ErrorCodes.ReceiptAlreadyIssued)]
    public void Receipts_only_for_confirmed_donations_to_succeeded_campaigns_once(
        FinancingMode mode, CampaignStatus campaign, PaymentStatus payment, bool issued, string? code)
    {
        var error = Record.Exception(() => TaxReceiptRules.EnsureCanIssue(mode, campaign, payment, issued));
        Assert.Equal(code, (error as CivicException)?.Code);
    }

    [Fact]
    public void Individuals_get_66_or_75_percent_on_cerfa_11580_and_companies_60_on_16216()
    {
        Assert.Equal((TaxReceiptForm.Cerfa11580, 66), (Issue(Person).Form, Issue(Person).TaxReductionPercent));
        Assert.Equal(75, Issue(Person, aid: true).TaxReductionPercent);
        var company = Issue(new ReceiptDonor("ACME SAS", "3 rue C", "552100554"));
        Assert.Equal((TaxReceiptForm.Cerfa16216, 60), (company.Form, company.TaxReductionPercent));
    }

    [Fact]
    public void The_receipt_carries_the_cerfa_fields()
    {
        var r = Issue(Person);
        Assert.Equal(("2026-000001", "W691234567", "cent vingt-trois euros et quarante-cinq centimes"), (r.Number, r.Beneficiary.Rna, r.AmountInWords));
        Assert.Equal((DonationForm.ManualGift, DonationNature.Cash, Day), (r.DonationForm, r.Nature, r.DonatedOn));
    }

    [Fact]
    public void Beneficiary_needs_a_valid_siren_or_rna()
    {
        Assert.True(TaxReceiptRules.IsValidSiren("732829320"));
        Assert.False(TaxReceiptRules.IsValidSiren("732829321"));
        Assert.False(TaxReceiptRules.IsValidRna("X691234567"));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => TaxReceiptRules.Issue("n", "d",
            Asso with { Rna = null, Siren = "123456789" }, Person, new Money(100, "EUR"), Day, DonationPaymentMethod.Cheque, false, Day)).Code);
    }

    [Theory]
    [InlineData(100, "un euro")]
    [InlineData(101, "un euro et un centime")]
    [InlineData(2_100, "vingt et un euros")]
    [InlineData(7_100, "soixante et onze euros")]
    [InlineData(8_000, "quatre-vingts euros")]
    [InlineData(9_199, "quatre-vingt-onze euros et quatre-vingt-dix-neuf centimes")]
    [InlineData(20_000, "deux cents euros")]
    [InlineData(20_100, "deux cent un euros")]
    [InlineData(8_000_000, "quatre-vingt mille euros")]
    [InlineData(20_000_000, "deux cent mille euros")]
    [InlineData(100_000_000, "un million d'euros")]
    [InlineData(123_456_789, "un million deux cent trente-quatre mille cinq cent soixante-sept euros et quatre-vingt-neuf centimes")]
    public void Writes_amounts_in_french_words(long cents, string words) => Assert.Equal(words, FrenchAmount.InWords(cents));

    [Fact]
    public void Numbers_are_gap_free_per_year_and_once_per_donation()
    {
        var numbers = new ReceiptNumberAllocator(new Dictionary<int, long> { [2026] = 41 }, ["don_0"]);
        Assert.Equal("2026-000042", numbers.Reserve(2026, "don_1"));
        Assert.Throws<InvalidOperationException>(() => numbers.Reserve(2026, "don_2"));
        numbers.Release(2026);
        Assert.Equal("2026-000042", numbers.Reserve(2026, "don_2"));
        numbers.Commit(2026);
        Assert.Equal("2027-000001", numbers.Reserve(2027, "don_3"));
        Assert.Equal(ErrorCodes.ReceiptAlreadyIssued, Assert.Throws<CivicException>(() => numbers.Reserve(2026, "don_2")).Code);
        Assert.Equal(ErrorCodes.ReceiptAlreadyIssued, Assert.Throws<CivicException>(() => numbers.Reserve(2026, "don_0")).Code);
        Assert.Equal(ErrorCodes.ReceiptAlreadyIssued, Assert.Throws<CivicException>(() => numbers.Reserve(2026, "don_3")).Code);
        Assert.Equal(42, numbers.Last(2026));
    }

    [Fact]
    public void Html_escapes_every_user_text()
    {
        var html = TaxReceiptHtml.Render(Issue(Person with { Address = "<script>alert(1)</script>" }));
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("Les Amis du &lt;Parc&gt;", html);
        Assert.Contains("Zoé &quot;Z&quot; Martin", html);
        Assert.Contains("123,45 €", html);
        Assert.Contains("Cerfa n° 11580", html);
        Assert.Contains("66 %", html);
    }

    [Fact]
    public void Csv_quotes_per_rfc_4180_and_defuses_formulas()
    {
        var csv = DonorCsv.Write([Issue(Person with { Name = "=HYPERLINK(\"x\")", Address = "1, rue A\nLyon" })]);
        var lines = csv.Split("\r\n");
        Assert.StartsWith("receipt_number,donation_id,", lines[0]);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", csv);
        Assert.Contains("\"1, rue A\nLyon\"", csv);
        Assert.Contains(",123.45,EUR,", csv);
        Assert.EndsWith("\r\n", csv);
        Assert.Equal("'+33", DonorCsv.Cell("+33"));
        Assert.Equal("'@x", DonorCsv.Cell("@x"));
        Assert.Equal("'-1", DonorCsv.Cell("-1"));
        Assert.Equal("plain", DonorCsv.Cell("plain"));
    }
}
