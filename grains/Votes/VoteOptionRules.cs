using Civic.Grains.Interfaces;

namespace Civic.Grains.Votes;

/// <summary>
/// Adding an option to a vote that has not opened (an accepted idea becoming a project): moderators and admins of the
/// vote's tenant, a draft vote only, the option's text, cost and district by the same bounds as at creation. An option
/// carrying an external id the vote already has is that option (asking again adds nothing).
/// </summary>
public static class VoteOptionRules
{
    /// <summary>The option of the vote with this external id, if any: the answer to a repeated request.</summary>
    public static VoteOptionConfig? Existing(VoteState s, VoteOptionInput option) =>
        option.ExternalId is { } external ? s.Options.Find(o => o.ExternalId == external) : null;

    /// <summary>Only the tenant's moderators and admins add options (FORBIDDEN), asked before anything else.</summary>
    public static void RequireModerator(VoteState s, Actor actor)
    {
        if (!actor.IsAtLeast(Role.Moderator) || actor.Tenant != s.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the tenant's moderators and admins add options to a vote.");
        }
    }

    /// <summary>The new option's configuration (VOTE_STARTED or VALIDATION when it cannot be added).</summary>
    public static VoteOptionConfig New(VoteState s, VoteOptionInput option, DateTimeOffset now)
    {
        if (s.Status != VoteStatus.Draft || VoteRules.StatusAt(s, now) != VoteStatus.Draft)
        {
            throw new CivicException(ErrorCodes.VoteStarted, "Options are added only to a vote that has not opened yet.");
        }

        TextRules.Require("An option's title", option.Title, TextLimits.OptionTitle);
        TextRules.Optional("An option's externalId", option.ExternalId, TextLimits.ExternalId);
        TextRules.Optional("An option's district", option.District, TextLimits.District);
        Require(option.Cost is >= 0 and <= Campaigns.CampaignRules.MaxAmount * 100, "An option's cost is zero or a positive amount in cents.");
        Require(s.Options.Count < VoteRules.MaxOptions, $"A vote has at most {VoteRules.MaxOptions} options.");
        if (s.HasDistricts)
        {
            Require(option.District is { } d && s.Districts.Any(x => x.Name == d), "The vote has districts: name the one the option belongs to.");
        }
        else
        {
            Require(option.District is null, "The vote has no districts: the option names none.");
        }

        return new VoteOptionConfig($"p{s.Options.Count + 1}", option.Title.Trim(), option.Cost, option.District, option.ExternalId);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CivicException(ErrorCodes.Validation, message);
        }
    }
}
