using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;

namespace Civic.Grains.CampaignUpdates;

/// <summary>
/// Who may write a campaign's updates, and what an update may hold: plain checks, no I/O. The campaign's owner posts,
/// once the campaign is public (approved, live or ended: an owner tells backers what became of the money after the end
/// too); the author edits; the author or a moderator deletes (an abusive update). Every refusal throws before anything
/// is written.
/// </summary>
public static class CampaignUpdateRules
{
    /// <summary>A member, moderator or admin of the campaign's tenant; the platform operator is none.</summary>
    public static void RequireMember(Actor actor, string tenant)
    {
        if (!actor.IsTenantRole || actor.Tenant != tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Campaign updates are written by members of the campaign's tenant.");
        }
    }

    /// <summary>
    /// The campaign as the caller sees it (null: none, or one the caller may not see, NOT_FOUND): its owner, and only
    /// once it is public.
    /// </summary>
    public static void RequireMayPost(CampaignSummary? campaign, Actor actor)
    {
        if (campaign is null)
        {
            throw new CivicException(ErrorCodes.NotFound, "No such campaign.");
        }

        if (campaign.OwnerId != actor.UserId)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the campaign's owner posts its updates.");
        }

        if (!CampaignViews.IsPublic(campaign.Status))
        {
            throw new CivicException(ErrorCodes.CampaignNotPublic,
                $"The campaign is {campaign.Status}: its owner posts updates once it is published.");
        }
    }

    /// <summary>The title (one line, 1 to 150 characters) and the text (1 to 10,000 characters), each with its own code.</summary>
    public static void RequireText(WriteCampaignUpdate update)
    {
        if (TextRules.Problem(update.Title, TextLimits.CampaignUpdateTitle) is { } title)
        {
            throw new CivicException(ErrorCodes.CampaignUpdateTitleInvalid, $"The update's title {title}.");
        }

        if (TextRules.Problem(update.Body, TextLimits.CampaignUpdateBody) is { } body)
        {
            throw new CivicException(ErrorCodes.CampaignUpdateBodyInvalid, $"The update's text {body}.");
        }
    }

    /// <summary>QUOTA_EXCEEDED once the campaign has <paramref name="limit"/> updates of the day.</summary>
    public static void RequireUnderQuota(int today, int limit)
    {
        if (today >= limit)
        {
            throw new CivicException(ErrorCodes.QuotaExceeded,
                $"At most {limit} updates a day on one campaign (quota CampaignUpdatesPerCampaignPerDay).");
        }
    }

    /// <summary>The author rewrites an update that is not deleted.</summary>
    public static void RequireMayEdit(CampaignUpdateView update, Actor actor)
    {
        if (actor.UserId != update.AuthorId)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the update's author may edit it.");
        }

        if (update.Deleted)
        {
            throw new CivicException(ErrorCodes.InvalidTransition, "A deleted update cannot be edited.");
        }
    }

    /// <summary>The author, or a moderator or admin of the tenant.</summary>
    public static void RequireMayDelete(CampaignUpdateView update, Actor actor)
    {
        if (actor.UserId != update.AuthorId && !actor.IsAtLeast(Role.Moderator))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the update's author or a moderator may delete it.");
        }
    }
}
