using Civic.Grains.Faults;
using Civic.Grains.Accounts;
using Civic.Grains.Interfaces;
using Civic.Grains.Mail;
using Civic.Grains.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Civic.Grains.Moderation;

/// <summary>
/// The reports and moderation of one idea or comment (keyed "tenant/kind:itemId"): its author, its box's
/// threshold, its live reports and hidden state, loaded on activation. Reports are its turns, one at a time, so the
/// report that reaches the threshold is the one that hides the item, and an item hides itself at most once.
/// </summary>
public sealed class ModerationGrain(ModerationStore store, AccountMail mail, DomainClock time, IOptions<QuotaOptions> quotas,
    ILogger<ModerationGrain> logger) : CivicGrain, IModerationGrain
{
    public const string AutoHiddenReason = "Hidden after reports by members, until a moderator looks at it.";

    private ReportedItem? _item;

    private (string Tenant, string Kind, string Id) Key
    {
        get
        {
            var (tenant, id) = GrainKeys.Split(this.GetPrimaryKeyString());
            var colon = id.IndexOf(':', StringComparison.Ordinal);
            return (tenant, id[..colon], id[(colon + 1)..]);
        }
    }

    protected override async Task ActivateAsync(CancellationToken cancellationToken) =>
        _item = await store.ItemAsync(Key.Tenant, Key.Kind, Key.Id);

    public async Task<ModerationView> ReportAsync(ReportReason reason, string text, Actor actor)
    {
        if (!actor.IsTenantRole || actor.Tenant != Key.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Members report content of their own tenant.");
        }

        var item = await ItemAsync();
        if (item.AuthorId == actor.UserId)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Members do not report their own content.");
        }

        // A hidden idea's discussion is for its author and moderators until it is restored: as it takes no comments
        // and no votes from others, it takes no reports from them either (asked at each report: another grain hides it).
        if (Key.Kind == ReportedItems.Comment && item.IdeaId.Length > 0 && await store.HiddenIdeaAuthorAsync(Key.Tenant, item.IdeaId) is { } ideaAuthor
            && ideaAuthor != actor.UserId && !actor.IsAtLeast(Role.Moderator))
        {
            throw new CivicException(ErrorCodes.Forbidden, "This idea is hidden by moderation: its comments take no reports until it is restored.");
        }

        if (text.Length > 0 || reason == ReportReason.Other)
        {
            TextRules.Require("The report's text", text, TextLimits.Reason);
        }

        var reports = item.Reports + 1;
        var autoHide = !item.AutoHidden && item.HiddenReason is null && reports >= item.ReportsToHide;
        var now = time.GetUtcNow();
        var notice = autoHide ? await NoticeAsync(item, ModerationAct.Hide, AutoHiddenReason) : null;
        var limit = quotas.Value.ReportsPerMemberPerDay;
        switch (await store.ReportAsync(Key.Tenant, Key.Kind, Key.Id, item.AuthorId, actor.UserId, reason, text, now, notice, AutoHiddenReason, limit))
        {
            case ReportOutcome.AlreadyReported:
                throw new CivicException(ErrorCodes.AlreadyExists, "You already reported this.");
            case ReportOutcome.OverQuota:
                throw new CivicException(ErrorCodes.QuotaExceeded, $"At most {limit} reports a day (quota ReportsPerMemberPerDay).");
        }

        _item = item with
        {
            Reports = reports,
            HiddenReason = autoHide ? AutoHiddenReason : item.HiddenReason,
            AutoHidden = item.AutoHidden || autoHide,
        };
        if (autoHide)
        {
            Live.LiveItems.Touched(GrainFactory, Key.Tenant, Key.Kind, Key.Id);
            logger.LogInformation("{Kind} {Item} of {Tenant} hidden after {Reports} reports", Key.Kind, Key.Id, Key.Tenant, reports);
        }

        return View();
    }

    public async Task<ModerationView> ModerateAsync(ModerationAct act, string reason, Actor actor)
    {
        if (!actor.IsAtLeast(Role.Moderator) || actor.Tenant != Key.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only moderators and admins moderate content.");
        }

        TextRules.Require("The reason", reason, TextLimits.Reason);
        var item = await ItemAsync();
        // Its author is told when what others see changes: hidden, or shown again (not for dismissed reports).
        var changes = act switch
        {
            ModerationAct.Hide => true,
            ModerationAct.Restore => item.HiddenReason is not null,
            _ => false,
        };
        var notice = changes ? await NoticeAsync(item, act, reason) : null;
        await store.ModerateAsync(Key.Tenant, Key.Kind, Key.Id, item.AuthorId, act, actor.UserId, reason, time.GetUtcNow(), notice);
        Live.LiveItems.Touched(GrainFactory, Key.Tenant, Key.Kind, Key.Id);
        _item = act switch
        {
            ModerationAct.Hide => item with { HiddenReason = reason },
            ModerationAct.Restore => item with { HiddenReason = null },
            _ => item with { Reports = 0 },
        };
        return View();
    }

    private async Task<AuthorNotice> NoticeAsync(ReportedItem item, ModerationAct act, string reason)
    {
        var link = await mail.LinkAsync(Key.Tenant, item.Path, token: null);
        return act == ModerationAct.Hide
            ? new AuthorNotice("content_hidden", MailKinds.ContentHidden, reason, link)
            : new AuthorNotice("content_restored", MailKinds.ContentRestored, reason, link);
    }

    private async Task<ReportedItem> ItemAsync() =>
        _item ??= await store.ItemAsync(Key.Tenant, Key.Kind, Key.Id) ?? throw new CivicException(ErrorCodes.NotFound, "Nothing to report with this id.");

    private ModerationView View() => new(Key.Kind, Key.Id, _item!.Reports, _item.HiddenReason is not null, _item.HiddenReason);
}
