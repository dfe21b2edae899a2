using Civic.Grains.Interfaces;
using Orleans.Concurrency;

namespace Civic.Grains.Accounts;

/// <summary>
/// The accounts of one tenant (keyed by its slug), a stateless worker: it checks what a request carries,
/// finds the account of an e-mail (or of a token) in PostgreSQL and hands the rest to that account's grain.
/// What it answers never depends on whether an address is registered: unknown addresses cost the same
/// password work and get the same answer, and mails go only to addresses that have an account.
/// </summary>
[StatelessWorker]
public sealed class AccountsGrain(AccountStore store, DomainClock time) : Grain, IAccountsGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    public async Task<SignInOutcome> SignInAsync(string email, string password)
    {
        password ??= "";
        if (EmailAddresses.TryNormalise(email) is not { } normalised || await store.FindIdAsync(Tenant, normalised) is not { } id)
        {
            Passwords.Dummy(password);
            return new SignInOutcome(SignInStatus.InvalidCredentials);
        }

        return await Account(id).SignInAsync(password);
    }

    public async Task<AccountIdentity?> IdentityAsync(string accountId) =>
        accountId is not null && GrainKeys.IsWellFormed(accountId, IdPrefixes.Account)
            ? await Account(accountId).IdentityAsync()
            : null;

    public async Task RegisterAsync(Register command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var email = EmailAddresses.Normalise(command.Email);
        TextRules.Require("displayName", command.DisplayName, TextLimits.DisplayName);
        var displayName = command.DisplayName.Trim();
        var locale = Locale(command.Locale);
        PasswordRules.Require(command.Password, displayName, email);

        if (await store.FindIdAsync(Tenant, email) is null)
        {
            var id = GrainKeys.NewId(IdPrefixes.Account);
            if (await Account(id).CreateAsync(new NewAccount(email, command.Password, displayName, locale)))
            {
                return;
            }
        }

        // The address has an account (or got one meanwhile): the same hashing work as a creation, and a mail to its owner.
        Passwords.Hash(command.Password);
        if (await store.FindIdAsync(Tenant, email) is { } existing)
        {
            await Account(existing).NotifyAlreadyRegisteredAsync();
        }
    }

    public async Task ResendConfirmationAsync(string email)
    {
        if (await store.FindIdAsync(Tenant, EmailAddresses.Normalise(email)) is { } id)
        {
            await Account(id).ResendConfirmationAsync();
        }
    }

    public async Task RequestPasswordResetAsync(string email)
    {
        if (await store.FindIdAsync(Tenant, EmailAddresses.Normalise(email)) is { } id)
        {
            await Account(id).RequestPasswordResetAsync();
        }
    }

    public async Task<AccountIdentity> RedeemAsync(RedeemToken command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!TextRules.IsValid(command.Token, TextLimits.Token)
            || await store.FindTokenAsync(AccountStore.HashOf(command.Token)) is not { } token || token.Tenant != Tenant)
        {
            throw new CivicException(ErrorCodes.TokenInvalid, "This link is not valid: check you copied all of it, or ask for a new one.");
        }

        return await Account(token.AccountId).RedeemAsync(command);
    }

    public async Task<SignInOutcome> ExternalSignInAsync(ExternalSignIn command)
    {
        ArgumentNullException.ThrowIfNull(command);
        TextRules.Require("provider", command.Provider, TextLimits.ExternalProviderKey);
        TextRules.Require("subject", command.Subject, TextLimits.ExternalSubject);
        var email = EmailAddresses.Normalise(command.Email);
        var displayName = TextRules.IsValid(command.DisplayName?.Trim(), TextLimits.DisplayName) ? command.DisplayName!.Trim() : email.Split('@')[0];
        var locale = command.Locale is "en" ? "en" : "fr";

        if (await store.FindExternalAsync(Tenant, command.Provider, command.Subject) is { } linked)
        {
            if (await Account(linked).IdentityAsync() is { } identity)
            {
                return await VouchedAsync(command, identity);
            }

            // Its account was deleted: the identity is free again, as the address is.
            await store.UnlinkExternalAsync(Tenant, linked, command.Provider, command.Subject);
        }

        var id = await store.FindIdAsync(Tenant, email);
        if (id is not null && !command.EmailVerified)
        {
            return new SignInOutcome(SignInStatus.LinkRefused);
        }

        if (id is null)
        {
            id = GrainKeys.NewId(IdPrefixes.Account);
            if (!await Account(id).CreateExternalAsync(email, displayName, locale, command.EmailVerified))
            {
                // The address got an account meanwhile: link to it only on the same terms.
                id = command.EmailVerified ? await store.FindIdAsync(Tenant, email) : null;
                if (id is null)
                {
                    return new SignInOutcome(SignInStatus.LinkRefused);
                }
            }
        }

        // Two first sign-ins of one identity at once: the first link stands, both land on its account.
        var account = await store.LinkExternalAsync(Tenant, command.Provider, command.Subject, id, time.GetUtcNow());
        return await Account(account).IdentityAsync() is { } signedIn ? await VouchedAsync(command, signedIn) : Outcome(null);
    }

    /// <summary>The outcome of a sign-in, after the census has recorded the residency the provider vouched for, if it did.</summary>
    private async Task<SignInOutcome> VouchedAsync(ExternalSignIn command, AccountIdentity identity)
    {
        if (command.Residency is { } residency && identity.Tenant == Tenant)
        {
            await GrainFactory.GetGrain<ICensusGrain>(Tenant).AttestAsync(identity.AccountId, command.Provider, command.Subject, residency);
        }

        return Outcome(identity);
    }

    private static SignInOutcome Outcome(AccountIdentity? account) => account switch
    {
        null => new SignInOutcome(SignInStatus.InvalidCredentials),
        { EmailConfirmed: false } => new SignInOutcome(SignInStatus.EmailNotConfirmed, account),
        _ => new SignInOutcome(SignInStatus.SignedIn, account),
    };

    /// <summary>fr or en; VALIDATION otherwise.</summary>
    public static string Locale(string? locale) => locale switch
    {
        "fr" or "en" => locale,
        _ => throw new CivicException(ErrorCodes.Validation, "locale must be fr or en."),
    };

    private IAccountGrain Account(string id) => GrainFactory.GetGrain<IAccountGrain>(GrainKeys.Compound(Tenant, id));
}
