using Orleans.Concurrency;

namespace Civic.Grains.Interfaces;

/// <summary>
/// One per tenant, keyed by the tenant's slug: the census (electoral roll or resident list) as keyed
/// hashes, and which member claimed which entry. Votes ask it once per member and keep the answer.
/// </summary>
public interface ICensusGrain : IGrainWithStringKey
{
    /// <summary>
    /// Admins only: adds the CSV's entries (an entry already there gets the file's birth date and district).
    /// With <paramref name="replace"/> the file is the whole new roll: entries it lacks are removed, and members
    /// who had claimed them are no longer verified (their claims stay, so the entry cannot be claimed twice).
    /// </summary>
    [ResponseTimeout("00:05:00")]
    Task<CensusUpload> UploadAsync(string csv, bool replace, Actor actor);

    /// <summary>The member claims the census entry of this document number and birth date.</summary>
    Task<CensusVerification> VerifyAsync(string documentNumber, DateOnly birthDate, Actor actor);

    /// <summary>
    /// Polling officers and admins: claims the entry for a person voting in person, under a voter id
    /// derived from the entry. An entry a member account holds is CENSUS_ENTRY_TAKEN; one an earlier
    /// in-person visit claimed answers the same voter id again (its vote then allows one ballot).
    /// </summary>
    Task<InPersonClaim> ClaimInPersonAsync(string documentNumber, DateOnly birthDate, Actor officer);

    /// <summary>Gives back an in-person claim whose ballot was refused (nothing was recorded under it).</summary>
    Task ReleaseInPersonAsync(string voterId, Actor officer);

    /// <summary>Entries of the roll: the residents a share-of-residents threshold is a share of.</summary>
    [ReadOnly]
    Task<int> ResidentsAsync();

    /// <summary>
    /// Called by the accounts grain after an external sign-in whose provider vouched for the person's residency: the
    /// member is verified with the provider's birth date and district (renewed at each such sign-in). A member with a
    /// census claim keeps it; an upstream identity that already vouched for another account (even a deleted one)
    /// verifies nobody else. Answers the member's verification afterwards.
    /// </summary>
    Task<CensusVerification> AttestAsync(string memberId, string provider, string subject, VouchedResidency residency);

    /// <summary>The member's verification, or an unverified one.</summary>
    [ReadOnly]
    Task<CensusVerification> GetVerificationAsync(string memberId);
}
