using Orleans.Concurrency;

namespace Civic.Grains.Interfaces;

/// <summary>
/// The accounts of one tenant (keyed by the tenant's slug), as the sign-in page and the OpenID Connect
/// server see them. Its class is a stateless worker: it finds the account of an e-mail in PostgreSQL and asks that
/// account's own grain, so password checks of many people run in parallel and one account's failures
/// are counted in one place. Answers never say whether an e-mail is registered.
/// </summary>
public interface IAccountsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks an e-mail and password. An unknown e-mail costs the same password check as a known one and
    /// answers <see cref="SignInStatus.InvalidCredentials"/>, as a wrong password does.
    /// </summary>
    Task<SignInOutcome> SignInAsync(string email, string password);

    /// <summary>
    /// The account as a token should describe it now (refresh, userinfo): null when it no longer exists,
    /// was deleted, or is disabled. Role and tenant always come from here, never from the request.
    /// </summary>
    [ReadOnly]
    Task<AccountIdentity?> IdentityAsync(string accountId);
}

[GenerateSerializer, Alias("civic.sign-in-status")]
public enum SignInStatus
{
    SignedIn = 0,

    /// <summary>Unknown e-mail or wrong password: the two are never told apart.</summary>
    InvalidCredentials = 1,

    /// <summary>Too many failures: locked until <see cref="SignInOutcome.LockedUntil"/> or unlocked by the mailed link.</summary>
    Locked = 2,

    /// <summary>Right password, e-mail not confirmed yet: no participation before it is.</summary>
    EmailNotConfirmed = 3,
}

[GenerateSerializer, Immutable, Alias("civic.sign-in-outcome")]
public sealed record SignInOutcome(
    [property: Id(0)] SignInStatus Status,
    [property: Id(1)] AccountIdentity? Account = null,
    [property: Id(2)] DateTimeOffset? LockedUntil = null);

/// <summary>Who an account is, for tokens: the subject is <see cref="AccountId"/>.</summary>
[GenerateSerializer, Immutable, Alias("civic.account-identity")]
public sealed record AccountIdentity(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Email,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] string Locale,
    [property: Id(5)] Role Role,
    [property: Id(6)] bool EmailConfirmed);
