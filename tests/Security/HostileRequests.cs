using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>
/// What the hostile text and bounds suites share: a tenant with a live campaign (reward r1) and an open vote,
/// GraphQL documents whose hostile values travel as GraphQL string literals (escaped, so a NUL or a lone
/// surrogate reaches the resolver exactly as sent), and "nothing changed" as a snapshot plus the grains' totals.
/// </summary>
public sealed class HostileScene
{
    private HostileScene(ApiFixture api, string tenant, string campaign, string vote)
    {
        Api = api;
        Tenant = tenant;
        Campaign = campaign;
        Vote = vote;
    }

    public ApiFixture Api { get; }

    public string Tenant { get; }

    public string Campaign { get; }

    public string Vote { get; }

    public static string EndsAt => DateTimeOffset.UtcNow.AddDays(10).ToString("O", CultureInfo.InvariantCulture);

    public static async Task<HostileScene> CreateAsync(ApiFixture api)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var campaign = (await admin.OkAsync(Documents.CreateCampaign, new
        {
            input = new
            {
                title = "Jardin partagé",
                description = "Des bacs",
                rule = "KEEP_IT_ALL",
                goal = new { amount = 100_000, currency = "EUR" },
                endsAt = EndsAt,
                minContribution = 100,
                maxContribution = 100_000,
                rewards = new[] { new { title = "Un merci", minAmount = 100 } },
            },
        }))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();

        // Something in the books, so "unchanged" compares real totals.
        using var alice = api.Member(tenant, "alice");
        await alice.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 500, idempotencyKey = "seed" } });
        await alice.OkAsync(Documents.CastBallot, new { input = new { voteId = vote, choices = new[] { "p1" } } });
        return new HostileScene(api, tenant, campaign, vote);
    }

    public GraphQLClient As(string role) => role switch
    {
        "member" => Api.Member(Tenant, "mallory"),
        "admin" => Api.Admin(Tenant),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The tenant's rows and grain state, plus the totals the grains hold.</summary>
    public async Task<(TenantSnapshot Rows, string Totals)> StateAsync()
    {
        var rows = await TenantSnapshot.TakeAsync(Api.ConnectionString, Tenant);
        using var admin = Api.Admin(Tenant);
        var campaign = (await admin.OkAsync(Documents.Campaign, new { id = Campaign }))["campaign"]!;
        var vote = (await admin.OkAsync(Documents.Vote, new { id = Vote }))["vote"]!;
        return (rows, $"{campaign["raised"]!["amount"]}/{campaign["contributions"]}/{vote["ballots"]}/{vote["options"]!.ToJsonString()}");
    }

    /// <summary>Sends the document and asserts 200 with <paramref name="code"/>, and that nothing changed.</summary>
    public async Task AssertRefusedAsync(string role, string document, string code, string because, object? variables = null)
    {
        var before = await StateAsync();
        using var client = As(role);
        var result = await SendAsync(client, document, variables);
        Assert.True(result.Status == HttpStatusCode.OK && result.FirstCode == code,
            $"{because}: expected 200 {code}, got {(int)result.Status} {result.FirstCode}: {Cut(result.Body)}");
        Assert.DoesNotContain("   at ", result.Body);
        var after = await StateAsync();
        before.Rows.AssertSameAs(after.Rows, because);
        Assert.Equal(before.Totals, after.Totals);
    }

    /// <summary>Sends the document and asserts it succeeded.</summary>
    public async Task<JsonNode> AssertAcceptedAsync(string role, string document, string because, object? variables = null)
    {
        using var client = As(role);
        var result = await SendAsync(client, document, variables);
        Assert.True(result.Status == HttpStatusCode.OK && result.Errors is null, $"{because}: {(int)result.Status} {Cut(result.Body)}");
        return result.Data!;
    }

    /// <summary>
    /// Posts the document as ASCII JSON (the document's own escapes carry any other character). Values too long
    /// for a document (GraphQL:MaxDocumentLength) travel as <paramref name="variables"/>, as a front-end sends them.
    /// </summary>
    public static async Task<GraphQLResult> SendAsync(GraphQLClient client, string document, object? variables = null)
    {
        var body = "{\"query\":" + JsonString(document)
            + (variables is null ? "" : ",\"variables\":" + System.Text.Json.JsonSerializer.Serialize(variables)) + "}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.Http.PostAsync("/graphql", content);
        return new GraphQLResult(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A GraphQL string literal of <paramref name="value"/>, every character outside printable ASCII escaped as \uXXXX.</summary>
    public static string Literal(string value)
    {
        var s = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                s.Append(c);
            }
            else
            {
                s.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return s.Append('"').ToString();
    }

    private static string JsonString(string value)
    {
        var s = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return s.Append('"').ToString();
    }

    private static string Cut(string body) => body.Length > 600 ? body[..600] : body;
}
