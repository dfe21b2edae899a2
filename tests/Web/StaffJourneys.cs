using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tests.Api.Transport;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// The staff's journeys in a real Chromium (web/e2e/staff.mjs): a moderator approves one submitted campaign and
/// rejects another with its reason; an admin creates a budget vote, imports a Pabulib file, closes it and reads the
/// recorded selection on the results page, creates and publishes a campaign, funds the match pool, and sees the
/// branding preview warn on low contrast; a developer opens GraphiQL at /graphql. axe-core on every page,
/// screenshots in web/screenshots; the server's state is checked afterwards through the API.
/// </summary>
[Collection("web")]
public sealed class StaffJourneys(WebFixture fixture, ITestOutputHelper output)
{
    /// <summary>A small approval election: greedy within 10 000 € takes p1 (6 000, 4 votes) and p2 (3 000, 3 votes); p3 and p4 no longer fit.</summary>
    private const string Pabulib = """
        META
        key;value
        description;Budget participatif de test
        country;France
        unit;Valbonne-sur-Test
        instance;2026
        num_projects;4
        num_votes;6
        budget;10000
        vote_type;approval
        rule;greedy
        currency;EUR
        PROJECTS
        project_id;cost;votes;name
        p1;6000;4;Pistes cyclables
        p2;3000;3;Aire de jeux
        p3;2000;2;Fontaines
        p4;5000;2;Jardin
        VOTES
        voter_id;vote
        1;p1,p2
        2;p1,p3
        3;p1,p2
        4;p1,p2,p3
        5;p4
        6;p4
        """;

    private const string CampaignHistory = """
        query History($id: ID!) { campaign(id: $id) { id title status history { from to by reason } } }
        """;

    private const string VoteDetail = """
        query Detail($id: ID!) {
          vote(id: $id) {
            id title status ballotType rule ballots budget { amount currency }
            options { title cost externalId }
            results { selected { title externalId } }
          }
        }
        """;

