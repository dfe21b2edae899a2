using Civic.Grains.Interfaces;

namespace Civic.Grains.Votes;

/// <summary>Who may cast a ballot in a vote: its districts, and for votes that require it the census verification and age.</summary>
public static class VoteEligibility
{
    public const int MaxMinimumAge = 120;

    /// <summary>
    /// A member the census verified, as the vote sees them: refused without a verification
    /// (VERIFICATION_REQUIRED), under the minimum age on the opening date (TOO_YOUNG), or, in a vote with
    /// districts, living in none of them (NOT_YOUR_DISTRICT). Their district is then the census', not the token's.
    /// </summary>
    public static Actor Admit(VoteState s, Actor voter, CensusVerification verification)
    {
        if (!verification.Verified)
        {
            throw new CivicException(ErrorCodes.VerificationRequired, "This vote is open to residents whose residency is verified: verify it first.");
        }

        // An unknown age (a verification vouched for by a provider that gave no birth date) is not old enough.
        if (s.MinimumAge > 0 && (verification.AgeOn(DateOnly.FromDateTime(s.OpensAt.UtcDateTime)) is not { } age || age < s.MinimumAge))
        {
            throw new CivicException(ErrorCodes.TooYoung, $"This vote is open from the age of {s.MinimumAge} on its opening date; without a known birth date, no one is.");
        }

        if (!s.HasDistricts)
        {
            return voter;
        }

        if (verification.District is not { } district || s.Districts.All(d => d.Name != district))
        {
            throw new CivicException(ErrorCodes.NotYourDistrict, "Your verified district is none of this vote's districts.");
        }

        return voter with { District = district };
    }

    /// <summary>The ballot's district and whether it is the voter's one extra district.</summary>
    public static (string? District, bool IsExtra) DistrictOf(VoteState s, string? requested, Actor voter)
    {
        if (!s.HasDistricts)
        {
            return requested is null
                ? (null, false)
                : throw new CivicException(ErrorCodes.Validation, "This vote has no districts.");
        }

        if (voter.District is null)
        {
            throw new CivicException(ErrorCodes.DistrictRequired, "Your district is not known: verify your residency first.");
        }

        var district = requested ?? voter.District;
        if (s.Districts.All(d => d.Name != district))
        {
            throw new CivicException(ErrorCodes.Validation, $"The vote has no district '{TextRules.Truncate(district, 40)}'.");
        }

        var isExtra = district != voter.District;
        if (isExtra && !s.AllowSecondDistrict)
        {
            throw new CivicException(ErrorCodes.NotYourDistrict, "You can vote only in your own district.");
        }

        return (district, isExtra);
    }
}
