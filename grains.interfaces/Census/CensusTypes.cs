namespace Civic.Grains.Interfaces;

[GenerateSerializer, Immutable, Alias("civic.census-upload")]
public sealed record CensusUpload(
    [property: Id(0)] int Rows,
    [property: Id(1)] int Added,
    [property: Id(2)] int Entries,
    [property: Id(3)] int Removed = 0);

/// <summary>What a member's census claim says about them: never the document number.</summary>
[GenerateSerializer, Immutable, Alias("civic.census-verification")]
public sealed record CensusVerification(
    [property: Id(0)] bool Verified,
    [property: Id(1)] DateOnly? BirthDate,
    [property: Id(2)] string? District,
    [property: Id(3)] DateTimeOffset? VerifiedAt)
{
    public static CensusVerification None { get; } = new(false, null, null, null);

    /// <summary>Full years of age on <paramref name="day"/>; null when not verified.</summary>
    public int? AgeOn(DateOnly day)
    {
        if (BirthDate is not { } birth)
        {
            return null;
        }

        var age = day.Year - birth.Year;
        return day < birth.AddYears(age) ? age - 1 : age;
    }
}

/// <summary>
/// A census entry claimed for a person who votes in person: <see cref="VoterId"/> is derived from the
/// entry (no account, no number); <see cref="Claimed"/> is false when an earlier in-person visit claimed it.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.in-person-claim")]
public sealed record InPersonClaim(
    [property: Id(0)] string VoterId,
    [property: Id(1)] CensusVerification Verification,
    [property: Id(2)] bool Claimed);
