namespace Civic.Grains.Interfaces;

/// <summary>
/// The kind prefix of every id <see cref="GrainKeys.NewId"/> hands out ("cp_…"), and of the keys Civic derives
/// from an id for a payment provider ("rf_" + contribution id). The one place these letters are written.
/// </summary>
public static class IdPrefixes
{
    public const string Campaign = "cp";
    public const string Vote = "vt";
    public const string Contribution = "ct";
    public const string MatchCall = "mc";

    /// <summary>A member's personal data export (issue 10).</summary>
    public const string DataExport = "dx";
    public const string Ballot = "bl";
    public const string IdeaBox = "ib";
    public const string Idea = "ie";

    /// <summary>A comment on an idea (or, later, a campaign or a vote project).</summary>
    public const string Comment = "cm";

    /// <summary>A campaign owner's update to its backers (issue 13).</summary>
    public const string CampaignUpdate = "cu";

    /// <summary>A tenant account (issue 10): the subject of its tokens.</summary>
    public const string Account = "ac";

    /// <summary>The provider's idempotency key of a contribution's refund: "rf_" + the contribution id.</summary>
    public const string Refund = "rf";

    /// <summary>The provider's idempotency key of a campaign's payout: "po_" + the campaign id.</summary>
    public const string Payout = "po";

    /// <summary>A key derived from an existing id: "rf_ct_…".</summary>
    public static string Derived(string prefix, string id) => $"{prefix}_{id}";
}
