using System.Collections.Immutable;
using System.Text;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Receipts;

/// <summary>When a tax receipt may be issued, and what it carries (Cerfa 11580 / 16216).</summary>
public static class TaxReceiptRules
{
    /// <summary>Income tax reduction for individuals (CGI art. 200).</summary>
    public const int IndividualPercent = 66;

    /// <summary>For aid to people in difficulty (meals, housing, care: the "Coluche" rate).</summary>
    public const int AidToPeopleInDifficultyPercent = 75;

    /// <summary>Corporate tax reduction for companies (CGI art. 238 bis), on Cerfa 16216.</summary>
    public const int CompanyPercent = 60;

    /// <summary>
    /// Receipts only for donations (not loans or equity) whose payment is confirmed, to campaigns
    /// that succeeded (SUCCEEDED or, later, PAID_OUT), at most once per donation.
    /// </summary>
    public static void EnsureCanIssue(FinancingMode mode, CampaignStatus campaign, PaymentStatus payment, bool alreadyIssued)
    {
        if (mode != FinancingMode.Donation)
        {
            throw new CivicException(ErrorCodes.ReceiptNotAllowed, "Only donations get a tax receipt.");
        }

        if (campaign is not (CampaignStatus.Succeeded or CampaignStatus.PaidOut))
        {
            throw new CivicException(ErrorCodes.ReceiptNotAllowed, "Receipts are issued only for donations to campaigns that succeeded.");
        }

        if (payment != PaymentStatus.Confirmed)
        {
            throw new CivicException(ErrorCodes.ReceiptNotAllowed, "The donation's payment is not confirmed.");
        }

        if (alreadyIssued)
        {
            throw new CivicException(ErrorCodes.ReceiptAlreadyIssued, "A receipt was already issued for this donation.");
        }
    }

    public static int ReductionPercent(TaxReceiptForm form, bool aidToPeopleInDifficulty) => form switch
    {
        TaxReceiptForm.Cerfa16216 => CompanyPercent,
        _ => aidToPeopleInDifficulty ? AidToPeopleInDifficultyPercent : IndividualPercent,
    };

