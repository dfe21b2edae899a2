namespace Civic.Grains.Mail;

/// <summary>The messages Civic sends. Each has a template in fr and en; a tenant may replace either.</summary>
public static class MailKinds
{
    /// <summary>Values: link (confirm the address), name.</summary>
    public const string ConfirmEmail = "confirm-email";

    /// <summary>Someone tried to register with an address that has an account. Values: link (sign in / reset), name.</summary>
    public const string AlreadyRegistered = "already-registered";

    /// <summary>Values: link (reset the password, 6 h, single use), name.</summary>
    public const string ResetPassword = "reset-password";

    /// <summary>The account locked itself after repeated failures. Values: link (unlock), name.</summary>
    public const string UnlockAccount = "unlock-account";

    /// <summary>Sent to the new address. Values: link (confirm the new address), name.</summary>
    public const string ConfirmEmailChange = "confirm-email-change";

    /// <summary>Values: link (accept), role, inviter.</summary>
    public const string Invitation = "invitation";

    /// <summary>Values: link (download, 7 days), name.</summary>
    public const string ExportReady = "export-ready";

    /// <summary>An idea or comment of the member was hidden, by its reports or by a moderator. Values: link (the idea), name, what, reason.</summary>
    public const string ContentHidden = "content-hidden";

    /// <summary>A moderator showed the member's hidden idea or comment again. Values: link (the idea), name, what, reason.</summary>
    public const string ContentRestored = "content-restored";
}
