namespace Civic.Grains.Interfaces;

/// <summary>
/// An equity offer. Amounts in cents of <see cref="Currency"/> (EUR: the ECSP thresholds are in EUR).
/// At most min(<see cref="SharesOffered"/>, <see cref="MaxRaise"/> / <see cref="SharePrice"/>) shares sell.
/// <see cref="KiisDocumentRef"/> names the Key Investment Information Sheet attached to the offer.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.equity-offer")]
public sealed record EquityOffer(
    [property: Id(0)] long SharePrice,
    [property: Id(1)] string Currency,
    [property: Id(2)] long MinRaise,
    [property: Id(3)] long MaxRaise,
    [property: Id(4)] long SharesOffered,
    [property: Id(5)] string KiisDocumentRef);

public enum InvestorKind
{
    NonSophisticated = 0,
    Sophisticated = 1,
}

/// <summary>
/// What the platform knows of an investor (ECSP art. 21): the kind, whether the entry knowledge
/// test was passed, and the declared net worth in EUR cents (null if not declared).
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.investor-profile")]
public sealed record InvestorProfile(
    [property: Id(0)] string InvestorId,
    [property: Id(1)] InvestorKind Kind,
    [property: Id(2)] bool PassedKnowledgeTest,
    [property: Id(3)] long? DeclaredNetWorth);

/// <summary>One of a project owner's offers, as counted by the 5,000,000 EUR per 12 months cap.</summary>
/// <param name="Consideration">Cents: the maximum raise of an offer still open, what was raised for a closed one.</param>
[GenerateSerializer, Immutable, Alias("civic.owner-offer")]
public sealed record OwnerOffer(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] DateTimeOffset OpenedAt,
    [property: Id(2)] long Consideration);