    /// <summary>A SIREN: 9 digits whose Luhn checksum is valid.</summary>
    public static bool IsValidSiren(string? siren)
    {
        if (siren is not { Length: 9 } || !siren.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var d = siren[i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>The texts of a beneficiary's profile, checked before anything else (the desk stores them as given).</summary>
    public static void ValidateTexts(BeneficiaryProfile profile)
    {
        TextRules.Require("The beneficiary's name", profile.Name, TextLimits.Name);
        TextRules.Require("The beneficiary's address", profile.Address, TextLimits.Address);
        TextRules.Require("The beneficiary's purpose", profile.Purpose, TextLimits.Purpose);
        TextRules.Optional("The SIREN", profile.Siren, TextLimits.Name);
        TextRules.Optional("The RNA", profile.Rna, TextLimits.Name);
    }

    /// <summary>The texts of a receipt's donor, checked before anything else (a receipt stores them as given).</summary>
    public static void ValidateTexts(ReceiptDonor donor)
    {
        TextRules.Require("The donor's name", donor.Name, TextLimits.Name);
        TextRules.Require("The donor's address", donor.Address, TextLimits.Address);
        TextRules.Optional("The donor company's SIREN", donor.CompanySiren, TextLimits.Name);
    }

    /// <summary>An RNA number: "W" and 9 digits or capital letters (Corsican departments use 2A/2B).</summary>
    public static bool IsValidRna(string? rna) =>
        rna is { Length: 10 } && rna[0] == 'W' && rna.Skip(1).All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    /// <summary>
    /// Builds the receipt. The form follows the donor: Cerfa 16216 for a company (with a valid
    /// SIREN), Cerfa 11580 for a person. The beneficiary needs a valid SIREN or RNA.
    /// </summary>
    public static TaxReceipt Issue(
        string number, string donationId, ReceiptBeneficiary beneficiary, ReceiptDonor donor, Money amount,
        DateOnly donatedOn, DonationPaymentMethod paymentMethod, bool aidToPeopleInDifficulty, DateOnly issuedOn)
    {
        Require(IsValidSiren(beneficiary.Siren) || IsValidRna(beneficiary.Rna), "The beneficiary needs a valid SIREN or RNA number.");
        Require(!string.IsNullOrWhiteSpace(beneficiary.Name), "The beneficiary needs a name.");
        Require(!string.IsNullOrWhiteSpace(donor.Name) && !string.IsNullOrWhiteSpace(donor.Address), "The donor's name and address are required.");
        Require(donor.CompanySiren is null || IsValidSiren(donor.CompanySiren), "The donor company's SIREN is not valid.");
        Require(amount.Amount > 0 && Currencies.IsValid(amount.Currency), "The amount must be positive.");
        Require(amount.Currency == "EUR", "French tax receipts are in EUR.");
        var form = donor.CompanySiren is null ? TaxReceiptForm.Cerfa11580 : TaxReceiptForm.Cerfa16216;
        return new TaxReceipt(number, form, donationId, beneficiary, donor, amount, FrenchAmount.InWords(amount.Amount),
            donatedOn, DonationForm.ManualGift, DonationNature.Cash, paymentMethod,
            ReductionPercent(form, aidToPeopleInDifficulty), issuedOn);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CivicException(ErrorCodes.Validation, message);
        }
    }
}

/// <summary>
/// Gap-free receipt numbers for one beneficiary: "{year}-{sequence:D6}", the sequence restarting at 1
/// each year. One number is reserved at a time per year and only committed once the receipt is
/// durably written; a released number is handed out again, so no number is ever skipped. Tracks
/// the donations already receipted, so a donation gets at most one.
/// </summary>
/// <remarks>The year is the caller's: the year of the donation's payment in the tenant's time zone.</remarks>
public sealed class ReceiptNumberAllocator
{
    private readonly Dictionary<int, long> _last;
    private readonly HashSet<string> _issued;
    private readonly Dictionary<int, string> _pending = [];

    public ReceiptNumberAllocator(IReadOnlyDictionary<int, long> lastByYear, IEnumerable<string> issuedDonations)
    {
        _last = new Dictionary<int, long>(lastByYear);
        _issued = new HashSet<string>(issuedDonations, StringComparer.Ordinal);
    }

    public long Last(int year) => _last.GetValueOrDefault(year);

    public bool WasIssued(string donationId) => _issued.Contains(donationId);

    public static string Format(int year, long sequence) => $"{year:D4}-{sequence:D6}";

    public string Reserve(int year, string donationId)
    {
        if (_issued.Contains(donationId) || _pending.ContainsValue(donationId))
        {
            throw new CivicException(ErrorCodes.ReceiptAlreadyIssued, "A receipt was already issued for this donation.");
        }

        if (_pending.ContainsKey(year))
        {
            throw new InvalidOperationException($"A {year} receipt number is already pending: issue receipts one at a time.");
        }

        _pending.Add(year, donationId);
        return Format(year, Last(year) + 1);
    }

    public void Commit(int year)
    {
        if (!_pending.Remove(year, out var donationId))
        {
            throw new InvalidOperationException($"No {year} receipt number is pending.");
        }

        _last[year] = Last(year) + 1;
        _issued.Add(donationId);
    }

    public void Release(int year)
    {
        if (!_pending.Remove(year))
        {
            throw new InvalidOperationException($"No {year} receipt number is pending.");
        }
    }
}

/// <summary>Amounts in cents written out in French, as a receipt's "somme en toutes lettres".</summary>
public static class FrenchAmount
{
    private static readonly string[] Small =
    [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize",
    ];

    private static readonly string[] Tens = ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante"];

    /// <summary>"cent vingt-trois euros et quarante-cinq centimes" for 12345 (traditional spelling).</summary>
    public static string InWords(long cents)
    {
        if (cents < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cents));
        }

        var euros = cents / 100;
        var rest = cents % 100;
        var unit = euros >= 1_000_000 && euros % 1_000_000 == 0 ? "d'euros" : euros >= 2 ? "euros" : "euro";
        var text = $"{Number(euros)} {unit}";
        return rest == 0 ? text : $"{text} et {Number(rest)} centime{(rest >= 2 ? "s" : "")}";
    }

