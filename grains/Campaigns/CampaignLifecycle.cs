using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The campaign's one state machine, pure:
/// <c>DRAFT → SUBMITTED → (CHANGES_REQUESTED ↔ SUBMITTED) → APPROVED → LIVE → SUCCEEDED | FAILED →
/// PAID_OUT | REFUNDED</c>, plus <c>REJECTED</c> from SUBMITTED and an admin's DRAFT → APPROVED (publish).
/// Each method checks who may act, and answers the transition to record (from, to, by, at, reason); it
/// changes nothing itself. The grain records no status change that does not come from here.
/// </summary>
/// <remarks>
/// Who does what: the owner submits (from DRAFT) and resubmits (from CHANGES_REQUESTED); a moderator
/// or tenant admin of the campaign's tenant requests changes, approves or rejects, a non-blank
/// reason being required to request changes or to reject; a moderator may not moderate a campaign
/// they own (an admin may: the tenant's own projects). Platform operators do none of these. The clock
/// opens (APPROVED → LIVE at the start) and closes (LIVE → SUCCEEDED | FAILED at the end); payout and
/// refund are done by the system or a tenant admin. Clock transitions are dated at the scheduled
/// instant, not when the grain noticed, and recorded as by <see cref="ClockActor"/>.
/// </remarks>
public static class CampaignLifecycle
{
    /// <summary>The clock's moves (open, close), named as <c>Votes/</c> names its clock: <see cref="SystemActors.Clock"/>.</summary>
    public const string ClockActor = SystemActors.Clock;

    /// <summary>The settlement's moves (payout, refund) when no admin makes them.</summary>
    public const string SystemActor = SystemActors.Clock;
    public static readonly int MaxReasonLength = TextLimits.Reason.MaxLength;

    /// <summary>The campaign as the rules need it.</summary>
    public readonly record struct Subject(string Tenant, string OwnerId, CampaignStatus Status);

    private static readonly ImmutableDictionary<(CampaignStatus, LifecycleAction), CampaignStatus> Edges =
        new Dictionary<(CampaignStatus, LifecycleAction), CampaignStatus>
        {
            [(CampaignStatus.Draft, LifecycleAction.Submit)] = CampaignStatus.Submitted,
            [(CampaignStatus.ChangesRequested, LifecycleAction.Submit)] = CampaignStatus.Submitted,
            [(CampaignStatus.Submitted, LifecycleAction.RequestChanges)] = CampaignStatus.ChangesRequested,
            [(CampaignStatus.Submitted, LifecycleAction.Approve)] = CampaignStatus.Approved,
            [(CampaignStatus.Submitted, LifecycleAction.Reject)] = CampaignStatus.Rejected,
            [(CampaignStatus.Draft, LifecycleAction.Publish)] = CampaignStatus.Approved,
            [(CampaignStatus.Approved, LifecycleAction.Open)] = CampaignStatus.Live,
            [(CampaignStatus.Succeeded, LifecycleAction.PayOut)] = CampaignStatus.PaidOut,
            [(CampaignStatus.Failed, LifecycleAction.Refund)] = CampaignStatus.Refunded,
        }.ToImmutableDictionary();

    /// <summary>Whether <paramref name="action"/> is allowed from <paramref name="from"/>, regardless of who acts.</summary>
    public static bool CanMove(CampaignStatus from, LifecycleAction action) =>
        action == LifecycleAction.Close ? from == CampaignStatus.Live : Edges.ContainsKey((from, action));

    public static CampaignTransition Submit(Subject c, Actor actor, DateTimeOffset at)
    {
        EnsureTenant(c, actor);
        if (actor.UserId != c.OwnerId)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the project owner can submit the campaign.");
        }

