using Civic.Grains.Interfaces;

namespace Civic.Grains.Campaigns;

/// <summary>The campaign's rules, as plain functions of its state: no I/O, testable without a cluster.</summary>
public static class CampaignRules
{
    /// <summary>Who sees a campaign's status changes: its owner and the tenant's moderators and admins.</summary>
    public static bool CanSeeHistory(Actor? viewer, string tenant, string ownerId) =>
        viewer is { IsTenantRole: true } && viewer.Tenant == tenant && (viewer.UserId == ownerId || viewer.IsAtLeast(Role.Moderator));

    public static readonly int MaxTitleLength = TextLimits.Title.MaxLength;
    public static readonly int MaxDescriptionLength = TextLimits.Description.MaxLength;

    /// <summary>A ceiling on any single amount: 10 million in major units.</summary>
    public const long MaxAmount = 1_000_000_000;

    /// <summary>What a creation leaves out: an empty description; a campaign joining a match call is matchfunded.</summary>
    public static CreateCampaign WithDefaults(CreateCampaign c) => c with
    {
        Description = c.Description ?? "",
        Matchfunding = c.Matchfunding || c.MatchCall is not null,
    };

    /// <param name="tenantCategories">The codes of the categories the campaign's tenant declared.</param>
    public static void ValidateCreate(CreateCampaign c, Actor actor, DateTimeOffset now, IReadOnlyCollection<string>? tenantCategories = null)
    {
        if (!actor.IsAtLeast(Role.Member))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a member of the tenant owns a campaign: platform operators do not.");
        }

        TextRules.Require("The title", c.Title, TextLimits.Title);
        TextRules.Require("The description", c.Description, TextLimits.Description);
        TextRules.Optional("The match call id", c.MatchCall, TextLimits.Id);
        TextRules.Optional("The custom category", c.Category?.Custom, TextLimits.Id);
        TextRules.Optional("The offer's KIIS reference", c.Equity?.KiisDocumentRef, TextLimits.Url);
        ValidateMode(c);
        Require(!c.Matchfunding || c.Mode == FinancingMode.Donation, "Only donation campaigns can be matched by the tenant.");
        Require(!c.AidToPeopleInDifficulty || c.Mode == FinancingMode.Donation,
            "Only donation campaigns can be for aid to people in difficulty (it sets their tax receipts' rate).");
        Require(Currencies.IsValid(c.Goal.Currency), "The currency must be an ISO 4217 code such as EUR.");
        Require(c.Goal.Amount > 0 && c.Goal.Amount <= MaxAmount, "The goal must be a positive amount in cents.");
        Require(c.MinContribution >= 1, "The minimum contribution must be at least 1 cent.");
        Require(c.MaxContribution >= c.MinContribution && c.MaxContribution <= MaxAmount,
            "The maximum contribution must be at least the minimum.");
        Require(c.EndsAt > StartOf(c, now), "The campaign must end after it starts.");
        Require(c.EndsAt > now, "The campaign must end in the future.");

        if (c.Category is not null)
        {
            CampaignCategories.Validate(c.Category, tenantCategories ?? []);
        }

