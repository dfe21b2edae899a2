using System.Text.Json.Nodes;
using Civic.Tests.Api;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// A resident of district Nord casts the ballots the first journeys do not, in a real Chromium (web/e2e/ballots.mjs):
/// a cumulative ballot (the steppers stop at 3 points a project and 5 in all), a majority-judgment ballot (the page
/// counts the projects still ungraded) and a ballot of a vote with districts (the district's count moves). axe-core
/// on every page; the API then holds one ballot in each vote, in district Nord.
/// </summary>
[Collection("web")]
public sealed class BallotJourneys(WebFixture fixture, ITestOutputHelper output)
{
    private const string Ballots = "query($id: ID!) { vote(id: $id) { ballots hasVoted districts { name ballots } } }";

    [Fact]
    public async Task A_resident_casts_cumulative_majority_judgment_and_district_ballots_with_no_serious_accessibility_violation()
    {
        var tenant = fixture.Tenant;
        var run = Guid.NewGuid().ToString("N")[..6];
        using var admin = fixture.Admin(tenant);
        var closesAt = DateTimeOffset.UtcNow.AddDays(7).ToString("O");

        async Task<string> CreateAsync(object input) =>
            (await admin.OkAsync(Documents.CreateVote, new { input }))["createVote"]!["id"]!.GetValue<string>();
        static object[] Options(params string[] titles) => titles.Select(t => (object)new { title = t, cost = 100_000 }).ToArray();

        string[] cumulativeOptions = [$"Potager {run}", $"Skatepark {run}", $"Bibliothèque {run}"];
        var cumulative = await CreateAsync(new
        {
            title = $"Points des quartiers {run}", ballotType = "CUMULATIVE", options = Options(cumulativeOptions),
            budget = new { amount = 300_000, currency = "EUR" }, closesAt, maxPointsPerProject = 3, maxTotalPoints = 5,
        });
        string[] gradeOptions = [$"Tramway {run}", $"Piscine {run}", $"Parking {run}"];
        var grades = await CreateAsync(new
        {
            title = $"Jugement majoritaire {run}", ballotType = "MAJORITY_JUDGMENT", options = Options(gradeOptions),
            budget = new { amount = 300_000, currency = "EUR" }, closesAt, gradeScale = 5,
        });
        string[] districtOptions = [$"Bancs du Nord {run}", $"Fontaine du Sud {run}"];
        var district = await CreateAsync(new
        {
            title = $"Budget par quartier {run}", ballotType = "APPROVAL", closesAt,
            budget = new { amount = 1_000_000, currency = "EUR" },
            districts = new[] { new { name = "Nord", budget = 500_000 }, new { name = "Sud", budget = 500_000 } },
            allowSecondDistrict = true,
            options = new[]
            {
                new { title = districtOptions[0], cost = 200_000, district = "Nord" },
                new { title = districtOptions[1], cost = 200_000, district = "Sud" },
            },
        });

        var user = "voter-" + run;
        var checks = await Journey.RunAsync("e2e/ballots.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            token = fixture.Tokens.Issue(tenant, user, Civic.Grains.Interfaces.Role.Member, district: "Nord"),
            cumulative = new { id = cumulative, options = cumulativeOptions },
            grades = new { id = grades, options = gradeOptions },
            district = new { id = district, options = districtOptions },
        }), output, minPages: 6);

        var points = checks["cumulativeBallot"]!;
        Assert.True(points["capped"]!.GetValue<bool>());
        Assert.True(points["allSpent"]!.GetValue<bool>());
        Assert.Equal("Il reste 0 point sur 5", points["left"]!.GetValue<string>());
        Assert.StartsWith("Vous avez voté", points["voted"]!.GetValue<string>());
        Assert.Equal("Encore 2 projets sans mention.", checks["majorityJudgmentBallot"]!["missing"]!.GetValue<string>());
        Assert.StartsWith("Vous avez voté", checks["majorityJudgmentBallot"]!["voted"]!.GetValue<string>());
        // French number formatting separates thousands (and the euro sign) with narrow or plain no-break spaces.
        static string Spaced(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');
        Assert.Contains("Nord : budget 5 000,00 €, 0 bulletin", Spaced(checks["districtBallot"]!["before"]!.GetValue<string>()));
        Assert.Contains("Nord : budget 5 000,00 €, 1 bulletin", Spaced(checks["districtBallot"]!["after"]!.GetValue<string>()));
        Assert.Equal("Nord", checks["districtBallot"]!["chosen"]!.GetValue<string>()); // the voter's own district first
        Assert.Equal(0, checks["districtBallot"]!["southInNorth"]!.GetValue<int>());
        Assert.Equal(0, checks["districtBallot"]!["northInSouth"]!.GetValue<int>());

        using var voter = fixture.Member(tenant, user, district: "Nord");
        foreach (var id in new[] { cumulative, grades, district })
        {
            var vote = (await voter.OkAsync(Ballots, new { id }))["vote"]!;
            Assert.Equal(1, vote["ballots"]!.GetValue<int>());
            Assert.True(vote["hasVoted"]!.GetValue<bool>());
        }

        var byDistrict = (await voter.OkAsync(Ballots, new { id = district }))["vote"]!["districts"]!.AsArray()
            .ToDictionary(d => d!["name"]!.GetValue<string>(), d => d!["ballots"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { ["Nord"] = 1, ["Sud"] = 0 }, byDistrict);
    }
}
