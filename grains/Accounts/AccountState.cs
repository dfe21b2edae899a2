using Civic.Grains.Interfaces;

namespace Civic.Grains.Accounts;

/// <summary>One row of civic_accounts as its grain holds it (the grain is its only writer).</summary>
public sealed class AccountState
{
    public required string Tenant { get; init; }

    public required string Id { get; init; }

    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    public required string Locale { get; set; }

    public string? PasswordHash { get; set; }

    public Role Role { get; set; } = Role.Member;

    public DateTimeOffset? EmailConfirmedAt { get; set; }

    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DeletedAt { get; set; }

    public bool Live => DeletedAt is null;

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public AccountIdentity Identity() =>
        new(Tenant, Id, Email, DisplayName, Locale, Role, EmailConfirmedAt is not null);

    public AccountState Copy() => (AccountState)MemberwiseClone();
}

/// <summary>A stored one-time token (found by the SHA-256 of the token mailed).</summary>
public sealed record AccountToken(
    string Tenant, string AccountId, TokenPurpose Purpose, string? NewEmail,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

/// <summary>The words the tables use for roles and token purposes.</summary>
public static class AccountWords
{
    public static string Of(Role role) => role switch
    {
        Role.Member => "member",
        Role.Moderator => "moderator",
        Role.Admin => "admin",
        Role.PollingOfficer => "polling_officer",
        _ => throw new CivicException(ErrorCodes.Validation, $"{role} is no tenant role."),
    };

    public static Role RoleOf(string word) => word switch
    {
        "moderator" => Role.Moderator,
        "admin" => Role.Admin,
        "polling_officer" => Role.PollingOfficer,
        _ => Role.Member,
    };

    public static string Of(TokenPurpose purpose) => purpose switch
    {
        TokenPurpose.ConfirmEmail => "confirm-email",
        TokenPurpose.ResetPassword => "reset-password",
        TokenPurpose.Unlock => "unlock",
        TokenPurpose.ChangeEmail => "change-email",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    public static TokenPurpose PurposeOf(string word) => word switch
    {
        "confirm-email" => TokenPurpose.ConfirmEmail,
        "reset-password" => TokenPurpose.ResetPassword,
        "unlock" => TokenPurpose.Unlock,
        "change-email" => TokenPurpose.ChangeEmail,
        _ => throw new InvalidOperationException($"Unknown token purpose '{word}'."),
    };
}
