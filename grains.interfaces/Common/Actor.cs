namespace Civic.Grains.Interfaces;

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
    public bool IsAtLeast(Role role) => Role >= role;
}
