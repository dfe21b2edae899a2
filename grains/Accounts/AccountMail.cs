using Civic.Grains.Interfaces;
using Civic.Grains.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Civic.Grains.Accounts;

/// <summary>
/// The mails of accounts: links built from the tenant's own configured base URL (never a request's Host), and
/// at most <see cref="AccountOptions.MailsPerHour"/> mails of one kind to one address an hour (over it, nothing
/// is sent and the caller's answer does not change).
/// </summary>
public sealed class AccountMail(
    MailOutbox outbox, AccountStore store, IGrainFactory grains, DomainClock time, IOptions<AccountOptions> options, ILogger<AccountMail> logger)
{
    public const string ConfirmPath = "/account/confirm";
    public const string ResetPath = "/account/reset";
    public const string UnlockPath = "/account/unlock";
    public const string ConfirmEmailChangePath = "/account/confirm-email-change";
    public const string InvitationPath = "/account/invitation";
    public const string SignInPath = "/account/sign-in";

    public AccountOptions Options => options.Value;

    /// <summary>True when one more mail of <paramref name="kind"/> to <paramref name="recipient"/> is within the hour's quota.</summary>
    public async Task<bool> WithinQuotaAsync(string tenant, string recipient, string kind)
    {
        var sent = await store.MailsSinceAsync(tenant, recipient, kind, time.GetUtcNow() - TimeSpan.FromHours(1));
        if (sent >= options.Value.MailsPerHour)
        {
            logger.LogWarning("Mail quota of {Tenant}: no more {Kind} mails to one address this hour", tenant, kind);
            return false;
        }

        return true;
    }

    /// <summary>The link to <paramref name="path"/> with <paramref name="token"/> (or none) on the tenant's site.</summary>
    public async Task<string> LinkAsync(string tenant, string path, string? token)
    {
        var info = await grains.GetGrain<ITenantGrain>(tenant).GetAsync()
            ?? throw new CivicException(ErrorCodes.NotFound, "There is no such tenant.");
        if (token is null)
        {
            var (baseUrl, namesTenant) = TenantUrls.BaseOf(info, options.Value.BaseDomain, options.Value.PublicBaseUrl);
            return namesTenant ? $"{baseUrl}{path}?tenant={Uri.EscapeDataString(tenant)}" : baseUrl + path;
        }

        return TenantUrls.Link(info, options.Value.BaseDomain, options.Value.PublicBaseUrl, path, token);
    }

    public Task SendAsync(string tenant, string recipient, string kind, string locale, IReadOnlyDictionary<string, string> values) =>
        outbox.EnqueueAsync(tenant, recipient, kind, locale, values);
}
