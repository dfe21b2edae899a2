using Civic.Grains.Interfaces;

namespace Civic.Grains.Campaigns;

/// <summary>The campaign's rules, as plain functions of its state: no I/O, testable without a cluster.</summary>
public static class CampaignRules
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 20_000;

    /// <summary>A ceiling on any single amount: 10 million in major units.</summary>
    public const long MaxAmount = 1_000_000_000;

    public static void ValidateCreate(CreateCampaign c, Actor actor, DateTimeOffset now)
    {
        if (actor.Role == Role.Operator)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Platform operators do not own campaigns.");
        }

        Require(!string.IsNullOrWhiteSpace(c.Title) && c.Title.Length <= MaxTitleLength,
            $"The title must be 1 to {MaxTitleLength} characters.");
        Require(c.Description.Length <= MaxDescriptionLength,
            $"The description must be at most {MaxDescriptionLength} characters.");
        Require(c.Mode == FinancingMode.Donation, "Only donation campaigns are available yet.");
        Require(Currencies.IsValid(c.Goal.Currency), "The currency must be an ISO 4217 code such as EUR.");
        Require(c.Goal.Amount > 0 && c.Goal.Amount <= MaxAmount, "The goal must be a positive amount in cents.");
        Require(c.MinContribution >= 1, "The minimum contribution must be at least 1 cent.");
        Require(c.MaxContribution >= c.MinContribution && c.MaxContribution <= MaxAmount,
            "The maximum contribution must be at least the minimum.");
        Require(c.EndsAt > c.StartsAt, "The campaign must end after it starts.");
        Require(c.EndsAt > now, "The campaign must end in the future.");
    }

    public static void EnsureCanPublish(CampaignState s, Actor actor, DateTimeOffset now)
    {
        if (!actor.IsAtLeast(Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin can publish a campaign.");
        }

        if (s.Status is not (CampaignStatus.Draft or CampaignStatus.Approved))
        {
            throw new CivicException(ErrorCodes.InvalidTransition, $"A {s.Status} campaign cannot be published.");
        }

        if (s.EndsAt <= now)
        {
            throw new CivicException(ErrorCodes.CampaignClosed, "The campaign's end date has passed.");
        }
    }

    /// <summary>The status the campaign has at <paramref name="now"/> by the clock alone.</summary>
    public static CampaignStatus StatusAt(CampaignState s, DateTimeOffset now) => s.Status switch
    {
        CampaignStatus.Approved when now >= s.StartsAt && now < s.EndsAt => CampaignStatus.Live,
        CampaignStatus.Approved or CampaignStatus.Live when now >= s.EndsAt => Outcome(s.Rule, s.Goal, s.Snapshot.Raised),
        _ => s.Status,
    };

    public static CampaignStatus Outcome(FundingRule rule, long goal, long raised) => rule switch
    {
        FundingRule.AllOrNothing => raised >= goal ? CampaignStatus.Succeeded : CampaignStatus.Failed,
        _ => raised > 0 ? CampaignStatus.Succeeded : CampaignStatus.Failed,
    };

    public static void ValidatePledge(CampaignState s, CampaignStatus status, Pledge p, DateTimeOffset now)
    {
        if (p.Backer.Tenant != s.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "This campaign belongs to another tenant.");
        }

        Require(!string.IsNullOrWhiteSpace(p.IdempotencyKey) && p.IdempotencyKey.Length <= 128,
            "The idempotency key must be 1 to 128 characters.");
        if (status != CampaignStatus.Live || now >= s.EndsAt)
        {
            throw status is CampaignStatus.Succeeded or CampaignStatus.Failed or CampaignStatus.PaidOut
                or CampaignStatus.Refunded || now >= s.EndsAt
                ? new CivicException(ErrorCodes.CampaignClosed, "The campaign has ended.")
                : new CivicException(ErrorCodes.CampaignNotLive, "The campaign is not open for contributions.");
        }

        if (p.Amount < s.MinContribution)
        {
            throw new CivicException(ErrorCodes.AmountTooLow,
                $"The minimum contribution is {s.MinContribution} cents.");
        }

        if (p.Amount > s.MaxContribution)
        {
            throw new CivicException(ErrorCodes.AmountTooHigh,
                $"The maximum contribution is {s.MaxContribution} cents.");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CivicException(ErrorCodes.Validation, message);
        }
    }
}
