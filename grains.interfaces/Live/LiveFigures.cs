using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// The figures of an idea that move (supports, state, comments, hidden). The title is carried so that the API
/// can show it to those the idea(id) query shows it to (everyone, unless the idea is hidden: then its author
/// and the tenant's moderators only).
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.idea-live")]
public sealed record IdeaLive(
    [property: Id(0)] string Id,
    [property: Id(1)] string BoxId,
    [property: Id(2)] string AuthorId,
    [property: Id(3)] string Title,
    [property: Id(4)] IdeaState State,
    [property: Id(5)] int Supports,
    [property: Id(6)] int Comments,
    [property: Id(7)] bool Hidden);

/// <summary>The figures of an idea box that move: whether it is open, its ideas (withdrawn ones apart) and the newest one.</summary>
[GenerateSerializer, Immutable, Alias("civic.idea-box-live")]
public sealed record IdeaBoxLive(
    [property: Id(0)] string Id,
    [property: Id(1)] bool IsOpen,
    [property: Id(2)] int Ideas,
    [property: Id(3)] string? NewestIdeaId);

/// <summary>What happened in a tenant that its feed tells.</summary>
[GenerateSerializer, Alias("civic.feed-kind")]
public enum FeedKind
{
    /// <summary>A campaign left moderation: everyone of the tenant may read it now.</summary>
    CampaignPublished = 0,

    /// <summary>A campaign was submitted for review: moderators and admins only, as campaign(id) shows it.</summary>
    CampaignSubmitted = 1,

    VoteOpened = 2,
    VoteClosed = 3,
    IdeaBoxOpened = 4,
}

/// <summary>One event of a tenant's feed; <see cref="ModeratorsOnly"/> items are shown to moderators and admins only.</summary>
[GenerateSerializer, Immutable, Alias("civic.feed-item")]
public sealed record FeedItem(
    [property: Id(0)] FeedKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string Title,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] bool ModeratorsOnly);

/// <summary>A tenant's most recent feed items, newest first (at most <see cref="Size"/>): a subscriber coalescing pushes still sees every item.</summary>
[GenerateSerializer, Immutable, Alias("civic.tenant-feed-live")]
public sealed record TenantFeedLive([property: Id(0)] ImmutableArray<FeedItem> Recent)
{
    public const int Size = 20;
}
