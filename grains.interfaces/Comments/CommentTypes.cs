namespace Civic.Grains.Interfaces;

/// <summary>What a comment says of its item.</summary>
[GenerateSerializer, Alias("civic.comment-stance")]
public enum CommentStance
{
    Neutral = 0,
    For = 1,
    Against = 2,
}

/// <summary>A member's vote on a comment.</summary>
[GenerateSerializer, Alias("civic.comment-vote")]
public enum CommentVote
{
    Up = 1,
    Down = -1,
}

/// <summary>How a thread's level is paged.</summary>
[GenerateSerializer, Alias("civic.comment-order")]
public enum CommentOrder
{
    Newest = 0,

    /// <summary>Score (ups minus downs) first, then newest.</summary>
    Best = 1,
}

/// <summary>
/// What can be commented: ideas, campaigns and vote projects (a vote's options), each a kind of its own. The kind and
/// the item's id make the key of the grain that writes the item's comments.
/// </summary>
public static class CommentedItems
{
    public const string Idea = "idea";

    /// <summary>A published campaign (a draft, or one in review, takes none).</summary>
    public const string Campaign = "campaign";

    /// <summary>One option (project) of a vote that is open or closed: its item id is <see cref="VoteOptionId"/>.</summary>
    public const string VoteOption = "vote-option";

    /// <summary>The item id of a vote's option: option ids ("p1") are the vote's own, so the vote's id comes first.</summary>
    public static string VoteOptionId(string voteId, string optionId) => $"{voteId}:{optionId}";

    /// <summary>The vote and option of a <see cref="VoteOptionId"/>; null when it is not one.</summary>
    public static (string VoteId, string OptionId)? SplitVoteOptionId(string itemId)
    {
        var colon = itemId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < itemId.Length - 1 ? (itemId[..colon], itemId[(colon + 1)..]) : null;
    }

    /// <summary>The deepest level of a thread: a comment on the item is 1, a reply 2, a reply to a reply 3.</summary>
    public const int MaxDepth = 3;

    public static string GrainKey(string tenant, string kind, string itemId) => GrainKeys.Compound(tenant, $"{kind}:{itemId}");

    public static string ToSql(CommentStance stance) => stance switch
    {
        CommentStance.For => "for",
        CommentStance.Against => "against",
        _ => "neutral",
    };

    public static CommentStance StanceFromSql(string name) => name switch
    {
        "for" => CommentStance.For,
        "against" => CommentStance.Against,
        "neutral" => CommentStance.Neutral,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a stance."),
    };
}

/// <summary>A member comments on an item, or replies to a comment of it (<see cref="ParentId"/>).</summary>
[GenerateSerializer, Immutable, Alias("civic.post-comment")]
public sealed record PostComment(
    [property: Id(0)] string Body,
    [property: Id(1)] CommentStance Stance,
    [property: Id(2)] string? ParentId = null);

/// <summary>A comment as everyone reads it: a deleted one keeps its place, without its text.</summary>
[GenerateSerializer, Immutable, Alias("civic.comment-view")]
public sealed record CommentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ItemKind,
    [property: Id(2)] string ItemId,
    [property: Id(3)] string? ParentId,
    [property: Id(4)] int Depth,
    [property: Id(5)] string AuthorId,
    [property: Id(6)] CommentStance Stance,
    [property: Id(7)] string Body,
    [property: Id(8)] string BodyHtml,
    [property: Id(9)] int Version,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset? EditedAt,
    [property: Id(12)] DateTimeOffset? DeletedAt,
    [property: Id(13)] int Ups,
    [property: Id(14)] int Downs,
    [property: Id(15)] int Replies,
    [property: Id(16)] string? HiddenReason = null)
{
    /// <summary>Hidden by moderation (or by its reports): its text is shown to its author and moderators only.</summary>
    public bool Hidden => HiddenReason is not null;

    public bool Deleted => DeletedAt is not null;

    public int Score => Ups - Downs;
}

/// <summary>An earlier text of an edited comment.</summary>
[GenerateSerializer, Immutable, Alias("civic.comment-version")]
public sealed record CommentVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] string Body,
    [property: Id(2)] DateTimeOffset ReplacedAt);
