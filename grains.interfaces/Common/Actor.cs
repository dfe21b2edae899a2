namespace Civic.Grains.Interfaces;

/// <summary>
/// Member, moderator and admin are the roles a tenant gives, in that order. The operator runs the
/// platform (creates tenants): it is no role in any tenant, so it is at least none of them.
/// </summary>
public enum Role
{
    Member = 0,
    Moderator = 1,
    Admin = 2,
    Operator = 3,
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
    public bool IsAtLeast(Role role) => IsTenantRole && role != Role.Operator && Role >= role;

    /// <summary>A member, moderator or admin of <see cref="Tenant"/>; the platform operator is none of them.</summary>
    public bool IsTenantRole => Role != Role.Operator;
}
