using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ReportReasonGraphType : EnumerationGraphType<ReportReason>
{
    public ReportReasonGraphType()
    {
        Name = "ReportReason";
        Description = "SPAM, OFFENSIVE, OFF_TOPIC, or OTHER (which needs a text).";
    }
}

public sealed class ModerationActGraphType : EnumerationGraphType<ModerationAct>
{
    public ModerationActGraphType()
    {
        Name = "ModerationAct";
        Description = "HIDE (with a reason), RESTORE, or DISMISS the live reports (the content stays as it is).";
    }
}

/// <summary>What can be reported.</summary>
public enum ReportedKind
{
    Idea = 0,
    Comment = 1,
}

public sealed class ReportedKindGraphType : EnumerationGraphType<ReportedKind>
{
    public ReportedKindGraphType() => Name = "ReportedKind";
}

/// <summary>What a notification is about: the member's idea or comment (moderation), or a campaign they backed (its updates).</summary>
public enum NotificationItemKind
{
    Idea = 0,
    Comment = 1,
    Campaign = 2,
}

public sealed class NotificationItemKindGraphType : EnumerationGraphType<NotificationItemKind>
{
    public NotificationItemKindGraphType() => Name = "NotificationItemKind";
}

public sealed class ModerationGraphType : ObjectGraphType<ModerationView>
{
    public ModerationGraphType()
    {
        Name = "Moderation";
        Description = "A reported item's state after a report or a moderator's act.";
        Field<NonNullGraphType<StringGraphType>>("itemKind").Resolve(c => c.Source.ItemKind);
        Field<NonNullGraphType<IdGraphType>>("itemId").Resolve(c => c.Source.ItemId);
        Field<NonNullGraphType<BooleanGraphType>>("hidden").Resolve(c => c.Source.Hidden);
    }
}

public sealed class ReportGraphType : ObjectGraphType<ReportRow>
{
    public ReportGraphType()
    {
        Name = "Report";
        Field<NonNullGraphType<StringGraphType>>("reporterId").Resolve(c => c.Source.ReporterId);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("spam, offensive, off_topic or other.").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(c => c.Source.Text);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("reportedAt").Resolve(c => c.Source.ReportedAt);
    }
}

public sealed class QueuedItemGraphType : ObjectGraphType<QueuedItem>
{
    public QueuedItemGraphType()
    {
        Name = "ModerationQueueItem";
        Field<NonNullGraphType<StringGraphType>>("itemKind").Description("idea or comment.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<IdGraphType>>("itemId").Resolve(c => c.Source.ItemId);
        Field<NonNullGraphType<StringGraphType>>("authorId").Resolve(c => c.Source.AuthorId);
        Field<NonNullGraphType<IntGraphType>>("reportCount").Description("Live reports (not dismissed).").Resolve(c => c.Source.Reports);
        Field<NonNullGraphType<BooleanGraphType>>("hidden").Resolve(c => c.Source.HiddenReason is not null);
        Field<StringGraphType>("hiddenReason").Resolve(c => c.Source.HiddenReason);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("lastReportedAt").Resolve(c => c.Source.LastReportedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportGraphType>>>>("reports").Description("The latest 10 live reports.")
            .Resolve(c => c.Source.Latest.ToArray());
        Field<StringGraphType>("title").Description("The idea's title; for a comment, the title of the idea it is on.").Resolve(c => c.Source.Title);
        Field<StringGraphType>("excerpt").Description("The first 280 characters of the reported text (Markdown); null for a deleted comment.").Resolve(c => c.Source.Excerpt);
        Field<IdGraphType>("ideaId").Description("The idea to open: the reported idea, or the one the comment is on.").Resolve(c => c.Source.IdeaId);
    }
}

/// <summary>What a member was told about their content.</summary>
public sealed class NotificationGraphType : ObjectGraphType<NotificationRow>
{
    public NotificationGraphType()
    {
        Name = "Notification";
        Field<NonNullGraphType<IdGraphType>>("id").Description("What markNotificationRead takes.")
            .Resolve(c => c.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("kind")
            .Description("content_hidden (by its reports or a moderator), content_restored, or campaign_update (a campaign the member backed has news: text is its title).")
            .Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<NotificationItemKindGraphType>>("itemKind").Resolve(c => c.Source.ItemKind switch
        {
            ReportedItems.Idea => NotificationItemKind.Idea,
            "campaign" => NotificationItemKind.Campaign,
            _ => NotificationItemKind.Comment,
        });
        Field<NonNullGraphType<IdGraphType>>("itemId").Resolve(c => c.Source.ItemId);
        Field<NonNullGraphType<StringGraphType>>("text").Description("The reason given; for campaign_update, the update's title.").Resolve(c => c.Source.Text);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<BooleanGraphType>>("read").Description("Marked read by markNotificationRead or markAllNotificationsRead.").Resolve(c => c.Source.ReadAt is not null);
        Field<DateTimeOffsetGraphType>("readAt").Description("When it was first marked read; null while unread.").Resolve(c => c.Source.ReadAt);
    }
}