    /// <summary>A whole number in French words, up to 999,999,999,999.</summary>
    public static string Number(long n)
    {
        if (n is < 0 or > 999_999_999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(n));
        }

        if (n == 0)
        {
            return "zéro";
        }

        var parts = new List<string>();
        var billions = n / 1_000_000_000;
        var millions = n / 1_000_000 % 1_000;
        var thousands = n / 1_000 % 1_000;
        var units = n % 1_000;
        if (billions > 0)
        {
            parts.Add(billions == 1 ? "un milliard" : $"{Hundreds(billions, final: true)} milliards");
        }

        if (millions > 0)
        {
            parts.Add(millions == 1 ? "un million" : $"{Hundreds(millions, final: true)} millions");
        }

        if (thousands > 0)
        {
            parts.Add(thousands == 1 ? "mille" : $"{Hundreds(thousands, final: false)} mille");
        }

        if (units > 0)
        {
            parts.Add(Hundreds(units, final: true));
        }

        return string.Join(' ', parts);
    }

    /// <summary>1..999; <paramref name="final"/> false before "mille", which takes away the plural of cents and quatre-vingts.</summary>
    private static string Hundreds(long n, bool final)
    {
        var h = n / 100;
        var r = n % 100;
        var head = h switch
        {
            0 => "",
            1 => "cent",
            _ => $"{Small[h]} cent{(r == 0 && final ? "s" : "")}",
        };
        if (r == 0)
        {
            return head;
        }

        var tail = BelowHundred(r, final);
        return head.Length == 0 ? tail : $"{head} {tail}";
    }

    private static string BelowHundred(long n, bool final)
    {
        if (n <= 16)
        {
            return Small[n];
        }

        if (n < 20)
        {
            return $"dix-{Small[n - 10]}";
        }

        var t = n / 10;
        var u = n % 10;
        return t switch
        {
            7 when u == 1 => "soixante et onze",
            7 => $"soixante-{BelowHundred(10 + u, final)}",
            8 when u == 0 => final ? "quatre-vingts" : "quatre-vingt",
            8 => $"quatre-vingt-{Small[u]}",
            9 => $"quatre-vingt-{BelowHundred(10 + u, final)}",
            _ when u == 0 => Tens[t],
            _ when u == 1 => $"{Tens[t]} et un",
            _ => $"{Tens[t]}-{Small[u]}",
        };
    }
}

