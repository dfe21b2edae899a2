namespace Civic.Grains.Interfaces;

/// <summary>Why a member reports content.</summary>
[GenerateSerializer, Alias("civic.report-reason")]
public enum ReportReason
{
    Spam = 0,
    Offensive = 1,
    OffTopic = 2,
    Other = 3,
}

/// <summary>What a moderator does with reported content.</summary>
[GenerateSerializer, Alias("civic.moderation-act")]
public enum ModerationAct
{
    Hide = 0,
    Restore = 1,

    /// <summary>The reports are set aside (they no longer count); the content stays as it is.</summary>
    Dismiss = 2,
}

/// <summary>The kinds of content members report, and the SQL names of reasons.</summary>
public static class ReportedItems
{
    public const string Idea = "idea";
    public const string Comment = "comment";

    /// <summary>A box's ReportsToHide when it names none.</summary>
    public const int DefaultReportsToHide = 3;

    public static string GrainKey(string tenant, string kind, string itemId) => GrainKeys.Compound(tenant, $"{kind}:{itemId}");

    public static string ToSql(ReportReason reason) => reason switch
    {
        ReportReason.Spam => "spam",
        ReportReason.Offensive => "offensive",
        ReportReason.OffTopic => "off_topic",
        _ => "other",
    };
}

/// <summary>A reported item's moderation: its live reports and whether it is hidden.</summary>
[GenerateSerializer, Immutable, Alias("civic.moderation-view")]
public sealed record ModerationView(
    [property: Id(0)] string ItemKind,
    [property: Id(1)] string ItemId,
    [property: Id(2)] int Reports,
    [property: Id(3)] bool Hidden,
    [property: Id(4)] string? HiddenReason);
