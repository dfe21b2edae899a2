namespace Civic.Grains.Interfaces;

public enum TaxReceiptForm
{
    /// <summary>Cerfa 11580: donations by individuals (income tax reduction, CGI art. 200).</summary>
    Cerfa11580 = 0,

    /// <summary>Cerfa 16216: donations by companies (corporate tax reduction, CGI art. 238 bis).</summary>
    Cerfa16216 = 1,
}

/// <summary>The legal form of the gift, as the Cerfa boxes name it.</summary>
public enum DonationForm
{
    AuthenticDeed = 0,
    PrivateDeed = 1,

    /// <summary>Don manuel: what an online donation is.</summary>
    ManualGift = 2,
    Other = 3,
}

/// <summary>The nature of the gift: money for every crowdfunding donation.</summary>
public enum DonationNature
{
    Cash = 0,
    SecuritiesListed = 1,
    Other = 2,
}

public enum DonationPaymentMethod
{
    CashNotes = 0,
    Cheque = 1,
    TransferDirectDebitOrCard = 2,
}

/// <summary>The organisation receiving the gift: a SIREN (9 digits) or an RNA number (W + 9 digits).</summary>
[GenerateSerializer, Immutable, Alias("civic.receipt-beneficiary")]
public sealed record ReceiptBeneficiary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Address,
    [property: Id(3)] string? Siren,
    [property: Id(4)] string? Rna,
    [property: Id(5)] string Purpose);

/// <summary>The donor: a person (Cerfa 11580) or a company with its SIREN (Cerfa 16216).</summary>
[GenerateSerializer, Immutable, Alias("civic.receipt-donor")]
public sealed record ReceiptDonor(
    [property: Id(0)] string Name,
    [property: Id(1)] string Address,
    [property: Id(2)] string? CompanySiren);

/// <summary>
/// A tax receipt, as issued: <see cref="Number"/> is "{year}-{sequence:D6}", unique per beneficiary,
/// gap-free per beneficiary and year. <see cref="TaxReductionPercent"/> is 66 or 75 (aid to people in
/// difficulty) for individuals, 60 for companies.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.tax-receipt")]
public sealed record TaxReceipt(
    [property: Id(0)] string Number,
    [property: Id(1)] TaxReceiptForm Form,
    [property: Id(2)] string DonationId,
    [property: Id(3)] ReceiptBeneficiary Beneficiary,
    [property: Id(4)] ReceiptDonor Donor,
    [property: Id(5)] Money Amount,
    [property: Id(6)] string AmountInWords,
    [property: Id(7)] DateOnly DonatedOn,
    [property: Id(8)] DonationForm DonationForm,
    [property: Id(9)] DonationNature Nature,
    [property: Id(10)] DonationPaymentMethod PaymentMethod,
    [property: Id(11)] int TaxReductionPercent,
    [property: Id(12)] DateOnly IssuedOn);
