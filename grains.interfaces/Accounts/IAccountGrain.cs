namespace Civic.Grains.Interfaces;

/// <summary>
/// One account (key "tenant/accountId"): the only writer of its row and its one-time tokens. Password
/// checks, failure counting, lockout, mails and token redemption all happen here, one at a time.
/// Callers are <see cref="IAccountsGrain"/> (which finds the id of an e-mail) and the API for the
/// signed-in member's own account.
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Writes the new account (unconfirmed, role member) and mails its confirmation link; false when its address is taken meanwhile.</summary>
    Task<bool> CreateAsync(NewAccount command);

    /// <summary>The password check of a sign-in: counts failures, locks after too many, mails the unlock link.</summary>
    Task<SignInOutcome> SignInAsync(string password);

    /// <summary>The account now; null when it does not exist or was deleted.</summary>
    Task<AccountIdentity?> IdentityAsync();

    /// <summary>Someone registered with this account's address: mail its owner (within the mail quota).</summary>
    Task NotifyAlreadyRegisteredAsync();

    /// <summary>A new confirmation link, when the address is not confirmed yet (within the mail quota).</summary>
    Task ResendConfirmationAsync();

    /// <summary>A reset link (within the mail quota).</summary>
    Task RequestPasswordResetAsync();

    /// <summary>Uses one of this account's tokens (found by its hash).</summary>
    Task<AccountIdentity> RedeemAsync(RedeemToken command);

    /// <summary>
    /// The signed-in member asks to move to <paramref name="newEmail"/>: after the current password is checked
    /// (INVALID_CREDENTIALS, counted as a failed sign-in), a link goes to the new address; the address changes
    /// only when that link is used. An address another account holds gets no link, with the same answer.
    /// </summary>
    Task RequestEmailChangeAsync(string newEmail, string currentPassword, Actor actor);

    /// <summary>
    /// The signed-in member deletes their account, confirmed by their password (INVALID_CREDENTIALS, counted as a
    /// failed sign-in): the profile is blanked (address, name), the password hash is gone and the account marked
    /// deleted (no sign-in, no new token), with an audit row. Contributions, receipts, ballots and the census claim
    /// stay under the account's id, which now names nobody. LAST_ADMIN for the tenant's last admin.
    /// </summary>
    Task DeleteAsync(string password, Actor actor);

    /// <summary>
    /// Called by <see cref="ITenantRolesGrain"/> only: writes the account already confirmed with <paramref name="role"/>
    /// (an invitation proved the address) and the audit rows, in one transaction; false when its address is taken.
    /// </summary>
    Task<bool> CreateInvitedAsync(NewAccount command, Role role, System.Collections.Immutable.ImmutableArray<AuditRecord> audit);

    /// <summary>Called by <see cref="ITenantRolesGrain"/> only (it guards the last admin): sets the role with its audit rows.</summary>
    Task<AccountIdentity?> SetRoleAsync(Role role, System.Collections.Immutable.ImmutableArray<AuditRecord> audit);

    /// <summary>
    /// Called by <see cref="IAccountsGrain.ExternalSignInAsync"/> only: writes an account without a password (it signs in
    /// through its upstream provider), confirmed when <paramref name="emailVerified"/>, else mailed a confirmation link;
    /// false when its address is taken.
    /// </summary>
    Task<bool> CreateExternalAsync(string email, string displayName, string locale, bool emailVerified);
}

/// <summary>An account to create; the password is hashed by the account grain, never stored as typed.</summary>
[GenerateSerializer, Immutable, Alias("civic.new-account")]
public sealed record NewAccount(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Locale);
