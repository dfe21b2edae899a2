using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>An idea box as everyone may read it.</summary>
[GenerateSerializer, Immutable, Alias("civic.idea-box-view")]
public sealed record IdeaBoxView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Tenant,
    [property: Id(2)] CreateIdeaBox Settings,
    [property: Id(3)] string BriefHtml,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool IsOpen,
    [property: Id(6)] int? SupportsNeeded);

/// <summary>An idea as everyone may read it.</summary>
[GenerateSerializer, Immutable, Alias("civic.idea-view")]
public sealed record IdeaView(
    [property: Id(0)] string Id,
    [property: Id(1)] string BoxId,
    [property: Id(2)] string AuthorId,
    [property: Id(3)] string Title,
    [property: Id(4)] string Body,
    [property: Id(5)] string BodyHtml,
    [property: Id(6)] string? Category,
    [property: Id(7)] string? District,
    [property: Id(8)] GeoPoint? Location,
    [property: Id(9)] IdeaState State,
    [property: Id(10)] int Supports,
    [property: Id(11)] int Version,
    [property: Id(12)] DateTimeOffset SubmittedAt,
    [property: Id(13)] DateTimeOffset? UnderReviewSince,
    [property: Id(14)] DateTimeOffset? AnswerDueAt,
    [property: Id(15)] ImmutableArray<IdeaAnswer> Answers,
    [property: Id(16)] IdeaListing? Listing = null,
    [property: Id(17)] IdeaProject? Project = null);

/// <summary>The vote option an idea became (TURNED_INTO_PROJECT): the link from the idea; the option links back.</summary>
[GenerateSerializer, Immutable, Alias("civic.idea-project")]
public sealed record IdeaProject(
    [property: Id(0)] string VoteId,
    [property: Id(1)] string OptionId,
    [property: Id(2)] long Cost);

/// <summary>
/// What lists read with an idea's row (its comments, whether it is hidden, whether the viewer supports it), so a page
/// answers these without a query per idea; null on a view from the idea's grain.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.idea-listing")]
public sealed record IdeaListing(
    [property: Id(0)] int CommentCount,
    [property: Id(1)] string? HiddenReason,
    [property: Id(2)] bool SupportedByMe);

/// <summary>A moderator's public answer: the state it set and its text.</summary>
[GenerateSerializer, Immutable, Alias("civic.idea-answer")]
public sealed record IdeaAnswer(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] IdeaState State,
    [property: Id(3)] string Text);

/// <summary>The idea after a member's support or its withdrawal.</summary>
[GenerateSerializer, Immutable, Alias("civic.support-result")]
public sealed record SupportResult(
    [property: Id(0)] string IdeaId,
    [property: Id(1)] int Supports,
    [property: Id(2)] IdeaState State,
    [property: Id(3)] bool Supporting);

/// <summary>What the box hands its new idea: the member's text, checked, with its id and author.</summary>
[GenerateSerializer, Immutable, Alias("civic.idea-draft")]
public sealed record IdeaDraft(
    [property: Id(0)] string IdeaId,
    [property: Id(1)] string BoxId,
    [property: Id(2)] string AuthorId,
    [property: Id(3)] SubmitIdea Idea);

/// <summary>What an idea needs to know of its box: the window, who may support, limits, the threshold.</summary>
[GenerateSerializer, Immutable, Alias("civic.idea-box-terms")]
public sealed record IdeaBoxTerms(
    [property: Id(0)] DateTimeOffset OpensAt,
    [property: Id(1)] DateTimeOffset ClosesAt,
    [property: Id(2)] ParticipationRule WhoMaySupport,
    [property: Id(3)] ImmutableArray<string> Districts,
    [property: Id(4)] bool SupportsWithdrawable,
    [property: Id(5)] int? SupportsPerMember,
    [property: Id(6)] int? SupportsNeeded,
    [property: Id(7)] int AnswerDeadlineDays,
    [property: Id(8)] ImmutableArray<string> Categories);
