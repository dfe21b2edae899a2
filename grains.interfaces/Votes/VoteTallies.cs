namespace Civic.Grains.Interfaces;

/// <summary>
/// When a vote shows its per-option counts (each option's votes and score): once it is closed, and while it is open
/// only when it was created with live tallies (off by default: a live tally can reveal a single voter's choice).
/// The same for every caller, staff included; the API applies it to <c>vote(id)</c>'s options, an idea's
/// <c>voteOption</c> and <c>voteUpdated</c>'s tallies.
/// </summary>
public static class VoteTallies
{
    public static bool Shown(VoteStatus status, bool liveTallies) => liveTallies || status == VoteStatus.Closed;

    public static bool Shown(VoteSummary vote) => Shown(vote.Status, vote.LiveTallies);
}