        var rewards = c.Rewards.IsDefault ? [] : c.Rewards;
        TextRules.RequireCount("rewards", rewards.Length, MaxRewards);
        foreach (var r in rewards)
        {
            TextRules.Require("A reward's title", r.Title, TextLimits.Title);
            Require(r.MinAmount >= c.MinContribution && r.MinAmount <= c.MaxContribution,
                "A reward's minimum amount must lie between the campaign's minimum and maximum contribution.");
            Require(r.Stock is null or >= 0, "A reward's stock must be zero or more (or unlimited).");
        }
    }

    public const int MaxRewards = ListLimits.CampaignRewards;

    /// <summary>
    /// Loan campaigns carry loan terms, equity campaigns an equity offer (whose minimum raise is the goal);
    /// rewards are for donations only.
    /// </summary>
    private static void ValidateMode(CreateCampaign c)
    {
        var hasRewards = !c.Rewards.IsDefaultOrEmpty;
        switch (c.Mode)
        {
            case FinancingMode.Donation:
                Require(c.Loan is null && c.Equity is null, "A donation campaign has neither loan terms nor an equity offer.");
                break;
            case FinancingMode.Loan:
                Require(c.Loan is not null, "A loan campaign needs its loan terms.");
                Require(c.Equity is null && !hasRewards, "A loan campaign has neither an equity offer nor rewards.");
                _ = LoanSchedule.Annuity(100, c.Loan!.AnnualRateBasisPoints, c.Loan.TermMonths); // rate and term checks
                Require(c.Loan.FirstRepaymentOn > DateOnly.FromDateTime(c.EndsAt.UtcDateTime),
                    "The first repayment must fall after the campaign ends.");
                break;
            case FinancingMode.Equity:
                Require(c.Equity is not null, "An equity campaign needs its equity offer.");
                Require(c.Loan is null && !hasRewards, "An equity campaign has neither loan terms nor rewards.");
                EquityRules.ValidateOffer(c.Equity! with { Currency = c.Goal.Currency });
                Require(c.Goal.Amount == c.Equity!.MinRaise, "The goal of an equity campaign is its minimum raise.");
                break;
            default:
                Require(false, "Unknown financing mode.");
                break;
        }
    }

    /// <summary>The rewards of a validated command, numbered r1, r2... in the order given.</summary>
    public static List<Reward> NumberRewards(CreateCampaign c)
    {
        var rewards = (c.Rewards.IsDefault ? [] : c.Rewards)
            .Select((r, i) => new Reward($"r{i + 1}", r.Title.Trim(), r.MinAmount, r.Stock))
            .ToList();
        _ = new RewardStock(rewards); // the stock's own checks
        return rewards;
    }

    /// <summary>A campaign whose end has passed cannot be approved or published.</summary>
    public static void EnsureNotEnded(CampaignState s, DateTimeOffset now)
    {
        if (s.EndsAt <= now)
        {
            throw new CivicException(ErrorCodes.CampaignClosed, "The campaign's end date has passed.");
        }
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

    /// <summary>
    /// Who may flag a campaign as aid to people in difficulty after its creation, and until when: a
    /// moderator or admin of its tenant (a moderator not on their own campaign), on a donation campaign,
    /// until it is live (DRAFT, SUBMITTED, CHANGES_REQUESTED, or APPROVED before its start).
    /// </summary>
    public static void EnsureCanSetAidFlag(CampaignState s, Actor actor, DateTimeOffset now)
    {
        if (actor.Tenant != s.Tenant || actor.Role is not (Role.Moderator or Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a moderator or a tenant admin flags a campaign as aid to people in difficulty.");
        }

        if (actor.Role == Role.Moderator && actor.UserId == s.OwnerId)
        {
            throw new CivicException(ErrorCodes.Forbidden, "A moderator cannot flag their own campaign.");
        }

        Require(s.Mode == FinancingMode.Donation, "Only donation campaigns can be for aid to people in difficulty.");
        if (StatusAt(s, now, raised: 0) is not (CampaignStatus.Draft or CampaignStatus.Submitted or CampaignStatus.ChangesRequested or CampaignStatus.Approved))
        {
            throw new CivicException(ErrorCodes.InvalidTransition,
                "The aid to people in difficulty flag can only change before the campaign is live.");
        }
    }

    /// <summary>
    /// The status the campaign has at <paramref name="now"/> by the clock alone: past its end, the outcome of
    /// <paramref name="raised"/> (the live book's, the one source of raised money), even before the clock records it.
    /// </summary>
    public static CampaignStatus StatusAt(CampaignState s, DateTimeOffset now, long raised) => s.Status switch
    {
        CampaignStatus.Approved when now >= s.StartsAt && now < s.EndsAt => CampaignStatus.Live,
        CampaignStatus.Approved or CampaignStatus.Live when now >= s.EndsAt => Outcome(s.Rule, s.Goal, raised),
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

        TextRules.Require("The idempotency key", p.IdempotencyKey, TextLimits.IdempotencyKey);
        TextRules.Optional("The payment token", p.PaymentToken, TextLimits.PaymentToken);
        TextRules.Optional("The reward id", p.RewardId, TextLimits.Id);
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

    /// <summary>When a new campaign starts: the date asked, or the instant it is created (<paramref name="now"/>, on the grain's clock).</summary>
    public static DateTimeOffset StartOf(CreateCampaign c, DateTimeOffset now) => c.StartsAt ?? now;

    /// <summary>A new campaign's settings, from a validated creation command; DRAFT, with its first history line.</summary>
    public static void Apply(CampaignState s, CreateCampaign command, string tenant, string id, Actor actor, List<Reward> rewards, DateTimeOffset now)
    {
        s.Tenant = tenant;
        s.Id = id;
        s.Title = command.Title.Trim();
        s.Description = command.Description!;
        s.Mode = command.Mode;
        s.Rule = command.Rule;
        s.Goal = command.Goal.Amount;
        s.Currency = command.Goal.Currency;
        s.StartsAt = StartOf(command, now);
        s.EndsAt = command.EndsAt;
        s.MinContribution = command.MinContribution;
        s.MaxContribution = command.MaxContribution;
        s.OwnerId = actor.UserId;
        s.Category = command.Category;
        s.Rewards = rewards;
        s.Loan = command.Mode == FinancingMode.Loan ? command.Loan : null;
        s.Equity = command.Mode == FinancingMode.Equity ? command.Equity! with { Currency = command.Goal.Currency } : null;
        s.Matchfunding = command.Matchfunding;
        s.AidToPeopleInDifficulty = command.AidToPeopleInDifficulty;
        s.MatchCall = command.MatchCall;
        s.CreatedAt = now;
        s.Status = CampaignStatus.Draft;
        s.History.Add(new CampaignTransition(CampaignStatus.Draft, CampaignStatus.Draft, actor.UserId, now, "created"));
    }

    /// <summary>A key used again must carry the same request: the same amount and the same reward.</summary>
    public static void EnsureSameRequest(long amount, string? rewardId, Pledge command)
    {
        if (amount != command.Amount)
        {
            throw new CivicException(ErrorCodes.IdempotencyKeyReused,
                "This idempotency key was already used with a different amount.");
        }

        if (rewardId != command.RewardId)
        {
            throw new CivicException(ErrorCodes.IdempotencyKeyReused,
                "This idempotency key was already used with a different reward.");
        }
    }

    /// <summary>Refunded or paid out (or being paid out): money confirmed from now on goes back to its backer.</summary>
    public static bool IsSettledForGood(CampaignState s) => s.Status is CampaignStatus.Failed or CampaignStatus.Refunded || s.PayoutAmount is not null;

    /// <summary>Equity (revocations) and ended campaigns (refunds) rebuild from the whole ledger, not from a snapshot.</summary>
    public static bool ReplaysWholeLedger(CampaignState s) => s.Mode == FinancingMode.Equity
        || s.Status is CampaignStatus.Succeeded or CampaignStatus.Failed or CampaignStatus.PaidOut or CampaignStatus.Refunded;
}
