namespace Civic.Grains.Accounts;

/// <summary>Configuration section "Accounts".</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>
    /// Where mailed links point when the tenant has no custom host and the platform no <c>Tenancy:BaseDomain</c>
    /// (the embedded mode's one address); links then carry <c>tenant=slug</c>.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Tenants served at &lt;slug&gt;.&lt;BaseDomain&gt; (bound from <c>Tenancy:BaseDomain</c> unless set here).</summary>
    public string? BaseDomain { get; set; }

    /// <summary>Consecutive failed sign-ins that lock an account (Decidim: 20).</summary>
    public int MaxFailedSignIns { get; set; } = 20;

    /// <summary>How long a lock lasts unless the mailed unlock link is used first.</summary>
    public TimeSpan LockFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Mails of one kind to one address within an hour; over it the answer is the same and nothing is sent.</summary>
    public int MailsPerHour { get; set; } = 5;

    public TimeSpan ConfirmEmailFor { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan ResetPasswordFor { get; set; } = TimeSpan.FromHours(6);

    public TimeSpan UnlockFor { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan ChangeEmailFor { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan InvitationFor { get; set; } = TimeSpan.FromDays(14);
}
