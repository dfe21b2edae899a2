using Civic.Grains.Faults;
using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Mail;
using Civic.Grains.Privacy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Accounts;

/// <summary>
/// One account (key "tenant/accountId"), the only writer of its row and tokens: password checks, failure
/// counting and lockout, one-time links and their mails. Not reentrant: two sign-ins of one account are
/// counted one after the other. The row is read once at activation and written through on every change.
/// </summary>
public sealed class AccountGrain(AccountStore store, AccountMail mail, DomainClock time, ILogger<AccountGrain> logger) : CivicGrain, IAccountGrain
{
    private AccountState? _account;

    private AccountOptions Options => mail.Options;

    protected override async Task ActivateAsync(CancellationToken cancellationToken)
    {
        var (tenant, id) = GrainKeys.Split(this.GetPrimaryKeyString());
        _account = await store.LoadAsync(tenant, id);
    }

    public async Task<bool> CreateAsync(NewAccount command)
    {
        if (_account is not null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var account = NewState(command, now);
        var (token, row) = NewToken(account, TokenPurpose.ConfirmEmail, Options.ConfirmEmailFor, null);
        if (!await store.InsertAsync(account, row))
        {
            return false;
        }

        _account = account;
        await MailAsync(MailKinds.ConfirmEmail, account.Email, AccountMail.ConfirmPath, token);
        return true;
    }

    public async Task<SignInOutcome> SignInAsync(string password)
    {
        if (_account is not { Live: true } account)
        {
            Passwords.Dummy(password);
            return new SignInOutcome(SignInStatus.InvalidCredentials);
        }

        var now = time.GetUtcNow();
        if (account.IsLockedAt(now))
        {
            Passwords.Dummy(password);
            return new SignInOutcome(SignInStatus.Locked, LockedUntil: account.LockedUntil);
        }

        var ok = await CheckPasswordAsync(account, password, now);
        account = _account!; // the check wrote a new state (count, lock, rehash)
        if (!ok)
        {
            return account.IsLockedAt(now)
                ? new SignInOutcome(SignInStatus.Locked, LockedUntil: account.LockedUntil)
                : new SignInOutcome(SignInStatus.InvalidCredentials);
        }

        return account.EmailConfirmedAt is null
            ? new SignInOutcome(SignInStatus.EmailNotConfirmed, account.Identity())
            : new SignInOutcome(SignInStatus.SignedIn, account.Identity());
    }

    public Task<AccountIdentity?> IdentityAsync() =>
        Task.FromResult(_account is { Live: true } account ? account.Identity() : null);

    public async Task NotifyAlreadyRegisteredAsync()
    {
        if (_account is { Live: true } account && await mail.WithinQuotaAsync(account.Tenant, account.Email, MailKinds.AlreadyRegistered))
        {
            await mail.SendAsync(account.Tenant, account.Email, MailKinds.AlreadyRegistered, account.Locale, new Dictionary<string, string>
            {
                ["link"] = await mail.LinkAsync(account.Tenant, AccountMail.SignInPath, null),
                ["resetLink"] = await mail.LinkAsync(account.Tenant, AccountMail.ResetPath, null),
                ["name"] = account.DisplayName,
            });
        }
    }

    public async Task ResendConfirmationAsync()
    {
        if (_account is { Live: true, EmailConfirmedAt: null } account)
        {
            await IssueAsync(account, TokenPurpose.ConfirmEmail, MailKinds.ConfirmEmail, AccountMail.ConfirmPath, Options.ConfirmEmailFor, account.Email);
        }
    }

    public async Task RequestPasswordResetAsync()
    {
        if (_account is { Live: true } account)
        {
            await IssueAsync(account, TokenPurpose.ResetPassword, MailKinds.ResetPassword, AccountMail.ResetPath, Options.ResetPasswordFor, account.Email);
        }
    }

    public async Task<AccountIdentity> RedeemAsync(RedeemToken command)
    {
        var hash = AccountStore.HashOf(command.Token);
        var token = await store.FindTokenAsync(hash);
        if (_account is not { Live: true } account || token is null || token.AccountId != account.Id
            || token.Tenant != account.Tenant || token.Purpose != command.Purpose)
        {
            throw TokenInvalid();
        }

        var now = time.GetUtcNow();
        if (token.UsedAt is not null)
        {
            throw new CivicException(ErrorCodes.TokenUsed, "This link was already used: links work once.");
        }

        if (now >= token.ExpiresAt)
        {
            throw new CivicException(ErrorCodes.TokenExpired, "This link has expired: ask for a new one.");
        }

        var changed = account.Copy();
        switch (command.Purpose)
        {
            case TokenPurpose.ConfirmEmail:
                changed.EmailConfirmedAt ??= now;
                break;
            case TokenPurpose.ResetPassword:
                PasswordRules.Require(command.NewPassword, account.DisplayName, account.Email);
                changed.PasswordHash = Passwords.Hash(command.NewPassword!);
                changed.FailedSignIns = 0;
                changed.LockedUntil = null;
                changed.EmailConfirmedAt ??= now; // the link reached the address: it is the owner's
                break;
            case TokenPurpose.Unlock:
                changed.FailedSignIns = 0;
                changed.LockedUntil = null;
                break;
            case TokenPurpose.ChangeEmail:
                changed.Email = token.NewEmail!;
                changed.EmailConfirmedAt = now;
                break;
        }

        // A reset voids the account's other reset links; the other purposes void their siblings too (one use each).
        if (!await store.SaveAsync(changed, now, usedToken: hash, voidPurpose: command.Purpose))
        {
            throw new CivicException(ErrorCodes.TokenUsed, "This link was already used: links work once.");
        }

        _account = changed;
        logger.LogInformation("Account {Tenant}/{Account}: {Purpose} link used", changed.Tenant, changed.Id, command.Purpose);
        return changed.Identity();
    }

    public async Task RequestEmailChangeAsync(string newEmail, string currentPassword, Actor actor)
    {
        if (_account is not { Live: true } account)
        {
            throw new CivicException(ErrorCodes.NotFound, "This account does not exist.");
        }

        if (actor.Tenant != account.Tenant || actor.UserId != account.Id)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the account's owner changes its address.");
        }

        var normalised = EmailAddresses.Normalise(newEmail);
        var now = time.GetUtcNow();
        if (account.IsLockedAt(now))
        {
            throw new CivicException(ErrorCodes.AccountLocked, "This account is locked after too many failed attempts.");
        }

        if (!await CheckPasswordAsync(account, currentPassword ?? "", now))
        {
            throw new CivicException(ErrorCodes.InvalidCredentials, "The current password is wrong.");
        }

        account = _account!; // the check may have written a new state (count cleared, rehash)

        if (normalised == account.Email)
        {
            throw new CivicException(ErrorCodes.Validation, "newEmail is already this account's address.");
        }

        if (await store.FindIdAsync(account.Tenant, normalised) is not null)
        {
            // Another account holds it: no link (it could not be used), and the same answer.
            return;
        }

        await IssueAsync(account, TokenPurpose.ChangeEmail, MailKinds.ConfirmEmailChange, AccountMail.ConfirmEmailChangePath,
            Options.ChangeEmailFor, normalised, newEmail: normalised);
    }