/// <summary>A receipt as a printable HTML page; every piece of user text is HTML-escaped.</summary>
public static class TaxReceiptHtml
{
    public static string Render(TaxReceipt r)
    {
        var title = r.Form == TaxReceiptForm.Cerfa11580
            ? "Reçu au titre des dons à certains organismes d'intérêt général (Cerfa n° 11580)"
            : "Reçu au titre des dons (entreprises, Cerfa n° 16216)";
        var id = r.Beneficiary.Siren is { } siren ? $"SIREN {siren}" : $"RNA {r.Beneficiary.Rna}";
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>Reçu n° ")
            .Append(Escape(r.Number)).Append("</title></head>\n<body>\n");
        sb.Append("<h1>").Append(Escape(title)).Append("</h1>\n");
        sb.Append("<p>Numéro d'ordre du reçu : ").Append(Escape(r.Number)).Append("</p>\n");
        sb.Append("<h2>Bénéficiaire des versements</h2>\n<p>").Append(Escape(r.Beneficiary.Name)).Append("<br>")
            .Append(Escape(id)).Append("<br>").Append(Escape(r.Beneficiary.Address)).Append("<br>Objet : ")
            .Append(Escape(r.Beneficiary.Purpose)).Append("</p>\n");
        sb.Append("<h2>Donateur</h2>\n<p>").Append(Escape(r.Donor.Name));
        if (r.Donor.CompanySiren is { } company)
        {
            sb.Append("<br>SIREN ").Append(Escape(company));
        }

        sb.Append("<br>").Append(Escape(r.Donor.Address)).Append("</p>\n");
        sb.Append("<p>Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant droit à réduction d'impôt la somme de : <strong>")
            .Append(Escape(FormatEuros(r.Amount.Amount))).Append("</strong></p>\n");
        sb.Append("<p>Somme en toutes lettres : ").Append(Escape(r.AmountInWords)).Append("</p>\n");
        sb.Append("<p>Date du versement ou du don : ").Append(r.DonatedOn.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)).Append("</p>\n");
        sb.Append("<p>Forme du don : ").Append(FormLabel(r.DonationForm)).Append("<br>Nature du don : ")
            .Append(NatureLabel(r.Nature)).Append("<br>Mode de versement : ").Append(MethodLabel(r.PaymentMethod)).Append("</p>\n");
        sb.Append("<p>Taux de réduction d'impôt : ").Append(r.TaxReductionPercent).Append(" %</p>\n");
        if (r.Form == TaxReceiptForm.Cerfa11580 && r.TaxReductionPercent == TaxReceiptRules.AidToPeopleInDifficultyPercent)
        {
            sb.Append("<p>Don au profit d'un organisme d'aide aux personnes en difficulté (article 200, 1 ter du CGI)</p>\n");
        }

        sb.Append("<p>Date d'émission : ").Append(r.IssuedOn.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)).Append("</p>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>"1 234,56 €" from 123456 cents, in integer arithmetic (narrow no-break space between thousands).</summary>
    public static string FormatEuros(long cents)
    {
        var euros = (cents / 100).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture).Replace(",", "\u202F");
        return $"{euros},{cents % 100:D2} €";
    }

    private static string FormLabel(DonationForm f) => f switch
    {
        DonationForm.AuthenticDeed => "Acte authentique",
        DonationForm.PrivateDeed => "Acte sous seing privé",
        DonationForm.ManualGift => "Déclaration de don manuel",
        _ => "Autre",
    };

    private static string NatureLabel(DonationNature n) => n switch
    {
        DonationNature.Cash => "Numéraire",
        DonationNature.SecuritiesListed => "Titres de sociétés cotés",
        _ => "Autre",
    };

    private static string MethodLabel(DonationPaymentMethod m) => m switch
    {
        DonationPaymentMethod.CashNotes => "Remise d'espèces",
        DonationPaymentMethod.Cheque => "Chèque",
        _ => "Virement, prélèvement, carte bancaire",
    };
}

/// <summary>
/// The beneficiary's donor export: RFC 4180 CSV (comma, CRLF, fields with comma, quote, CR or LF
/// quoted, quotes doubled), with a header line. A cell starting with = + - @ (or a tab or CR) gets a
/// leading apostrophe so a spreadsheet does not run it as a formula. Amounts are "1234.56".
/// </summary>
public static class DonorCsv
{
    public static readonly ImmutableArray<string> Header =
        ["receipt_number", "donation_id", "donated_on", "donor_name", "donor_address", "donor_siren", "amount", "currency", "payment_method", "form", "tax_reduction_percent"];

    public static string Write(IEnumerable<TaxReceipt> receipts)
    {
        var sb = new StringBuilder();
        Line(sb, Header);
        foreach (var r in receipts)
        {
            Line(sb,
            [
                r.Number, r.DonationId, r.DonatedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                r.Donor.Name, r.Donor.Address, r.Donor.CompanySiren ?? "",
                $"{r.Amount.Amount / 100}.{r.Amount.Amount % 100:D2}", r.Amount.Currency,
                r.PaymentMethod.ToString(), r.Form.ToString(), r.TaxReductionPercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]);
        }

        return sb.ToString();
    }

    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    private static void Line(StringBuilder sb, IEnumerable<string> cells)
    {
        sb.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
    }
}
