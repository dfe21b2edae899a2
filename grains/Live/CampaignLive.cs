using Civic.Grains.Interfaces;

namespace Civic.Grains.Live;

/// <summary>The figures of a campaign that subscribers watch: a summary is sent again only when one of them moved.</summary>
internal static class CampaignLive
{
    public static bool Same(CampaignSummary a, CampaignSummary b) =>
        a.Status == b.Status && a.Raised == b.Raised && a.Backers == b.Backers && a.Contributions == b.Contributions
        && a.SharesRemaining == b.SharesRemaining && a.Matched == b.Matched && RewardsLeft(a).SequenceEqual(RewardsLeft(b));

    private static IEnumerable<(string, long?)> RewardsLeft(CampaignSummary s) =>
        s.Rewards.IsDefault ? [] : s.Rewards.Select(r => (r.Id, (long?)r.Remaining));
}
