using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Ideas;

/// <summary>
/// The rules of idea boxes and ideas as plain functions: a box's settings, an idea's text and place, its
/// states, the author's edit window, withdrawal, the support threshold and the answer deadline. The box
/// and idea grains call these in one turn before they write anything.
/// </summary>
public static class IdeaRules
{
    /// <summary>How long after submitting the author may still edit, unless a support or an answer comes first.</summary>
    public static readonly TimeSpan EditWindow = IdeaEditing.EditWindow;

    public const int MaxCategories = ListLimits.IdeaBoxCategories;
    public const int MaxDistricts = ListLimits.IdeaBoxDistricts;
    public const int MaxIdeasPerMember = 100;
    public const int MaxSupportsPerMember = 100_000;
    public const int MaxAnswerDeadlineDays = 366;
    public const int MaxReportsToHide = 100;
    public const int MaxThresholdSupports = 10_000_000;

    /// <summary>A threshold as a share of residents is at most 100% (10,000 basis points).</summary>
    public const int MaxThresholdShare = 10_000;

    private static readonly TimeSpan LongestBox = TimeSpan.FromDays(3 * 366);

    /// <summary>The moves an idea may make; a moderator's answer from SUBMITTED passes through UNDER_REVIEW.</summary>
    private static readonly ImmutableDictionary<IdeaState, ImmutableArray<IdeaState>> Moves = new Dictionary<IdeaState, ImmutableArray<IdeaState>>
    {
        [IdeaState.Submitted] = [IdeaState.UnderReview, IdeaState.Withdrawn],
        [IdeaState.UnderReview] = [IdeaState.Accepted, IdeaState.Rejected, IdeaState.Withdrawn],
        [IdeaState.Accepted] = [IdeaState.TurnedIntoProject],
        [IdeaState.Rejected] = [],
        [IdeaState.TurnedIntoProject] = [],
        [IdeaState.Withdrawn] = [],
    }.ToImmutableDictionary();

    /// <summary>Refuses a box whose settings cannot work (VALIDATION, with what to change).</summary>
    public static void Validate(CreateIdeaBox c)
    {
        TextRules.Require("The title", c.Title, TextLimits.Title);
        TextRules.Require("The brief", c.Brief, TextLimits.IdeaBoxBrief);
        Require(c.ClosesAt > c.OpensAt, "The box must close after it opens.");
        Require(c.ClosesAt - c.OpensAt <= LongestBox, "A box stays open at most three years.");
        RequireNames("category", c.Categories, MaxCategories);
        RequireNames("district", c.Districts, MaxDistricts);
        RequireRule("propose", c.WhoMayPropose, c.Districts);
        RequireRule("support", c.WhoMaySupport, c.Districts);
        Require(c.IdeasPerMember is >= 1 and <= MaxIdeasPerMember, $"A member may submit 1 to {MaxIdeasPerMember} ideas per box.");
        Require(c.SupportsPerMember is null or (>= 1 and <= MaxSupportsPerMember),
            $"Supports per member are unlimited (null) or 1 to {MaxSupportsPerMember}.");
        Require(c.AnswerDeadlineDays is >= 1 and <= MaxAnswerDeadlineDays, $"The answer deadline is 1 to {MaxAnswerDeadlineDays} days.");
        Require(c.ReportsToHide is >= 1 and <= MaxReportsToHide, $"Content is hidden after 1 to {MaxReportsToHide} reports.");
        if (c.Threshold is { } t)
        {
            Require(t.Supports is null || t.ShareOfResidentsBasisPoints is null, "A threshold is a number of supports or a share of residents, not both.");
            Require(t.Supports is null or (>= 1 and <= MaxThresholdSupports), $"A threshold is 1 to {MaxThresholdSupports} supports.");
            Require(t.ShareOfResidentsBasisPoints is null or (>= 1 and <= MaxThresholdShare),
                "A threshold share is 1 to 10000 basis points of the verified residents (100 = 1%).");
        }
    }

    /// <summary>Refuses an idea that does not fit its box: text, category, district and place (VALIDATION).</summary>
    public static void Validate(SubmitIdea idea, ImmutableArray<string> categories, ImmutableArray<string> districts, GeoArea? area)
    {
        TextRules.Require("The title", idea.Title, TextLimits.IdeaTitle);
        TextRules.Require("The text", idea.Body, TextLimits.IdeaBody);
        if (idea.Category is { } category)
        {
            Require(categories.Contains(category), $"The box has no category '{TextRules.Truncate(category, 40)}'.");
        }
        else
        {
            Require(categories.IsEmpty, "Choose one of the box's categories.");
        }

        if (idea.District is { } district)
        {
            Require(districts.Contains(district), $"The box has no district '{TextRules.Truncate(district, 40)}'.");
        }

        if (idea.Location is { } point)
        {
            Require(double.IsFinite(point.Latitude) && double.IsFinite(point.Longitude)
                && point.Latitude is >= -90 and <= 90 && point.Longitude is >= -180 and <= 180,
                "A location is a latitude from -90 to 90 and a longitude from -180 to 180.");
            Require(area is null || area.Contains(point), "The location is outside the tenant's area.");
        }
    }

