using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// The roles of one tenant (keyed by its slug): invitations, role removals, the list of role holders and the
/// audit log. Every role change of the tenant goes through this one grain, one at a time, so the rule
/// "a tenant that has an admin keeps one" holds (LAST_ADMIN). The account grains stay the writers of their rows.
/// </summary>
public interface ITenantRolesGrain : IGrainWithStringKey
{
    /// <summary>
    /// Mails an invitation (valid 14 days, single use) to give <see cref="InviteToRole.Role"/> to the address's
    /// account. Tenant admins invite moderators, admins and polling officers; the platform operator invites admins.
    /// </summary>
    Task InviteAsync(InviteToRole command, Actor actor);

    /// <summary>
    /// Uses an invitation: the address's account gets the role; without an account, one is created already
    /// confirmed (the link proved the address) from the password, display name and locale given.
    /// </summary>
    Task<AccountIdentity> AcceptAsync(AcceptInvitation command);

    /// <summary>Admins: the account goes back to member. LAST_ADMIN for the tenant's only admin.</summary>
    Task<AccountIdentity> RemoveRoleAsync(string accountId, Actor actor);

    /// <summary>Admins: the accounts holding a role other than member, by role then name (at most 500).</summary>
    Task<ImmutableArray<AccountIdentity>> RoleHoldersAsync(Actor actor);

    /// <summary>Admins: the audit log, newest first, <paramref name="first"/> entries after the entry <paramref name="afterId"/>.</summary>
    Task<Page<AuditEntry>> AuditLogAsync(int first, long? afterId, Actor actor);
}

[GenerateSerializer, Immutable, Alias("civic.invite-to-role")]
public sealed record InviteToRole(
    [property: Id(0)] string Email,
    [property: Id(1)] Role Role);

/// <summary>The invitation link's token; password, display name and locale only when the address has no account yet.</summary>
[GenerateSerializer, Immutable, Alias("civic.accept-invitation")]
public sealed record AcceptInvitation(
    [property: Id(0)] string Token,
    [property: Id(1)] string? Password,
    [property: Id(2)] string? DisplayName,
    [property: Id(3)] string? Locale);

/// <summary>One row of the audit log: <see cref="Details"/> is a JSON object.</summary>
[GenerateSerializer, Immutable, Alias("civic.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string Action,
    [property: Id(4)] string Target,
    [property: Id(5)] string Details);

/// <summary>The actions the audit log records (stable words: admins' tools filter on them).</summary>
public static class AuditActions
{
    public const string InvitationSent = "invitation.sent";
    public const string InvitationAccepted = "invitation.accepted";
    public const string RoleGranted = "role.granted";
    public const string RoleRemoved = "role.removed";
    public const string AccountCreated = "account.created-by-invitation";
}

/// <summary>An audit row to write with the change it records (same transaction).</summary>
[GenerateSerializer, Immutable, Alias("civic.audit-record")]
public sealed record AuditRecord(
    [property: Id(0)] string ActorId,
    [property: Id(1)] string Action,
    [property: Id(2)] string Target,
    [property: Id(3)] string Details);
