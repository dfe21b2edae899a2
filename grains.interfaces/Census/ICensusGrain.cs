using Orleans.Concurrency;

namespace Civic.Grains.Interfaces;

/// <summary>
/// One per tenant, keyed by the tenant's slug: the census (electoral roll or resident list) as keyed
/// hashes, and which member claimed which entry. Votes ask it once per member and keep the answer.
/// </summary>
public interface ICensusGrain : IGrainWithStringKey
{
    /// <summary>Admins only: adds the CSV's entries (an entry already there gets the file's birth date and district).</summary>
    [ResponseTimeout("00:05:00")]
    Task<CensusUpload> UploadAsync(string csv, Actor actor);

    /// <summary>The member claims the census entry of this document number and birth date.</summary>
    Task<CensusVerification> VerifyAsync(string documentNumber, DateOnly birthDate, Actor actor);

    /// <summary>The member's verification, or an unverified one.</summary>
    [ReadOnly]
    Task<CensusVerification> GetVerificationAsync(string memberId);
}
