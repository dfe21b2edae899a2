using System.Collections.Immutable;
using Civic.Grains.Common;
using Civic.Grains.Ideas;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain;

/// <summary>The pure rules of idea boxes (issue 11): settings, an idea's fit, states, edits, withdrawal, threshold, deadline, eligibility.</summary>
public sealed class IdeaRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CreateIdeaBox Box(
        SupportThreshold? threshold = null, ParticipationRule? propose = null, ImmutableArray<string>? districts = null,
        int ideasPerMember = 5, int? supportsPerMember = null, int deadline = 30, int reports = 3) =>
        new("Boîte à idées 2027", "Vos idées pour **le quartier**.", Now, Now.AddDays(60),
            ["Mobilité", "Nature"], districts ?? ["Nord", "Sud"], propose ?? ParticipationRule.AnyMember, ParticipationRule.AnyMember,
            ideasPerMember, supportsPerMember, threshold, deadline, true, reports);

    [Fact]
    public void A_sound_box_passes_and_each_broken_setting_is_refused_with_validation()
    {
        IdeaRules.Validate(Box());
        IdeaRules.Validate(Box(threshold: new SupportThreshold(ShareOfResidentsBasisPoints: 100)));
        var broken = new[]
        {
            Box() with { ClosesAt = Now },
            Box() with { ClosesAt = Now.AddYears(4) },
            Box() with { Title = "" },
            Box() with { Brief = new string('x', 20_001) },
            Box() with { Categories = ["Nature", "Nature"] },
            Box() with { Categories = [.. Enumerable.Range(0, 51).Select(i => $"c{i}")] },
            Box(ideasPerMember: 0),
            Box(ideasPerMember: 101),
            Box(supportsPerMember: 0),
            Box(deadline: 0),
            Box(reports: 0),
            Box(threshold: new SupportThreshold(10, 100)),
            Box(threshold: new SupportThreshold(0)),
            Box(threshold: new SupportThreshold(ShareOfResidentsBasisPoints: 10_001)),
            Box(propose: new ParticipationRule(RequireDistrict: true), districts: []),
            Box(propose: new ParticipationRule(MinimumAge: 121)),
        };
        Assert.All(broken, box => Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => IdeaRules.Validate(box)).Code));
    }

    [Fact]
    public void An_idea_must_fit_its_box_text_category_district_and_the_tenants_area()
    {
        var box = Box();
        var area = new GeoArea(43.50, 1.35, 43.67, 1.52); // about Toulouse
        var idea = new SubmitIdea("Une piste cyclable rue Pasteur", "Du boulevard au **parc**.", "Mobilité", "Nord", new GeoPoint(43.60, 1.44));
        IdeaRules.Validate(idea, box.Categories, box.Districts, area);
        IdeaRules.Validate(idea with { Location = new GeoPoint(48.85, 2.35) }, box.Categories, box.Districts, area: null);

        var broken = new[]
        {
            idea with { Title = new string('t', 151) },
            idea with { Body = new string('b', 5_001) },
            idea with { Body = "nul\0" },
            idea with { Category = "Culture" },
            idea with { Category = null },
            idea with { District = "Est" },
            idea with { Location = new GeoPoint(48.85, 2.35) },
            idea with { Location = new GeoPoint(double.NaN, 1.44) },
            idea with { Location = new GeoPoint(91, 1.44) },
        };
        Assert.All(broken, b => Assert.Equal(ErrorCodes.Validation,
            Assert.Throws<CivicException>(() => IdeaRules.Validate(b, box.Categories, box.Districts, area)).Code));

        // A box without categories takes ideas without one.
        IdeaRules.Validate(idea with { Category = null }, [], box.Districts, area);
    }

    [Fact]
    public void States_move_forward_only_and_an_answer_to_a_submitted_idea_passes_through_review()
    {
        Assert.Equal(new[] { IdeaState.UnderReview }, IdeaRules.PathTo(IdeaState.Submitted, IdeaState.UnderReview).ToArray());
        Assert.Equal(new[] { IdeaState.UnderReview, IdeaState.Accepted }, IdeaRules.PathTo(IdeaState.Submitted, IdeaState.Accepted).ToArray());
        Assert.Equal(new[] { IdeaState.UnderReview, IdeaState.Rejected }, IdeaRules.PathTo(IdeaState.Submitted, IdeaState.Rejected).ToArray());
        Assert.Equal(new[] { IdeaState.TurnedIntoProject }, IdeaRules.PathTo(IdeaState.Accepted, IdeaState.TurnedIntoProject).ToArray());
        Assert.Empty(IdeaRules.PathTo(IdeaState.Submitted, IdeaState.TurnedIntoProject));
        Assert.Empty(IdeaRules.PathTo(IdeaState.Rejected, IdeaState.Accepted));
        Assert.Empty(IdeaRules.PathTo(IdeaState.Accepted, IdeaState.Rejected));
        Assert.Empty(IdeaRules.PathTo(IdeaState.TurnedIntoProject, IdeaState.Accepted));
        Assert.All(Enum.GetValues<IdeaState>(), s => Assert.Empty(IdeaRules.PathTo(IdeaState.Withdrawn, s)));
        Assert.All(Enum.GetValues<IdeaState>(), s => Assert.Empty(IdeaRules.PathTo(s, s)));
    }

    [Fact]
    public void The_author_edits_for_15_minutes_and_only_until_the_first_support_or_answer()
    {
        Assert.True(IdeaRules.CanEdit(IdeaState.Submitted, Now, Now.AddMinutes(15), supports: 0, answered: false));
        Assert.False(IdeaRules.CanEdit(IdeaState.Submitted, Now, Now.AddMinutes(15).AddTicks(1), 0, false));
        Assert.False(IdeaRules.CanEdit(IdeaState.Submitted, Now, Now.AddMinutes(1), supports: 1, answered: false));
        Assert.False(IdeaRules.CanEdit(IdeaState.UnderReview, Now, Now.AddMinutes(1), supports: 0, answered: true));
        Assert.False(IdeaRules.CanEdit(IdeaState.Withdrawn, Now, Now.AddMinutes(1), 0, false));
    }

    [Fact]
    public void The_author_withdraws_only_an_idea_nobody_supports_before_its_answer()
    {
        Assert.True(IdeaRules.CanWithdraw(IdeaState.Submitted, 0));
        Assert.True(IdeaRules.CanWithdraw(IdeaState.UnderReview, 0));
        Assert.False(IdeaRules.CanWithdraw(IdeaState.Submitted, 1));
        Assert.False(IdeaRules.CanWithdraw(IdeaState.Accepted, 0));
        Assert.False(IdeaRules.CanWithdraw(IdeaState.Rejected, 0));
        Assert.False(IdeaRules.CanWithdraw(IdeaState.Withdrawn, 0));
    }

    [Fact]
    public void A_threshold_is_a_number_or_a_share_of_verified_residents_rounded_up()
    {
        Assert.Null(IdeaRules.SupportsNeeded(null, 1_000));
        Assert.Null(IdeaRules.SupportsNeeded(SupportThreshold.None, 1_000));
        Assert.Equal(250, IdeaRules.SupportsNeeded(new SupportThreshold(250), 0));

        // Madrid's 1% of its census (about 2.7 M residents over 16 in 2015: 27,000 supports).
        Assert.Equal(27_000, IdeaRules.SupportsNeeded(new SupportThreshold(ShareOfResidentsBasisPoints: 100), 2_700_000));
        Assert.Equal(2, IdeaRules.SupportsNeeded(new SupportThreshold(ShareOfResidentsBasisPoints: 100), 101));
        Assert.Equal(1, IdeaRules.SupportsNeeded(new SupportThreshold(ShareOfResidentsBasisPoints: 1), 5));
        Assert.Null(IdeaRules.SupportsNeeded(new SupportThreshold(ShareOfResidentsBasisPoints: 100), 0));

        Assert.True(IdeaRules.ReachesThreshold(IdeaState.Submitted, 250, 250));
        Assert.False(IdeaRules.ReachesThreshold(IdeaState.Submitted, 249, 250));
        Assert.False(IdeaRules.ReachesThreshold(IdeaState.UnderReview, 300, 250));
        Assert.False(IdeaRules.ReachesThreshold(IdeaState.Submitted, 10_000, null));
    }

    [Fact]
    public void An_idea_under_review_past_its_answer_deadline_is_overdue()
    {
        var since = Now;
        Assert.Equal(Now.AddDays(30), IdeaRules.AnswerDue(since, 30));
        Assert.False(IdeaRules.IsOverdue(IdeaState.UnderReview, since, 30, Now.AddDays(30)));
        Assert.True(IdeaRules.IsOverdue(IdeaState.UnderReview, since, 30, Now.AddDays(30).AddSeconds(1)));
        Assert.False(IdeaRules.IsOverdue(IdeaState.Accepted, since, 30, Now.AddDays(90)));
        Assert.False(IdeaRules.IsOverdue(IdeaState.Submitted, null, 30, Now.AddDays(90)));
    }

    [Fact]
    public void Eligibility_asks_the_census_for_verification_age_and_district()
    {
        var today = new DateOnly(2027, 3, 1);
        var adultNord = new CensusVerification(true, new DateOnly(1990, 1, 1), "Nord", Now);
        var teenNord = new CensusVerification(true, new DateOnly(2012, 6, 1), "Nord", Now);
        var adultEst = new CensusVerification(true, new DateOnly(1990, 1, 1), "Est", Now);
        ImmutableArray<string> districts = ["Nord", "Sud"];

        IdeaRules.Admit(ParticipationRule.AnyMember, CensusVerification.None, districts, today, "propose");
        var strict = new ParticipationRule(RequireVerified: true, MinimumAge: 16, RequireDistrict: true);
        IdeaRules.Admit(strict, adultNord, districts, today, "propose");
        Assert.Equal(ErrorCodes.VerificationRequired, Assert.Throws<CivicException>(() => IdeaRules.Admit(strict, CensusVerification.None, districts, today, "propose")).Code);
        Assert.Equal(ErrorCodes.TooYoung, Assert.Throws<CivicException>(() => IdeaRules.Admit(strict, teenNord, districts, today, "propose")).Code);
        Assert.Equal(ErrorCodes.NotYourDistrict, Assert.Throws<CivicException>(() => IdeaRules.Admit(strict, adultEst, districts, today, "propose")).Code);

        // An age alone implies verification.
        Assert.Equal(ErrorCodes.VerificationRequired, Assert.Throws<CivicException>(() =>
            IdeaRules.Admit(new ParticipationRule(MinimumAge: 12), CensusVerification.None, districts, today, "support")).Code);
    }
}

