using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Mail;

/// <summary>
/// The mail templates of one tenant (keyed by its slug): the only writer of its rows of <c>civic_mail_templates</c>.
/// Every change is checked by <see cref="MailTemplateRules"/> before it is written; the sender reads the rows at send time.
/// </summary>
public sealed class MailTemplatesGrain(MailTemplateStore store, DomainClock time, ILogger<MailTemplatesGrain> logger) : Grain, IMailTemplatesGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    public async Task<MailTemplate> SetAsync(SetMailTemplate command, Actor actor)
    {
        RequireAdmin(actor);
        MailTemplateRules.Validate(command);
        var stored = new StoredTemplate(command.Kind, command.Locale, command.Subject, command.Text, time.GetUtcNow(), actor.UserId);
        await store.UpsertAsync(Tenant, stored);
        logger.LogInformation("Mail template {Kind}/{Locale} of {Tenant} replaced by {Admin}", command.Kind, command.Locale, Tenant, actor.UserId);
        return View(command.Kind, command.Locale, stored);
    }

    public async Task<MailTemplate> ResetAsync(string kind, string locale, Actor actor)
    {
        RequireAdmin(actor);
        MailTemplateRules.RequireKind(kind);
        MailTemplateRules.RequireLocale(locale);
        await store.DeleteAsync(Tenant, kind, locale);
        logger.LogInformation("Mail template {Kind}/{Locale} of {Tenant} reset by {Admin}", kind, locale, Tenant, actor.UserId);
        return View(kind, locale, null);
    }

    public async Task<ImmutableArray<MailTemplate>> ListAsync(Actor actor)
    {
        RequireAdmin(actor);
        var custom = (await store.ListAsync(Tenant)).ToDictionary(t => (t.Kind, t.Locale));
        return
        [
            .. from kind in MailTemplateRules.Kinds.Keys.Order(StringComparer.Ordinal)
               from locale in MailTemplateRules.Locales
               select View(kind, locale, custom.GetValueOrDefault((kind, locale))),
        ];
    }

    private void RequireAdmin(Actor actor)
    {
        if (!actor.IsAtLeast(Role.Admin) || actor.Tenant != Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin manages its mail templates.");
        }
    }

    private static MailTemplate View(string kind, string locale, StoredTemplate? custom)
    {
        var info = MailTemplateRules.Kinds[kind];
        var text = custom is null ? MailDefaults.Of(kind, locale)! : new TemplateText(custom.Subject, custom.Text);
        return new MailTemplate(kind, locale, text.Subject, text.Text, custom is not null, info.Placeholders, info.Required,
            custom?.UpdatedAt, custom?.UpdatedBy);
    }
}
