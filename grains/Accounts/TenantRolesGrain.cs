using System.Collections.Immutable;
using System.Text.Json;
using Civic.Grains.Interfaces;
using Civic.Grains.Mail;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Accounts;

/// <summary>
/// The roles of one tenant (keyed by its slug): invitations, removals, role holders and the audit log. Not
/// reentrant, and the only caller of the account grains' role changes, so counting the admins and demoting one
/// happen in one turn: a tenant that has an admin keeps one. Each change writes its audit rows in its own
/// transaction (the invitation's, or the account grain's).
/// </summary>
public sealed class TenantRolesGrain(
    AccountStore accounts, InvitationStore invitations, AuditStore audit, AccountMail mail, DomainClock time, ILogger<TenantRolesGrain> logger)
    : Grain, ITenantRolesGrain
{
    /// <summary>Role holders listed at most.</summary>
    public const int MaxRoleHolders = 500;

    /// <summary>Who the invitation mail names when the platform operator invites.</summary>
    public const string OperatorName = "Civic";

    private string Tenant => this.GetPrimaryKeyString();

    public async Task InviteAsync(InviteToRole command, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (actor.Role == Role.Operator)
        {
            if (command.Role != Role.Admin)
            {
                throw new CivicException(ErrorCodes.Forbidden, "The platform operator invites a tenant's admins only.");
            }
        }
        else
        {
            RequireAdmin(actor);
        }

        if (command.Role is not (Role.Moderator or Role.Admin or Role.PollingOfficer))
        {
            throw new CivicException(ErrorCodes.Validation, "role must be MODERATOR, ADMIN or POLLING_OFFICER.");
        }

        var tenant = await GrainFactory.GetGrain<ITenantGrain>(Tenant).GetAsync()
            ?? throw new CivicException(ErrorCodes.NotFound, $"There is no tenant '{Tenant}'.");
        var email = EmailAddresses.Normalise(command.Email);
        if (!await mail.WithinQuotaAsync(Tenant, email, MailKinds.Invitation))
        {
            throw new CivicException(ErrorCodes.QuotaExceeded, "This address was sent enough invitations this hour: try again later.");
        }

        var existing = await accounts.FindIdAsync(Tenant, email) is { } id ? await Account(id).IdentityAsync() : null;
        var inviter = actor.Role != Role.Operator && GrainKeys.IsWellFormed(actor.UserId, IdPrefixes.Account)
            ? await Account(actor.UserId).IdentityAsync()
            : null;
        var now = time.GetUtcNow();
        var (token, hash) = AccountStore.NewToken();
        await invitations.InsertAsync(hash, Tenant, email, command.Role, actor.UserId, now, now + mail.Options.InvitationFor,
            Record(actor.UserId, AuditActions.InvitationSent, email, ("role", AccountWords.Of(command.Role))));
        await mail.SendAsync(Tenant, email, MailKinds.Invitation, existing?.Locale ?? Locale(tenant.Locale), new Dictionary<string, string>
        {
            ["link"] = await mail.LinkAsync(Tenant, AccountMail.InvitationPath, token),
            ["role"] = AccountWords.Of(command.Role),
            ["inviter"] = inviter?.DisplayName ?? OperatorName,
            ["tenant"] = tenant.Name,
            ["name"] = existing?.DisplayName ?? "",
        });
        logger.LogInformation("Tenant {Tenant}: {Actor} invited an address to the {Role} role", Tenant, actor.UserId, command.Role);
    }

    public async Task<AccountIdentity> AcceptAsync(AcceptInvitation command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var hash = TextRules.IsValid(command.Token, TextLimits.Token) ? AccountStore.HashOf(command.Token) : null;
        var invitation = hash is null ? null : await invitations.FindAsync(hash);
        if (invitation is null || invitation.Tenant != Tenant)
        {
            throw new CivicException(ErrorCodes.TokenInvalid, "This invitation link is not valid: check you copied all of it.");
        }

        var now = time.GetUtcNow();
        if (invitation.AcceptedAt is not null)
        {
            throw new CivicException(ErrorCodes.TokenUsed, "This invitation was already used.");
        }

        if (now >= invitation.ExpiresAt)
        {
            throw new CivicException(ErrorCodes.TokenExpired, "This invitation has expired: ask for a new one.");
        }

        var role = AccountWords.Of(invitation.Role);
        if (await accounts.FindIdAsync(Tenant, invitation.Email) is { } existing)
        {
            var current = await Account(existing).IdentityAsync()
                ?? throw new CivicException(ErrorCodes.Unavailable, "The account changed meanwhile: try again.");
            await GuardLastAdminAsync(current, invitation.Role);
            return await UseAsync(hash!, existing, () => Account(existing).SetRoleAsync(invitation.Role,
            [
                Record(existing, AuditActions.InvitationAccepted, invitation.Email, ("role", role)),
                Record(invitation.InvitedBy, AuditActions.RoleGranted, existing, ("role", role), ("from", AccountWords.Of(current.Role)), ("via", "invitation")),
            ]));
        }

        TextRules.Require("displayName", command.DisplayName, TextLimits.DisplayName);
        var displayName = command.DisplayName!.Trim();
        var locale = AccountsGrain.Locale(command.Locale);
        PasswordRules.Require(command.Password, displayName, invitation.Email);
        var id = GrainKeys.NewId(IdPrefixes.Account);
        return await UseAsync(hash!, id, async () =>
            await Account(id).CreateInvitedAsync(new NewAccount(invitation.Email, command.Password!, displayName, locale), invitation.Role,
            [
                Record(id, AuditActions.AccountCreated, id, ("email", invitation.Email)),
                Record(id, AuditActions.InvitationAccepted, invitation.Email, ("role", role)),
                Record(invitation.InvitedBy, AuditActions.RoleGranted, id, ("role", role), ("from", "none"), ("via", "invitation")),
            ])
                ? await Account(id).IdentityAsync()
                : throw new CivicException(ErrorCodes.AlreadyExists, "An account got this address meanwhile: use the link again."));
    }

    public async Task<AccountIdentity> RemoveRoleAsync(string accountId, Actor actor)
    {
        RequireAdmin(actor);
        TextRules.Require("accountId", accountId, TextLimits.Id);
        var current = GrainKeys.IsWellFormed(accountId, IdPrefixes.Account) ? await Account(accountId).IdentityAsync() : null;
        if (current is null)
        {
            throw new CivicException(ErrorCodes.NotFound, "There is no such account.");
        }

        if (current.Role == Role.Member)
        {
            return current;
        }

        await GuardLastAdminAsync(current, Role.Member);
        return (await Account(accountId).SetRoleAsync(Role.Member,
            [Record(actor.UserId, AuditActions.RoleRemoved, accountId, ("from", AccountWords.Of(current.Role)))]))!;
    }

    public async Task<ImmutableArray<AccountIdentity>> RoleHoldersAsync(Actor actor)
    {
        RequireAdmin(actor);
        return [.. (await accounts.RoleHoldersAsync(Tenant, MaxRoleHolders)).Select(a => a.Identity())];
    }

    public async Task<Page<AuditEntry>> AuditLogAsync(int first, long? afterId, Actor actor)
    {
        RequireAdmin(actor);
        if (first is < 1 or > 100)
        {
            throw new CivicException(ErrorCodes.Validation, "first must be between 1 and 100.");
        }

        return await audit.PageAsync(Tenant, first, afterId);
    }

    /// <summary>LAST_ADMIN when <paramref name="account"/> is the tenant's only admin and would hold <paramref name="next"/> instead.</summary>
    private async Task GuardLastAdminAsync(AccountIdentity account, Role next)
    {
        if (account.Role == Role.Admin && next != Role.Admin && await accounts.CountAsync(Tenant, Role.Admin) <= 1)
        {
            throw new CivicException(ErrorCodes.LastAdmin, "This is the tenant's only admin: make another admin first.");
        }
    }

    /// <summary>Marks the invitation used, then makes the change; the invitation opens again if the change fails.</summary>
    private async Task<AccountIdentity> UseAsync(byte[] hash, string accountId, Func<Task<AccountIdentity?>> change)
    {
        if (!await invitations.AcceptAsync(hash, time.GetUtcNow(), accountId))
        {
            throw new CivicException(ErrorCodes.TokenUsed, "This invitation was already used.");
        }

        try
        {
            return await change() ?? throw new CivicException(ErrorCodes.Unavailable, "The account changed meanwhile: try again.");
        }
        catch
        {
            await invitations.ReopenAsync(hash);
            throw;
        }
    }

    private void RequireAdmin(Actor actor)
    {
        if (actor.Tenant != Tenant || !actor.IsAtLeast(Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "This needs the admin role of this tenant.");
        }
    }

    private static string Locale(string tenantLocale) => tenantLocale == "en" ? "en" : "fr";

    private static AuditRecord Record(string actorId, string action, string target, params (string Key, string Value)[] details) =>
        new(actorId, action, target, JsonSerializer.Serialize(details.ToDictionary(d => d.Key, d => d.Value)));

    private IAccountGrain Account(string id) => GrainFactory.GetGrain<IAccountGrain>(GrainKeys.Compound(Tenant, id));
}