/// <summary>Members' Markdown becomes HTML a front-end may insert as it is.</summary>
public sealed class RichTextTests
{
    [Theory]
    [InlineData("Un **jardin** _partagé_", "<p>Un <strong>jardin</strong> <em>partagé</em></p>")]
    [InlineData("- un\n- deux", "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>")]
    [InlineData("# Titre", "<h3>Titre</h3>")]
    [InlineData("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>")]
    [InlineData("![x](https://example.org/x.png)", "<p></p>")]
    public void Markdown_renders_to_a_small_allow_list(string markdown, string html) =>
        Assert.Equal(html, RichText.ToHtml(markdown));

    [Fact]
    public void Links_keep_only_web_and_mail_schemes_and_open_without_referrer_power()
    {
        Assert.Equal("<p><a href=\"https://ville.example/parc\" rel=\"nofollow noopener\">le parc</a></p>",
            RichText.ToHtml("[le parc](https://ville.example/parc)"));
        var script = RichText.ToHtml("[clic](javascript:alert(1))");
        Assert.DoesNotContain("javascript", script, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("clic", script, StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow noopener\"", RichText.ToHtml("voir https://ville.example"), StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_drops_the_markup() =>
        Assert.Equal("Un jardin partagé", RichText.ToPlainText("Un **jardin** _partagé_"));
}