    /// <summary>A tenant's declared area: finite degrees in range, south below north and west below east (VALIDATION).</summary>
    public static void ValidateArea(GeoArea area)
    {
        Require(new[] { area.South, area.West, area.North, area.East }.All(double.IsFinite)
            && area.South is >= -90 and <= 90 && area.North is >= -90 and <= 90
            && area.West is >= -180 and <= 180 && area.East is >= -180 and <= 180,
            "An area's latitudes are -90 to 90 and its longitudes -180 to 180.");
        Require(area.South < area.North && area.West < area.East, "An area has its south below its north and its west below its east.");
    }

    /// <summary>
    /// The states an idea passes through to go from <paramref name="from"/> to <paramref name="to"/>: one step,
    /// or two when a moderator answers a submitted idea (UNDER_REVIEW, then the answer). Empty when it cannot.
    /// </summary>
    public static ImmutableArray<IdeaState> PathTo(IdeaState from, IdeaState to)
    {
        if (Moves[from].Contains(to))
        {
            return [to];
        }

        return from == IdeaState.Submitted && to is IdeaState.Accepted or IdeaState.Rejected
            ? [IdeaState.UnderReview, to]
            : [];
    }

    /// <summary>The states a moderator's answer may set.</summary>
    public static bool IsAnswer(IdeaState state) => state is IdeaState.UnderReview or IdeaState.Accepted or IdeaState.Rejected;

    /// <summary>
    /// The author may edit for <see cref="EditWindow"/> after submitting, and only until the first support or
    /// the first answer, whichever comes first; never once withdrawn.
    /// </summary>
    public static bool CanEdit(IdeaState state, DateTimeOffset submittedAt, DateTimeOffset now, int supports, bool answered) =>
        IdeaEditing.CanEdit(state, submittedAt, now, supports, answered);

    /// <summary>The author may withdraw an idea nobody supports, until a moderator accepts or rejects it.</summary>
    public static bool CanWithdraw(IdeaState state, int supports) =>
        IdeaEditing.CanWithdraw(state, supports) && Moves[state].Contains(IdeaState.Withdrawn);

    /// <summary>
    /// The supports that send an idea to review: the box's number, or its share of the verified residents
    /// rounded up (at least 1). Null without a threshold, or with a share while the census is empty.
    /// </summary>
    public static int? SupportsNeeded(SupportThreshold? threshold, long verifiedResidents)
    {
        if (threshold?.Supports is { } supports)
        {
            return supports;
        }

        if (threshold?.ShareOfResidentsBasisPoints is not { } share || verifiedResidents <= 0)
        {
            return null;
        }

        return (int)Math.Max(1, (verifiedResidents * share + MaxThresholdShare - 1) / MaxThresholdShare);
    }

    /// <summary>True when this support is the one that reaches the threshold (the idea then moves to review in the same turn).</summary>
    public static bool ReachesThreshold(IdeaState state, int supportsAfter, int? needed) =>
        state == IdeaState.Submitted && needed is { } n && supportsAfter >= n;

    /// <summary>The answer is due this long after the idea went under review.</summary>
    public static DateTimeOffset AnswerDue(DateTimeOffset underReviewSince, int answerDeadlineDays) =>
        underReviewSince.AddDays(answerDeadlineDays);

    /// <summary>An idea still under review after its answer was due: listed as overdue for the moderators.</summary>
    public static bool IsOverdue(IdeaState state, DateTimeOffset? underReviewSince, int answerDeadlineDays, DateTimeOffset now) =>
        state == IdeaState.UnderReview && underReviewSince is { } since && now > AnswerDue(since, answerDeadlineDays);

    /// <summary>
    /// Whether a member the census describes so may take part under <paramref name="rule"/> in a box with
    /// <paramref name="districts"/>: VERIFICATION_REQUIRED, TOO_YOUNG (on <paramref name="today"/>) or NOT_YOUR_DISTRICT.
    /// </summary>
    public static void Admit(ParticipationRule rule, CensusVerification verification, ImmutableArray<string> districts, DateOnly today, string what)
    {
        if (!rule.NeedsVerification)
        {
            return;
        }

        if (!verification.Verified)
        {
            throw new CivicException(ErrorCodes.VerificationRequired, $"Only residents whose residency is verified may {what} here: verify it first.");
        }

        if (rule.MinimumAge is > 0 and var age && (verification.AgeOn(today) is not { } known || known < age))
        {
            throw new CivicException(ErrorCodes.TooYoung, $"You may {what} here from the age of {age}.");
        }

        if (rule.RequireDistrict && (verification.District is not { } district || !districts.Contains(district)))
        {
            throw new CivicException(ErrorCodes.NotYourDistrict, $"Only residents of the box's districts may {what} here.");
        }
    }

    private static void RequireRule(string what, ParticipationRule rule, ImmutableArray<string> districts)
    {
        Require(rule.MinimumAge is null or (>= 0 and <= 120), $"The minimum age to {what} is 0 (none) to 120.");
        Require(!rule.RequireDistrict || !districts.IsEmpty, $"Requiring a district to {what} needs the box's districts.");
    }

    private static void RequireNames(string what, ImmutableArray<string> names, int max)
    {
        Require(names.Length <= max, $"A box has at most {max} {what} names.");
        foreach (var name in names)
        {
            TextRules.Require($"A {what} name", name, TextLimits.Name);
        }

        Require(names.Distinct(StringComparer.Ordinal).Count() == names.Length, $"Each {what} name appears once.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CivicException(ErrorCodes.Validation, message);
        }
    }
}
