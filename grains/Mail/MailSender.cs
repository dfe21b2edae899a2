using Civic.Grains.Interfaces;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Civic.Grains.Mail;

/// <summary>
/// One sweep of the outbox: claims the due rows, renders each with its tenant's template (or Civic's), delivers the
/// batch through one session and marks each row sent, or failed with a short error and a growing wait before the
/// next try. After <see cref="MailOptions.MaxAttempts"/> a row stays unsent and is logged as an error.
/// Several senders (one per silo) may sweep the same database: a row is claimed by one of them at a time.
/// </summary>
public sealed class MailSender(
    MailOutboxStore outbox, MailTemplateStore templates, IGrainFactory grains, IMailDelivery delivery,
    IOptions<MailOptions> options, DomainClock time, ILogger<MailSender> logger)
{
    /// <summary>The longest error kept on a row.</summary>
    public const int MaxErrorLength = 500;

    /// <summary>Sends what is due now; answers how many rows it claimed (a full batch means more may be due).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var claimed = await outbox.ClaimDueAsync(now, now + settings.Lease, settings.MaxAttempts, settings.BatchSize, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var tenants = new Dictionary<string, TenantInfo?>(StringComparer.Ordinal);
        IMailSession? session = null;
        Exception? unreachable = null;
        try
        {
            foreach (var mail in claimed)
            {
                MimeMessage message;
                try
                {
                    message = await RenderAsync(mail, tenants, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    await FailAsync(mail, ex);
                    continue;
                }

                if (session is null && unreachable is null)
                {
                    try
                    {
                        session = await delivery.OpenAsync(cancellationToken);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        unreachable = ex; // the other mails of this sweep wait for the next try too
                    }
                }

                if (unreachable is not null)
                {
                    await FailAsync(mail, unreachable);
                    continue;
                }

                try
                {
                    await session!.SendAsync(message, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    await FailAsync(mail, ex);
                    if (ex is not SmtpCommandException)
                    {
                        // The connection may be gone: the next mail opens a new one.
                        await session!.DisposeAsync();
                        session = null;
                    }

                    continue;
                }

                await outbox.MarkSentAsync(mail.Id, time.GetUtcNow());
                logger.LogInformation("Mail {Id} ({Kind}) of {Tenant} sent", mail.Id, mail.Kind, mail.Tenant);
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return claimed.Count;
    }

    /// <summary>The wait before the try after attempt number <paramref name="attempts"/>: the first wait, doubled per further attempt, capped.</summary>
    public static TimeSpan RetryAfter(int attempts, MailOptions settings)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var wait = settings.FirstRetryAfter * Math.Pow(2, doublings);
        return wait > settings.MaxRetryAfter ? settings.MaxRetryAfter : wait;
    }

    private async Task<MimeMessage> RenderAsync(OutgoingMail mail, Dictionary<string, TenantInfo?> tenants, CancellationToken cancellationToken)
    {
        if (!tenants.TryGetValue(mail.Tenant, out var tenant))
        {
            tenant = await grains.GetGrain<ITenantGrain>(mail.Tenant).GetAsync();
            tenants[mail.Tenant] = tenant;
        }

        var locale = MailTemplateRules.ResolveLocale(mail.Locale, tenant?.Locale);
        var template = await templates.GetAsync(mail.Tenant, mail.Kind, locale, cancellationToken) is { } custom
            ? new TemplateText(custom.Subject, custom.Text)
            : MailDefaults.Of(mail.Kind, locale) ?? throw new MailRenderException($"no template knows the kind '{mail.Kind}'");
        var tenantName = tenant?.Name ?? mail.Tenant;
        var settings = options.Value;
        var from = new MailboxAddress(settings.FromName ?? tenantName, settings.From);
        return MailRenderer.Render(mail, template, locale, tenantName, from, time.GetUtcNow());
    }

    private async Task FailAsync(OutgoingMail mail, Exception error)
    {
        var settings = options.Value;
        var text = TextRules.Truncate(TextRules.ToLine($"{error.GetType().Name}: {error.Message}"), MaxErrorLength);
        var retryAt = time.GetUtcNow() + RetryAfter(mail.Attempts, settings);
        await outbox.MarkFailedAsync(mail.Id, text, retryAt);
        if (mail.Attempts >= settings.MaxAttempts)
        {
            logger.LogError("Mail {Id} ({Kind}) of {Tenant} not sent after {Attempts} attempts, given up: {Error}",
                mail.Id, mail.Kind, mail.Tenant, mail.Attempts, text);
        }
        else
        {
            logger.LogWarning("Mail {Id} ({Kind}) of {Tenant} not sent (attempt {Attempts}), next try at {RetryAt:O}: {Error}",
                mail.Id, mail.Kind, mail.Tenant, mail.Attempts, retryAt, text);
        }
    }
}