    public async Task DeleteAsync(string password, Actor actor)
    {
        if (_account is not { Live: true } account)
        {
            throw new CivicException(ErrorCodes.NotFound, "This account does not exist.");
        }

        if (actor.Tenant != account.Tenant || actor.UserId != account.Id)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the account's owner deletes it.");
        }

        var now = time.GetUtcNow();
        if (account.IsLockedAt(now))
        {
            throw new CivicException(ErrorCodes.AccountLocked, "This account is locked after too many failed attempts.");
        }

        if (!await CheckPasswordAsync(account, password ?? "", now))
        {
            throw new CivicException(ErrorCodes.InvalidCredentials, "The password is wrong.");
        }

        account = _account!; // the check may have written a new state
        if (account.Role == Role.Admin && await store.CountAsync(account.Tenant, Role.Admin) <= 1)
        {
            throw new CivicException(ErrorCodes.LastAdmin, "The tenant's last admin cannot delete the account: give the role to someone else first.");
        }

        var deleted = PersonalDataRules.Deleted(account, now);
        await store.SaveAsync(deleted, now, audit: [new AuditRecord(account.Id, AuditActions.AccountDeleted, account.Id, "{}")], forgetAddress: account.Email);
        _account = deleted;
        await store.UnlinkExternalAsync(account.Tenant, account.Id); // its upstream identities name it no more
        logger.LogInformation("Account {Tenant}/{Account} deleted by its owner", account.Tenant, account.Id);
    }

    public async Task<bool> CreateInvitedAsync(NewAccount command, Role role, ImmutableArray<AuditRecord> audit)
    {
        if (_account is not null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var account = NewState(command, now);
        account.Role = role;
        account.EmailConfirmedAt = now; // the invitation's link proved the address
        if (!await store.InsertAsync(account, token: null, audit))
        {
            return false;
        }

        _account = account;
        return true;
    }

    public async Task<AccountIdentity?> SetRoleAsync(Role role, ImmutableArray<AuditRecord> audit)
    {
        if (_account is not { Live: true } account)
        {
            return null;
        }

        var changed = account.Copy();
        changed.Role = role;
        await store.SaveAsync(changed, time.GetUtcNow(), audit: audit);
        _account = changed;
        return changed.Identity();
    }

    public async Task<bool> CreateExternalAsync(string email, string displayName, string locale, bool emailVerified)
    {
        if (_account is not null)
        {
            return false;
        }

        var (tenant, id) = GrainKeys.Split(this.GetPrimaryKeyString());
        var now = time.GetUtcNow();
        var account = new AccountState
        {
            Tenant = tenant,
            Id = id,
            Email = email,
            DisplayName = displayName,
            Locale = locale,
            PasswordHash = null, // signs in through its upstream provider; a reset link can add a password later
            EmailConfirmedAt = emailVerified ? now : null,
            CreatedAt = now,
        };
        var (token, row) = emailVerified ? (null, null) : NewToken(account, TokenPurpose.ConfirmEmail, Options.ConfirmEmailFor, null);
        if (!await store.InsertAsync(account, row))
        {
            return false;
        }

        _account = account;
        if (token is not null)
        {
            await MailAsync(MailKinds.ConfirmEmail, account.Email, AccountMail.ConfirmPath, token);
        }

        return true;
    }

    /// <summary>Checks the password; counts a failure (locking at the limit, with an unlock mail) or clears the count, rehashing if asked.</summary>
    private async Task<bool> CheckPasswordAsync(AccountState account, string password, DateTimeOffset now)
    {
        var result = Passwords.Verify(account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            var changed = account.Copy();
            changed.FailedSignIns++;
            string? unlockToken = null;
            NewTokenRow? row = null;
            if (changed.FailedSignIns >= Options.MaxFailedSignIns)
            {
                changed.FailedSignIns = 0;
                changed.LockedUntil = now + Options.LockFor;
                (unlockToken, row) = NewToken(changed, TokenPurpose.Unlock, Options.UnlockFor, null);
            }

            await store.SaveAsync(changed, now, voidPurpose: row is null ? null : TokenPurpose.Unlock, newToken: row);
            _account = changed;
            if (unlockToken is not null)
            {
                logger.LogWarning("Account {Tenant}/{Account} locked until {Until} after {Failures} failed sign-ins",
                    changed.Tenant, changed.Id, changed.LockedUntil, Options.MaxFailedSignIns);
                if (await mail.WithinQuotaAsync(changed.Tenant, changed.Email, MailKinds.UnlockAccount))
                {
                    await MailAsync(MailKinds.UnlockAccount, changed.Email, AccountMail.UnlockPath, unlockToken,
                        ("until", changed.LockedUntil!.Value.ToString("O")));
                }
            }

            return false;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded || account.FailedSignIns > 0)
        {
            var changed = account.Copy();
            changed.FailedSignIns = 0;
            if (result == PasswordVerificationResult.SuccessRehashNeeded)
            {
                changed.PasswordHash = Passwords.Hash(password);
            }

            await store.SaveAsync(changed, now);
            _account = changed;
        }

        return true;
    }

    /// <summary>A new token of <paramref name="purpose"/> and its mail to <paramref name="recipient"/>, when within the mail quota.</summary>
    private async Task IssueAsync(AccountState account, TokenPurpose purpose, string kind, string path, TimeSpan validFor,
        string recipient, string? newEmail = null)
    {
        if (!await mail.WithinQuotaAsync(account.Tenant, recipient, kind))
        {
            return;
        }

        var (token, row) = NewToken(account, purpose, validFor, newEmail);
        if (purpose == TokenPurpose.ChangeEmail)
        {
            // Only the latest requested address can be confirmed.
            await store.SaveAsync(account, row.CreatedAt, voidPurpose: TokenPurpose.ChangeEmail, newToken: row);
        }
        else
        {
            await store.AddTokenAsync(row);
        }

        await MailAsync(kind, recipient, path, token);
    }

    private (string Token, NewTokenRow Row) NewToken(AccountState account, TokenPurpose purpose, TimeSpan validFor, string? newEmail)
    {
        var (token, hash) = AccountStore.NewToken();
        var now = time.GetUtcNow();
        return (token, new NewTokenRow(hash, account.Tenant, account.Id, purpose, newEmail, now, now + validFor));
    }

    private async Task MailAsync(string kind, string recipient, string path, string token, params (string Key, string Value)[] more)
    {
        var account = _account!;
        var values = new Dictionary<string, string>
        {
            ["link"] = await mail.LinkAsync(account.Tenant, path, token),
            ["name"] = account.DisplayName,
        };
        foreach (var (key, value) in more)
        {
            values[key] = value;
        }

        await mail.SendAsync(account.Tenant, recipient, kind, account.Locale, values);
    }

    private static CivicException TokenInvalid() =>
        new(ErrorCodes.TokenInvalid, "This link is not valid: check you copied all of it, or ask for a new one.");

    /// <summary>A new account's row: the password hashed, nothing confirmed, the member role.</summary>
    private AccountState NewState(NewAccount command, DateTimeOffset now)
    {
        var (tenant, id) = GrainKeys.Split(this.GetPrimaryKeyString());
        return new AccountState
        {
            Tenant = tenant,
            Id = id,
            Email = command.Email,
            DisplayName = command.DisplayName,
            Locale = command.Locale,
            PasswordHash = Passwords.Hash(command.Password),
            CreatedAt = now,
        };
    }
}
