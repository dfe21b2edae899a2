namespace Civic.Grains.Interfaces;

/// <summary>
/// Member, moderator and admin are the roles a tenant gives, in that order. The operator runs the
/// platform (creates tenants): it is no role in any tenant, so it is at least none of them. A polling
/// officer is a member who may also record in-person ballots (issue 10): it ranks as a member, so it
/// gains no moderator or admin power (its value is last only to keep the others' numbers).
/// </summary>
public enum Role
{
    Member = 0,
    Moderator = 1,
    Admin = 2,
    Operator = 3,
    PollingOfficer = 4,
}

/// <summary>Who is acting: always resolved by the API from the bearer token, never from input.</summary>
[GenerateSerializer, Immutable, Alias("civic.actor")]
public sealed record Actor(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string UserId,
    [property: Id(2)] Role Role,
    [property: Id(3)] string? District = null)
{
    /// <summary>The role the tenant gave is <paramref name="role"/> or above; false for the platform operator, who holds none.</summary>
    public bool IsAtLeast(Role role) => IsTenantRole && role != Role.Operator && Rank(Role) >= Rank(role);

    /// <summary>A member, polling officer, moderator or admin of <see cref="Tenant"/>; the platform operator is none of them.</summary>
    public bool IsTenantRole => Role != Role.Operator;

    /// <summary>A polling officer or an admin: may record the ballot of a person who comes in person.</summary>
    public bool CanRecordInPerson => Role is Role.PollingOfficer or Role.Admin;

    /// <summary>Member and polling officer rank alike, below moderator and admin.</summary>
    private static int Rank(Role role) => role switch
    {
        Role.Member or Role.PollingOfficer => 0,
        Role.Moderator => 1,
        Role.Admin => 2,
        _ => 3,
    };
}