        return Move(c.Status, LifecycleAction.Submit, actor.UserId, at, null);
    }

    /// <summary>A tenant admin publishes a draft directly: DRAFT → APPROVED (the clock then opens it at its start).</summary>
    public static CampaignTransition Publish(Subject c, Actor actor, DateTimeOffset at)
    {
        EnsureTenant(c, actor);
        if (!actor.IsAtLeast(Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin can publish a campaign.");
        }

        return Move(c.Status, LifecycleAction.Publish, actor.UserId, at, "published");
    }

    /// <summary>Whether <paramref name="from"/> → <paramref name="to"/> is an edge of the lifecycle (by anyone).</summary>
    public static bool IsEdge(CampaignStatus from, CampaignStatus to) =>
        Edges.Any(e => e.Key.Item1 == from && e.Value == to)
        || from == CampaignStatus.Live && to is CampaignStatus.Succeeded or CampaignStatus.Failed;

    public static CampaignTransition RequestChanges(Subject c, Actor actor, string reason, DateTimeOffset at) =>
        Moderate(c, actor, LifecycleAction.RequestChanges, RequireReason(reason), at);

    public static CampaignTransition Approve(Subject c, Actor actor, DateTimeOffset at, string? note = null) =>
        Moderate(c, actor, LifecycleAction.Approve, OptionalReason(note), at);

    public static CampaignTransition Reject(Subject c, Actor actor, string reason, DateTimeOffset at) =>
        Moderate(c, actor, LifecycleAction.Reject, RequireReason(reason), at);

    /// <summary>
    /// What the clock does by <paramref name="now"/>: nothing, APPROVED → LIVE at
    /// <paramref name="startsAt"/>, LIVE → outcome at <paramref name="endsAt"/>, or both in order when
    /// the grain wakes after the end of a campaign it never opened. The outcome is
    /// <see cref="CampaignRules.Outcome"/> of the committed <paramref name="raised"/> amount. Each move is
    /// dated at the instant it was due, never before <paramref name="notBefore"/> (the last recorded
    /// move: a campaign approved after its start opens at its approval).
    /// </summary>
    public static ImmutableArray<CampaignTransition> Tick(
        CampaignStatus status, DateTimeOffset startsAt, DateTimeOffset endsAt,
        FundingRule rule, long goal, long raised, DateTimeOffset now, DateTimeOffset notBefore = default)
    {
        var moves = ImmutableArray.CreateBuilder<CampaignTransition>();
        if (status == CampaignStatus.Approved && now >= startsAt)
        {
            var at = startsAt > notBefore ? startsAt : notBefore;
            moves.Add(Move(status, LifecycleAction.Open, ClockActor, at, "start date reached"));
            status = CampaignStatus.Live;
            notBefore = at;
        }

        if (status == CampaignStatus.Live && now >= endsAt)
        {
            var outcome = CampaignRules.Outcome(rule, goal, raised);
            moves.Add(new CampaignTransition(status, outcome, ClockActor, endsAt > notBefore ? endsAt : notBefore, "end date reached"));
        }

        return moves.ToImmutable();
    }

    /// <summary>SUCCEEDED → PAID_OUT, by the system (<paramref name="actor"/> null) or a tenant admin.</summary>
    public static CampaignTransition PayOut(Subject c, Actor? actor, DateTimeOffset at) =>
        Settle(c, actor, LifecycleAction.PayOut, at);

    /// <summary>FAILED → REFUNDED, by the system (<paramref name="actor"/> null) or a tenant admin.</summary>
    public static CampaignTransition Refund(Subject c, Actor? actor, DateTimeOffset at) =>
        Settle(c, actor, LifecycleAction.Refund, at);

    private static CampaignTransition Settle(Subject c, Actor? actor, LifecycleAction action, DateTimeOffset at)
    {
        if (actor is not null)
        {
            EnsureTenant(c, actor);
            if (actor.Role != Role.Admin)
            {
                throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin or the system settles a campaign.");
            }
        }

        return Move(c.Status, action, actor?.UserId ?? SystemActor, at, null);
    }

    private static CampaignTransition Moderate(Subject c, Actor actor, LifecycleAction action, string? reason, DateTimeOffset at)
    {
        EnsureTenant(c, actor);
        if (actor.Role is not (Role.Moderator or Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a moderator or a tenant admin can moderate a campaign.");
        }

        if (actor.Role == Role.Moderator && actor.UserId == c.OwnerId)
        {
            throw new CivicException(ErrorCodes.Forbidden, "A moderator cannot moderate their own campaign.");
        }

        return Move(c.Status, action, actor.UserId, at, reason);
    }

    private static CampaignTransition Move(CampaignStatus from, LifecycleAction action, string by, DateTimeOffset at, string? reason)
    {
        if (!Edges.TryGetValue((from, action), out var to))
        {
            throw new CivicException(ErrorCodes.InvalidTransition, $"A {from} campaign cannot {action}.");
        }

        return new CampaignTransition(from, to, by, at, reason);
    }

    private static void EnsureTenant(Subject c, Actor actor)
    {
        if (actor.Tenant != c.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "This campaign belongs to another tenant.");
        }
    }

    private static string RequireReason(string? reason) =>
        OptionalReason(reason) ?? throw new CivicException(ErrorCodes.Validation, "A reason is required.");

    private static string? OptionalReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }

        var trimmed = reason.Trim();
        TextRules.Require("The reason", trimmed, TextLimits.Reason);
        return trimmed.Length <= MaxReasonLength
            ? trimmed
            : throw new CivicException(ErrorCodes.Validation, $"The reason must be at most {MaxReasonLength} characters.");
    }
}

/// <summary>Checks a campaign's category against the tenant's own list.</summary>
public static class CampaignCategories
{
    public static void Validate(CampaignCategoryRef category, IReadOnlyCollection<string> tenantCategories)
    {
        if (!Enum.IsDefined(category.Kind))
        {
            throw new CivicException(ErrorCodes.Validation, "Unknown category.");
        }

        if (category.Kind == CampaignCategory.TenantDefined)
        {
            if (string.IsNullOrWhiteSpace(category.Custom) || !tenantCategories.Contains(category.Custom, StringComparer.Ordinal))
            {
                throw new CivicException(ErrorCodes.Validation, "The category is not one the tenant declared.");
            }
        }
        else if (category.Custom is not null)
        {
            throw new CivicException(ErrorCodes.Validation, "A built-in category takes no custom name.");
        }
    }
}
