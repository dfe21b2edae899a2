using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// The receipts of one beneficiary for one year, keyed "tenant/beneficiaryId/year": the only
/// allocator of that year's numbers ("{year}-{sequence:D6}", gap-free from 1). The beneficiary is,
/// for now, the campaign's owner. The caller (the API) has checked that the donation may have a
/// receipt (a confirmed donation of the member to a campaign that succeeded); the grain checks the
/// key matches and issues at most one receipt per donation.
/// </summary>
public interface ITaxReceiptGrain : IGrainWithStringKey
{
    /// <summary>
    /// Issues the donation's receipt, durably written before it is returned. Asking again for a
    /// donation that already has one returns that receipt unchanged (the new donor details are ignored).
    /// </summary>
    Task<TaxReceipt> IssueAsync(IssueTaxReceipt command);
}

[GenerateSerializer, Immutable, Alias("civic.issue-tax-receipt")]
public sealed record IssueTaxReceipt(
    [property: Id(0)] string ContributionId,
    [property: Id(1)] string CampaignId,
    [property: Id(2)] string MemberId,
    [property: Id(3)] Money Amount,
    [property: Id(4)] DateOnly DonatedOn,
    [property: Id(5)] ReceiptBeneficiary Beneficiary,
    [property: Id(6)] ReceiptDonor Donor,
    [property: Id(7)] bool AidToPeopleInDifficulty);

public static class TaxReceiptKeys
{
    public static string For(string tenant, string beneficiaryId, int year) => $"{tenant}/{beneficiaryId}/{year:D4}";

    /// <summary>Tenant is the first segment, year the last, the beneficiary what lies between.</summary>
    public static (string Tenant, string BeneficiaryId, int Year) Split(string key)
    {
        var first = key.IndexOf('/');
        var last = key.LastIndexOf('/');
        if (first <= 0 || last <= first + 1 || !int.TryParse(key.AsSpan(last + 1), out var year))
        {
            throw new ArgumentException($"Not a tax receipt grain key: '{key}'.", nameof(key));
        }

        return (key[..first], key[(first + 1)..last], year);
    }
}

/// <summary>
/// The tenant's receipt desk (a stateless worker keyed by the tenant slug): checks who may have or
/// see a receipt, routes issuing to the <see cref="ITaxReceiptGrain"/> of the donation's beneficiary
/// and year, and renders receipts (printable HTML) and exports (CSV).
/// </summary>
public interface ITaxReceiptDeskGrain : IGrainWithStringKey
{
    /// <summary>
    /// The caller registers the identity printed on the receipts of the campaigns they own. A new or
    /// changed identity is a new revision, PENDING until a tenant admin reviews it; registering the same
    /// identity again changes nothing (its review stands).
    /// </summary>
    Task<BeneficiaryRegistration> SetBeneficiaryAsync(BeneficiaryProfile profile, Actor actor);

    /// <summary>The caller's own registration, or null.</summary>
    Task<BeneficiaryRegistration?> GetOwnBeneficiaryAsync(Actor actor);

    /// <summary>
    /// Admins of the tenant only: approves or rejects one revision of a member's identity, recording who
    /// and when. INVALID_TRANSITION when the identity changed since that revision; reviewing again with
    /// the same decision changes nothing; an approved identity can be rejected later (and back).
    /// </summary>
    Task<BeneficiaryRegistration> ReviewBeneficiaryAsync(ReviewBeneficiary review, Actor actor);

    /// <summary>
    /// Admins of the tenant only: the registrations in one status (null: <see cref="BeneficiaryStatus.Pending"/>, the
    /// review queue), oldest submitted first, at most <paramref name="first"/> (null or over: <see cref="TaxReceiptDesk.MaxListed"/>).
    /// </summary>
    Task<ImmutableArray<BeneficiaryRegistration>> ListBeneficiariesAsync(BeneficiaryStatus? status, int? first, Actor actor);

    /// <summary>
    /// The member's receipt for one of their donations, issued once: RECEIPT_NOT_ALLOWED unless the
    /// donation went to a donation campaign that SUCCEEDED (or PAID_OUT) whose owner registered a
    /// beneficiary identity; BENEFICIARY_NOT_APPROVED while that identity is pending or rejected;
    /// NOT_FOUND if the contribution is not the member's.
    /// </summary>
    Task<TaxReceipt> RequestAsync(string contributionId, ReceiptDonor donor, Actor actor);

    /// <summary>The receipt as a printable HTML page, for its donor and the tenant's admins only.</summary>
    Task<string> RenderHtmlAsync(string number, string? beneficiaryId, Actor actor);

    /// <summary>Admins: every receipt of the tenant (optionally one beneficiary's), as the donor CSV.</summary>
    Task<string> ReceiptsCsvAsync(string? beneficiaryId, Actor actor);

    /// <summary>Admins or the campaign's owner: one line per donation of the campaign.</summary>
    Task<string> DonorsCsvAsync(string campaignId, Actor actor);
}

[GenerateSerializer, Immutable, Alias("civic.beneficiary-profile")]
public sealed record BeneficiaryProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string Address,
    [property: Id(2)] string? Siren,
    [property: Id(3)] string? Rna,
    [property: Id(4)] string Purpose);

public enum BeneficiaryStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// A member's beneficiary identity as registered (revision <see cref="Revision"/>, submitted at
/// <see cref="SubmittedAt"/>) and its review: who (<see cref="ReviewedBy"/>, an admin's id) and when.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.beneficiary-registration")]
public sealed record BeneficiaryRegistration(
    [property: Id(0)] ReceiptBeneficiary Identity,
    [property: Id(1)] BeneficiaryStatus Status,
    [property: Id(2)] int Revision,
    [property: Id(3)] DateTimeOffset SubmittedAt,
    [property: Id(4)] string? ReviewedBy,
    [property: Id(5)] DateTimeOffset? ReviewedAt,
    [property: Id(6)] string? ReviewReason);

/// <summary>An admin's decision on one revision of a member's identity (<see cref="BeneficiaryId"/> is the member's id).</summary>
[GenerateSerializer, Immutable, Alias("civic.review-beneficiary")]
public sealed record ReviewBeneficiary(
    [property: Id(0)] string BeneficiaryId,
    [property: Id(1)] int Revision,
    [property: Id(2)] bool Approve,
    [property: Id(3)] string? Reason);

public static class TaxReceiptDesk
{
    /// <summary>The most beneficiary registrations one list answers.</summary>
    public const int MaxListed = 100;
}
