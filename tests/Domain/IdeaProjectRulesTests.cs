using Civic.Grains.Ideas;
using Civic.Grains.Interfaces;
using Civic.Grains.Votes;

namespace Civic.Tests.Domain;

/// <summary>
/// The pure rules of the rest of issue 11: a tenant's declared area, the move of an accepted idea to a project, and
/// adding an option to a vote that has not opened.
/// </summary>
public sealed class IdeaProjectRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_declared_area_is_a_rectangle_of_valid_degrees()
    {
        IdeaRules.ValidateArea(new GeoArea(43.50, 1.35, 43.67, 1.52));
        IdeaRules.ValidateArea(new GeoArea(-90, -180, 90, 180));
        var broken = new[]
        {
            new GeoArea(43.67, 1.35, 43.50, 1.52), // south above north
            new GeoArea(43.50, 1.52, 43.67, 1.35), // west east of east
            new GeoArea(43.50, 1.35, 43.50, 1.52), // no height
            new GeoArea(-91, 1.35, 43.67, 1.52),
            new GeoArea(43.50, 1.35, 43.67, 181),
            new GeoArea(double.NaN, 1.35, 43.67, 1.52),
            new GeoArea(43.50, double.NegativeInfinity, 43.67, 1.52),
        };
        Assert.All(broken, area => Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => IdeaRules.ValidateArea(area)).Code));
        Assert.True(new GeoArea(43.50, 1.35, 43.67, 1.52).Contains(new GeoPoint(43.50, 1.52))); // the edges are inside
    }

    [Fact]
    public void Only_an_accepted_idea_becomes_a_project_and_only_once()
    {
        Assert.Equal(IdeaState.TurnedIntoProject, Assert.Single(IdeaRules.PathTo(IdeaState.Accepted, IdeaState.TurnedIntoProject)));
        foreach (var state in Enum.GetValues<IdeaState>().Where(s => s != IdeaState.Accepted))
        {
            Assert.Empty(IdeaRules.PathTo(state, IdeaState.TurnedIntoProject));
        }

        Assert.False(IdeaRules.IsAnswer(IdeaState.TurnedIntoProject)); // not by answerIdea: it needs its vote
    }

    private static VoteState Draft(params VoteDistrictInput[] districts) => new()
    {
        Tenant = "t",
        Id = "vt_x",
        Status = VoteStatus.Draft,
        OpensAt = Now.AddDays(1),
        ClosesAt = Now.AddDays(8),
        Options = [new VoteOptionConfig("p1", "Pistes cyclables", 600_000, districts.Length > 0 ? districts[0].Name : null)],
        Districts = [.. districts],
    };

    [Fact]
    public void A_draft_vote_takes_a_new_option_numbered_after_its_last()
    {
        var option = VoteOptionRules.New(Draft(), new VoteOptionInput("  Des arbres  ", 250_000, ExternalId: "ie_1"), Now);
        Assert.Equal(new VoteOptionConfig("p2", "Des arbres", 250_000, null, "ie_1"), option);
        var withDistricts = Draft(new VoteDistrictInput("Nord", 500_000));
        Assert.Equal("Nord", VoteOptionRules.New(withDistricts, new VoteOptionInput("Banc", 1, "Nord"), Now).District);

        var s = Draft();
        s.Options.Add(option);
        Assert.Equal(option, VoteOptionRules.Existing(s, new VoteOptionInput("Autre titre", 1, ExternalId: "ie_1")));
        Assert.Null(VoteOptionRules.Existing(s, new VoteOptionInput("Des arbres", 250_000)));
    }

    [Fact]
    public void An_option_is_refused_once_the_vote_opened_to_others_than_moderators_and_when_it_does_not_fit()
    {
        var moderator = new Actor("t", "mod", Role.Moderator);
        VoteOptionRules.RequireModerator(Draft(), moderator);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<CivicException>(() => VoteOptionRules.RequireModerator(Draft(), new Actor("t", "alice", Role.Member))).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<CivicException>(() => VoteOptionRules.RequireModerator(Draft(), new Actor("other", "mod", Role.Moderator))).Code);

        var ok = new VoteOptionInput("Des arbres", 250_000);
        Assert.Equal(ErrorCodes.VoteStarted, Assert.Throws<CivicException>(() => VoteOptionRules.New(Draft(), ok, Now.AddDays(1))).Code); // its opening came
        var open = Draft();
        open.Status = VoteStatus.Open;
        Assert.Equal(ErrorCodes.VoteStarted, Assert.Throws<CivicException>(() => VoteOptionRules.New(open, ok, Now)).Code);

        var broken = new (VoteState Vote, VoteOptionInput Option)[]
        {
            (Draft(), ok with { Title = "" }),
            (Draft(), ok with { Title = new string('t', 301) }),
            (Draft(), ok with { Cost = -1 }),
            (Draft(), ok with { District = "Nord" }), // the vote has no districts
            (Draft(new VoteDistrictInput("Nord", 1)), ok), // it has: name one
            (Draft(new VoteDistrictInput("Nord", 1)), ok with { District = "Sud" }),
        };
        Assert.All(broken, b => Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => VoteOptionRules.New(b.Vote, b.Option, Now)).Code));
    }
}
