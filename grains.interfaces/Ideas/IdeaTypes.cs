using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// An idea's life: submitted, then under review (by itself when it reaches the box's support threshold, or
/// when a moderator takes it up), then accepted or rejected; an accepted idea may become a project (an
/// option of a vote). The author may withdraw it while nobody supports it.
/// </summary>
[GenerateSerializer, Alias("civic.idea-state")]
public enum IdeaState
{
    Submitted = 0,
    UnderReview = 1,
    Accepted = 2,
    Rejected = 3,
    TurnedIntoProject = 4,
    Withdrawn = 5,
}

/// <summary>The states as the idea tables write them: the grains write, the API's lists read.</summary>
public static class IdeaStates
{
    public static string ToSql(IdeaState state) => state switch
    {
        IdeaState.Submitted => "submitted",
        IdeaState.UnderReview => "under_review",
        IdeaState.Accepted => "accepted",
        IdeaState.Rejected => "rejected",
        IdeaState.TurnedIntoProject => "turned_into_project",
        IdeaState.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static IdeaState FromSql(string name) => name switch
    {
        "submitted" => IdeaState.Submitted,
        "under_review" => IdeaState.UnderReview,
        "accepted" => IdeaState.Accepted,
        "rejected" => IdeaState.Rejected,
        "turned_into_project" => IdeaState.TurnedIntoProject,
        "withdrawn" => IdeaState.Withdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not an idea state."),
    };
}

/// <summary>Who may take part in a box (propose, or support): any member, or only verified residents of an age and a district.</summary>
[GenerateSerializer, Immutable, Alias("civic.participation-rule")]
public sealed record ParticipationRule(
    [property: Id(0)] bool RequireVerified = false,
    [property: Id(1)] int? MinimumAge = null,
    [property: Id(2)] bool RequireDistrict = false)
{
    public static readonly ParticipationRule AnyMember = new();

    /// <summary>An age or a district can only be known from the census: either implies verification.</summary>
    public bool NeedsVerification => RequireVerified || MinimumAge is > 0 || RequireDistrict;
}

/// <summary>
/// Supports that send an idea to review by themselves: a number (<see cref="Supports"/>), or a share of the
/// tenant's verified residents in basis points (<see cref="ShareOfResidentsBasisPoints"/>: Madrid's 1% is 100).
/// Neither: no threshold.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.support-threshold")]
public sealed record SupportThreshold(
    [property: Id(0)] int? Supports = null,
    [property: Id(1)] int? ShareOfResidentsBasisPoints = null)
{
    public static readonly SupportThreshold None = new();
}

/// <summary>A point on the map, in decimal degrees (WGS 84).</summary>
[GenerateSerializer, Immutable, Alias("civic.geo-point")]
public sealed record GeoPoint([property: Id(0)] double Latitude, [property: Id(1)] double Longitude);

/// <summary>The rectangle a tenant covers, when it declares one: ideas placed outside it are refused.</summary>
[GenerateSerializer, Immutable, Alias("civic.geo-area")]
public sealed record GeoArea(
    [property: Id(0)] double South,
    [property: Id(1)] double West,
    [property: Id(2)] double North,
    [property: Id(3)] double East)
{
    public bool Contains(GeoPoint point) =>
        point.Latitude >= South && point.Latitude <= North && point.Longitude >= West && point.Longitude <= East;
}

/// <summary>An admin opens an idea box on a theme.</summary>
[GenerateSerializer, Immutable, Alias("civic.create-idea-box")]
public sealed record CreateIdeaBox(
    [property: Id(0)] string Title,
    [property: Id(1)] string Brief,
    [property: Id(2)] DateTimeOffset OpensAt,
    [property: Id(3)] DateTimeOffset ClosesAt,
    [property: Id(4)] ImmutableArray<string> Categories,
    [property: Id(5)] ImmutableArray<string> Districts,
    [property: Id(6)] ParticipationRule WhoMayPropose,
    [property: Id(7)] ParticipationRule WhoMaySupport,
    [property: Id(8)] int IdeasPerMember = 5,
    [property: Id(9)] int? SupportsPerMember = null,
    [property: Id(10)] SupportThreshold? Threshold = null,
    [property: Id(11)] int AnswerDeadlineDays = 30,
    [property: Id(12)] bool SupportsWithdrawable = true,
    [property: Id(13)] int ReportsToHide = 3);

/// <summary>A member proposes an idea in an open box.</summary>
[GenerateSerializer, Immutable, Alias("civic.submit-idea")]
public sealed record SubmitIdea(
    [property: Id(0)] string Title,
    [property: Id(1)] string Body,
    [property: Id(2)] string? Category,
    [property: Id(3)] string? District,
    [property: Id(4)] GeoPoint? Location);

/// <summary>
/// Moderators and admins turn an accepted idea into an option of a vote (participatory budget) that has not opened:
/// its cost in cents, the public text of the move, and the option's title (the idea's by default) and district (needed
/// when the vote has districts).
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.turn-idea-into-project")]
public sealed record TurnIdeaIntoProject(
    [property: Id(0)] string VoteId,
    [property: Id(1)] long Cost,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Title = null,
    [property: Id(4)] string? District = null);
