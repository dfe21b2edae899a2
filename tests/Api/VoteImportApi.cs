using System.Net;
using Civic.Grains.Pabulib;
using Civic.Grains.Votes.Counting;
using Civic.Tests.Domain.Pabulib;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>Real elections imported through the API, counted by the grain, checked against what the cities recorded.</summary>
[Collection("api")]
public sealed class VoteImportApi(ApiFixture api)
{
    private const string Import = """
        mutation($input: ImportPabulibInput!) {
          importPabulib(input: $input) {
            id status ballots rule
            options { id externalId cost votes score }
            results { selected { id externalId } allocated leftOver projects { id score selected } }
          }
        }
        """;

    private async Task<(string Tenant, System.Text.Json.Nodes.JsonNode Vote)> ImportAsync(string name, bool close)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var data = await admin.OkAsync(Import, new { input = new { url = name, close } });
        return (tenant, data["importPabulib"]!);
    }

    [Theory]
    [MemberData(nameof(PabulibFiles.Files), MemberType = typeof(PabulibFiles))]
    public async Task Imported_election_counts_like_the_city_did(string name)
    {
        var file = PbReader.Read(PabulibFiles.PathOf(name));
        var (_, vote) = await ImportAsync(name, close: true);

        Assert.Equal("CLOSED", vote["status"]!.GetValue<string>());
        Assert.Equal(int.Parse(file.MetaValue("num_votes")!), vote["ballots"]!.GetValue<int>());
        var scoreColumn = file.ProjectExtraColumns.Contains("score") ? "score" : "votes";
        var options = vote["options"]!.AsArray().ToDictionary(o => o!["externalId"]!.GetValue<string>());
        foreach (var project in file.Projects)
        {
            var option = options[project.Id]!;
            Assert.Equal(long.Parse(file.ProjectValue(project, scoreColumn)!), option["score"]!.GetValue<long>());
            Assert.Equal((long)(project.Cost * 100), option["cost"]!.GetValue<long>());
        }

        var selected = vote["results"]!["selected"]!.AsArray().Select(s => s!["externalId"]!.GetValue<string>()).Order().ToArray();
        if (file.ProjectExtraColumns.Contains("selected"))
        {
            var recorded = file.Projects.Where(p => file.ProjectValue(p, "selected") == "1").Select(p => p.Id).Order().ToArray();
            Assert.Equal(recorded, selected);
        }
        else
        {
            // No recorded outcome: the grain's selection is the file's own rule applied to the file.
            var pb = PbElections.From(file);
            Assert.Equal(VoteCounting.Count(pb.Election, pb.Rule).Selected.Order().ToArray(), selected);
        }
    }

    [Fact]
    public async Task Export_gives_back_the_imported_projects_ballots_and_scores()
    {
        const string name = "France_Toulouse_2019.pb";
        var original = PbReader.Read(PabulibFiles.PathOf(name));
        var (tenant, vote) = await ImportAsync(name, close: true);
        using var anonymous = api.Client(tenant, null);

        var response = await anonymous.Http.GetAsync($"/exports/votes/{vote["id"]!.GetValue<string>()}/ballots.pb");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var exported = PbReader.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(original.Projects.Select(p => (p.Id, p.Cost)).Order(), exported.Projects.Select(p => (p.Id, p.Cost)).Order());
        Assert.Equal(Ballots(original), Ballots(exported));
        foreach (var project in original.Projects)
        {
            var back = exported.Projects.Single(p => p.Id == project.Id);
            Assert.Equal(original.ProjectValue(project, "score"), exported.ProjectValue(back, "score"));
            Assert.Equal(original.ProjectValue(project, "votes"), exported.ProjectValue(back, "votes"));
        }

        Assert.Equal(original.MetaValue("vote_type"), exported.MetaValue("vote_type"));
        Assert.Equal(original.MetaValue("rule"), exported.MetaValue("rule"));
        Assert.Equal(original.MetaValue("max_sum_points"), exported.MetaValue("max_sum_points"));
        Assert.Equal(decimal.Parse(original.MetaValue("budget")!), decimal.Parse(exported.MetaValue("budget")!));

        // Voters are pseudonyms, never the ids the file came with.
        Assert.Empty(exported.Votes.Select(v => v.VoterId).Intersect(original.Votes.Select(v => v.VoterId)));

        // And the round trip is stable: importing the export counts the same.
        using var admin = api.Admin(tenant);
        var again = (await admin.OkAsync(Import, new { input = new { content = await response.Content.ReadAsStringAsync(), close = true } }))["importPabulib"]!;
        Assert.Equal(
            vote["options"]!.AsArray().Select(o => (o!["externalId"]!.GetValue<string>(), o["score"]!.GetValue<long>())).Order(),
            again["options"]!.AsArray().Select(o => (o!["externalId"]!.GetValue<string>(), o["score"]!.GetValue<long>())).Order());
    }

    [Fact]
    public async Task Results_are_published_as_csv_and_json_once_closed()
    {
        var (tenant, open) = await ImportAsync("Poland_Krakow_2018_Bienczyce.pb", close: false);
        var id = open["id"]!.GetValue<string>();
        Assert.Equal("OPEN", open["status"]!.GetValue<string>());
        Assert.Equal(878, open["ballots"]!.GetValue<int>()); // live participation while open
        Assert.Null(open["results"]);
        using var anonymous = api.Client(tenant, null);
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.Http.GetAsync($"/exports/votes/{id}/results.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.Http.GetAsync($"/exports/votes/{id}/ballots.pb")).StatusCode);

        using var admin = api.Admin(tenant);
        await admin.OkAsync(Documents.CloseVote, new { id });
        var csv = await anonymous.Http.GetStringAsync($"/exports/votes/{id}/results.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,external_id,title,district,cost_cents,votes,score,selected", lines[0]);
        Assert.Equal(14, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("p1,6,", StringComparison.Ordinal) && l.EndsWith(",426,878,1", StringComparison.Ordinal));

        var json = System.Text.Json.Nodes.JsonNode.Parse(await anonymous.Http.GetStringAsync($"/exports/votes/{id}/results.json"))!;
        Assert.Equal(878, json["ballots"]!.GetValue<int>());
        Assert.Equal(13, json["projects"]!.AsArray().Count);
        Assert.DoesNotContain("voter", json.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Imports_by_url_stay_inside_the_import_folder()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var outside = await admin.SendAsync(Import, new { input = new { url = "file:///etc/passwd" } });
        Assert.Equal("NOT_FOUND", outside.FirstCode);
        var climbing = await admin.SendAsync(Import, new { input = new { url = "../../../etc/passwd" } });
        Assert.Equal("NOT_FOUND", climbing.FirstCode);
        var garbage = await admin.SendAsync(Import, new { input = new { content = "this is not a pabulib file" } });
        Assert.Equal("INVALID_FILE", garbage.FirstCode);
        using var alice = api.Member(tenant);
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(Import, new { input = new { url = "France_Toulouse_2019.pb" } })).FirstCode);
        var votes = await admin.OkAsync("{ votes { totalCount } }");
        Assert.Equal(0, votes["votes"]!["totalCount"]!.GetValue<int>());
    }

    private static string[] Ballots(PbFile file) =>
        [.. file.Votes.Select(v => string.Join(",", v.Vote) + "|" + string.Join(",", v.Points)).Order()];
}