    [Fact]
    public async Task Moderators_and_admins_run_the_site_from_its_staff_pages_with_no_serious_accessibility_violation()
    {
        var tenant = fixture.Tenant;
        var run8 = Guid.NewGuid().ToString("N")[..6];
        using var owner = fixture.Member(tenant, "owner-" + run8);
        var approveTitle = $"Ruches urbaines {run8}";
        var rejectTitle = $"Feu d'artifice {run8}";
        var approveId = await SubmittedCampaignAsync(owner, approveTitle);
        var rejectId = await SubmittedCampaignAsync(owner, rejectTitle);
        const string rejectReason = "Hors du champ des projets soutenus.";
        var pbFile = Path.Combine(Path.GetTempPath(), $"civic-staff-{run8}.pb");
        await File.WriteAllTextAsync(pbFile, Pabulib.ReplaceLineEndings("\n"));
        var voteTitle = $"Budget des quartiers {run8}";
        var importTitle = $"Budget importé {run8}";
        var campaignTitle = $"Arbres en ville {run8}";

        JsonNode checks;
        try
        {
            checks = await Journey.RunAsync("e2e/staff.mjs", Journey.Config(new
            {
                baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
                moderatorToken = fixture.Tokens.Issue(tenant, "moderator-" + run8, Role.Moderator),
                adminToken = fixture.Tokens.Issue(tenant, "admin-" + run8, Role.Admin),
                approveTitle,
                rejectTitle,
                rejectReason,
                voteTitle,
                pbFile,
                importTitle,
                campaignTitle,
                tenant,
            }), output, minPages: 14);
        }
        finally
        {
            File.Delete(pbFile);
        }

        using var admin = fixture.Admin(tenant);

        // The moderator saw the moderation page only, approved one campaign and rejected the other with its reason.
        var approved = checks["moderatorApproves"]!;
        Assert.Equal(["Modération des campagnes"], approved["staffLinks"]!.AsArray().Select(l => l!.GetValue<string>()).ToArray());
        Assert.Contains("signalements des boîtes à idées", approved["welcome"]!.GetValue<string>());
        Assert.Equal("/ideas/moderation", approved["ideasQueue"]!.GetValue<string>());
        Assert.Contains("moderator-" + run8, approved["history"]!.GetValue<string>());
        var approvedCampaign = (await admin.OkAsync(CampaignHistory, new { id = approveId }))["campaign"]!;
        Assert.Contains(approvedCampaign["status"]!.GetValue<string>(), new[] { "APPROVED", "LIVE" });
        var approval = approvedCampaign["history"]!.AsArray().Single(h => h!["from"]!.GetValue<string>() == "SUBMITTED")!;
        Assert.Equal("moderator-" + run8, approval["by"]!.GetValue<string>());
        Assert.Equal("Projet clair, budget réaliste.", approval["reason"]?.GetValue<string>());

        var rejected = checks["moderatorRejectsWithReason"]!;
        Assert.Equal("Indiquez le motif de la décision.", rejected["refused"]!.GetValue<string>());
        Assert.Equal("true", rejected["invalid"]!.GetValue<string>());
        var rejectedCampaign = (await admin.OkAsync(CampaignHistory, new { id = rejectId }))["campaign"]!;
        Assert.Equal("REJECTED", rejectedCampaign["status"]!.GetValue<string>());
        Assert.Equal(rejectReason, rejectedCampaign["history"]!.AsArray().Last()!["reason"]!.GetValue<string>());
        Assert.Contains("administrateurs", checks["moderatorSeesNoAdminPage"]!.GetValue<string>());

        // The vote the admin's form created is the one the API holds: type, rule, budget and costs in cents.
        var created = (await admin.OkAsync(VoteDetail, new { id = checks["adminCreatesKnapsackVote"]!["id"]!.GetValue<string>() }))["vote"]!;
        Assert.Equal(voteTitle, created["title"]!.GetValue<string>());
        Assert.Equal("KNAPSACK", created["ballotType"]!.GetValue<string>());
        Assert.Equal("EQUAL_SHARES", created["rule"]!.GetValue<string>());
        Assert.Equal("OPEN", created["status"]!.GetValue<string>());
        Assert.Equal(1_000_000, created["budget"]!["amount"]!.GetValue<long>());
        Assert.Equal(new long[] { 600_000, 300_050, 200_000 }, created["options"]!.AsArray().Select(o => o!["cost"]!.GetValue<long>()).ToArray());

        // The imported election was closed from its page, and the results page shows the selection the server recorded.
        var imported = checks["adminImportsPabulibClosesAndReadsResults"]!;
        var importedVote = (await admin.OkAsync(VoteDetail, new { id = imported["id"]!.GetValue<string>() }))["vote"]!;
        Assert.Equal(importTitle, importedVote["title"]!.GetValue<string>());
        Assert.Equal("CLOSED", importedVote["status"]!.GetValue<string>());
        Assert.Equal(6, importedVote["ballots"]!.GetValue<int>());
        var recorded = importedVote["results"]!["selected"]!.AsArray();
        Assert.Equal(["p1", "p2"], recorded.Select(s => s!["externalId"]!.GetValue<string>()).Order().ToArray());
        Assert.Equal(
            recorded.Select(s => s!["title"]!.GetValue<string>()).Order().ToArray(),
            imported["selected"]!.AsArray().Select(s => s!.GetValue<string>()).Order().ToArray());
        Assert.StartsWith("Vote clos : 2 propositions retenues", imported["closed"]!.GetValue<string>());

        var campaign = checks["adminCreatesAndPublishesCampaign"]!;
        var published = (await admin.OkAsync(CampaignHistory, new { id = campaign["id"]!.GetValue<string>() }))["campaign"]!;
        Assert.Equal(campaignTitle, published["title"]!.GetValue<string>());
        Assert.Equal("LIVE", published["status"]!.GetValue<string>());

        var pool = (await admin.OkAsync("{ matchPool { available { amount currency } } }"))["matchPool"]!;
        Assert.True(pool["available"]!["amount"]!.GetValue<long>() >= 50_000);
        Assert.Contains("500,00", checks["adminFundsMatchPool"]!["pool"]!.GetValue<string>());

        var branding = checks["brandingWarnsOnLowContrast"]!;
        Assert.Equal(WebFixture.PrimaryColor, branding["initial"]!.GetValue<string>());
        Assert.Contains("Contraste insuffisant", branding["warned"]!.GetValue<string>());
        Assert.Contains("Liens et barres sur fond blanc : 1,6:1", branding["warned"]!.GetValue<string>());
        Assert.Equal("polite", branding["live"]!.GetValue<string>());
        Assert.Contains("#fbbf24", branding["preview"]!.GetValue<string>());
        Assert.Equal(0, branding["warningAfterFix"]!.GetValue<int>());

        var graphiql = checks["graphiql"]!;
        Assert.Equal("Civic GraphQL API", graphiql["title"]!.GetValue<string>());
        Assert.Equal(1, graphiql["tokenField"]!.GetValue<int>()); // the test host runs in Development
        Assert.Contains("Query", graphiql["docs"]!.GetValue<string>());
    }

    private static async Task<string> SubmittedCampaignAsync(GraphQLClient owner, string title)
    {
        var id = (await owner.OkAsync(Documents.CreateCampaignId, new
        {
            input = new
            {
                title,
                description = "Un projet proposé par une habitante.",
                goal = new { amount = 300_000, currency = "EUR" },
                endsAt = DateTimeOffset.UtcNow.AddDays(20).ToString("O"),
            },
        }))["createCampaign"]!["id"]!.GetValue<string>();
        Assert.Equal("SUBMITTED", (await owner.OkAsync(Documents.SubmitCampaign, new { id }))["submitCampaign"]!["status"]!.GetValue<string>());
        return id;
    }
}
