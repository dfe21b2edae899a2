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

    /// <summary>
    /// Registers an account, or (the address has one) mails its owner that someone tried: the caller cannot
    /// tell the two apart. The e-mail's syntax, the display name, the locale and the password's rules are
    /// checked first (VALIDATION, WEAK_PASSWORD), the same way for known and unknown addresses.
    /// </summary>
    Task RegisterAsync(Register command);

    /// <summary>Mails a new confirmation link when the address has an unconfirmed account; answers the same either way.</summary>
    Task ResendConfirmationAsync(string email);

    /// <summary>Mails a reset link (6 h, single use) when the address has an account; answers the same either way.</summary>
    Task RequestPasswordResetAsync(string email);

    /// <summary>
    /// Uses a mailed one-time link: confirm the address, reset the password (<paramref name="newPassword"/>),
    /// unlock, or confirm a changed address. TOKEN_INVALID (unknown or another purpose), TOKEN_USED, TOKEN_EXPIRED.
    /// </summary>
    Task<AccountIdentity> RedeemAsync(RedeemToken command);

    /// <summary>
    /// A person the tenant's upstream provider vouched for (the API validated its id_token). The identity
    /// (provider + subject) already linked: its account. Unknown: the live account of the same address when the
    /// upstream says the address is verified (linked now), else a new account, confirmed when the address is
    /// verified and otherwise sent the usual confirmation mail. An unverified address that another account holds
    /// is refused (<see cref="SignInStatus.LinkRefused"/>): nobody takes over an account with an address they did
    /// not prove.
    /// </summary>
    Task<SignInOutcome> ExternalSignInAsync(ExternalSignIn command);
}

/// <summary>
/// What the upstream provider's validated id_token says, as far as Civic keeps it. <see cref="Residency"/> is set only
/// when the tenant named a residency claim for the provider and the token says the person lives in the tenant's area.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.external-sign-in")]
public sealed record ExternalSignIn(
    [property: Id(0)] string Provider,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Email,
    [property: Id(3)] bool EmailVerified,
    [property: Id(4)] string DisplayName,
    [property: Id(5)] string Locale,
    [property: Id(6)] VouchedResidency? Residency = null);

/// <summary>Residency as an upstream provider vouches for it: the birth date and the district, when its token carries them.</summary>
[GenerateSerializer, Immutable, Alias("civic.vouched-residency")]
public sealed record VouchedResidency(
    [property: Id(0)] DateOnly? BirthDate,
    [property: Id(1)] string? District);

/// <summary>A sign-up: what the person typed.</summary>
[GenerateSerializer, Immutable, Alias("civic.register")]
public sealed record Register(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Locale);

/// <summary>What a one-time token is for (stored with its hash; a token of one purpose never serves another).</summary>
[GenerateSerializer, Alias("civic.token-purpose")]
public enum TokenPurpose
{
    ConfirmEmail = 0,
    ResetPassword = 1,
    Unlock = 2,
    ChangeEmail = 3,
}

/// <summary>A mailed token presented back, for <see cref="Purpose"/>; <see cref="NewPassword"/> for a reset only.</summary>
[GenerateSerializer, Immutable, Alias("civic.redeem-token")]
public sealed record RedeemToken(
    [property: Id(0)] TokenPurpose Purpose,
    [property: Id(1)] string Token,
    [property: Id(2)] string? NewPassword = null);

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

    /// <summary>External sign-in: the upstream's address is not verified and belongs to another account here.</summary>
    LinkRefused = 4,
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
