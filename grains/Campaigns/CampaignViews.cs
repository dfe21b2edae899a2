using Civic.Grains.Interfaces;

namespace Civic.Grains.Campaigns;

/// <summary>The read models of a campaign, as pure functions of its state and its one book.</summary>
public static class CampaignViews
{
    /// <summary>Every status change, oldest first, as the owner and the tenant's moderators read it.</summary>
    public static System.Collections.Immutable.ImmutableArray<CampaignStatusChange> History(CampaignState s) =>
        [.. s.History.Select(t => new CampaignStatusChange(t.From, t.To, t.By, t.At, t.Reason))];

    public static CampaignSummary Summary(CampaignState s, ContributionBook book, DateTimeOffset now)
    {
        // Ended by the clock but not yet recorded (reservations in flight, or an equity offer's reflection
        // periods): StatusAt reports the live outcome of the book.
        var status = CampaignRules.StatusAt(s, now, book.Raised);
        return new CampaignSummary(
            s.Id, s.Title, s.Description, status, s.Mode, s.Rule,
            new Money(s.Goal, s.Currency), new Money(book.Raised, s.Currency),
            book.Backers, book.Contributions, s.StartsAt, s.EndsAt,
            s.MinContribution, s.MaxContribution, s.OwnerId, s.CreatedAt,
            s.Category, [.. s.Rewards.Select(r => RewardView(s, book, r))], s.Loan, s.Equity, book.Mode.SharesRemaining, s.Matchfunding,
            s.AidToPeopleInDifficulty, s.MatchCall);
    }

    public static PledgeReceipt Receipt(CampaignState s, ContributionBook book, CampaignBook.KnownPledge pledge, bool replayed) => new(
        pledge.ContributionId,
        new Money(pledge.Amount, s.Currency),
        new Money(book.Raised, s.Currency),
        pledge.At,
        replayed,
        pledge.RewardId is null ? null : RewardView(s, book, s.Rewards.First(r => r.Id == pledge.RewardId)),
        Status: pledge.Status,
        FailureReason: pledge.FailureReason);

    public static CampaignReward RewardView(CampaignState s, ContributionBook book, Reward r) =>
        new(r.Id, r.Title, new Money(r.MinAmount, s.Currency), r.Stock, book.Mode.RewardsRemaining(r.Id));

    /// <summary>Listed and readable by anyone of the tenant: every status once the campaign left moderation.</summary>
    public static bool IsPublic(CampaignState s) => IsPublic(s.Status);

    /// <summary>The statuses of <see cref="IsPublic(CampaignState)"/> (the tenant feed tells when a campaign reaches one).</summary>
    public static bool IsPublic(CampaignStatus status) => status is not (CampaignStatus.Draft or CampaignStatus.Submitted
        or CampaignStatus.ChangesRequested or CampaignStatus.Rejected);

    public static bool CanSee(CampaignState s, Actor? viewer)
    {
        if (viewer is not null && viewer.Tenant != s.Tenant)
        {
            return false;
        }

        return IsPublic(s) || viewer is { IsTenantRole: true } && (viewer.UserId == s.OwnerId || viewer.IsAtLeast(Role.Moderator));
    }
}
