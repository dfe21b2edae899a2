using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

/// <summary>A member's census verification as they see it: their age today, not their document number nor birth date.</summary>
public sealed record MyVerification(bool Verified, string? District, int? Age, DateTimeOffset? VerifiedAt)
{
    public static MyVerification Of(CensusVerification v, DateTimeOffset now) =>
        new(v.Verified, v.District, v.AgeOn(DateOnly.FromDateTime(now.UtcDateTime)), v.VerifiedAt);
}

public sealed class VerificationGraphType : ObjectGraphType<MyVerification>
{
    public VerificationGraphType()
    {
        Name = "Verification";
        Field<NonNullGraphType<BooleanGraphType>>("verified").Resolve(c => c.Source.Verified);
        Field<StringGraphType>("district").Description("The census entry's district; null when not verified or the entry has none.").Resolve(c => c.Source.District);
        Field<IntGraphType>("age").Description("Full years today, from the census entry's birth date; null when not verified.").Resolve(c => c.Source.Age);
        Field<DateTimeOffsetGraphType>("verifiedAt").Resolve(c => c.Source.VerifiedAt);
    }
}

public sealed class CensusUploadGraphType : ObjectGraphType<CensusUpload>
{
    public CensusUploadGraphType()
    {
        Name = "CensusUpload";
        Field<NonNullGraphType<IntGraphType>>("rows").Description("Entries in the file.").Resolve(c => c.Source.Rows);
        Field<NonNullGraphType<IntGraphType>>("added").Description("Entries the census did not hold yet.").Resolve(c => c.Source.Added);
        Field<NonNullGraphType<IntGraphType>>("entries").Description("Entries the census holds now.").Resolve(c => c.Source.Entries);
        Field<NonNullGraphType<IntGraphType>>("removed").Description("Entries removed because a replacing file lacked them (0 when adding).").Resolve(c => c.Source.Removed);
    }
}

public sealed class InPersonOfficerLogGraphType : ObjectGraphType<InPersonOfficerLog>
{
    public InPersonOfficerLogGraphType()
    {
        Name = "InPersonOfficerLog";
        Description = "One polling officer's in-person ballots in a vote (never who voted).";
        Field<NonNullGraphType<StringGraphType>>("officerId").Resolve(c => c.Source.OfficerId);
        Field<NonNullGraphType<IntGraphType>>("ballots").Resolve(c => c.Source.Ballots);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("firstAt").Resolve(c => c.Source.FirstAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("lastAt").Resolve(c => c.Source.LastAt);
    }
}
