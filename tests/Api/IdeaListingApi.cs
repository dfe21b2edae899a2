using System.Diagnostics;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// What idea lists show per reader (issue 11): hidden ideas left out for all but their author and moderators (and
/// blanked in <c>idea(id)</c>), and each row's comment count, hidden state and the reader's support read with the
/// page in one query, not one per idea.
/// </summary>
[Collection("api-clock")]
public sealed class IdeaListingApi(ClockedApiFixture api)
{
    private const string List = """
        query($box: ID!) {
          ideas(boxId: $box, order: NEWEST) { edges { node { id title commentCount hidden hiddenReason supportedByMe } } }
        }
        """;

    private const string One = "query($id: ID!) { idea(id: $id) { title body bodyHtml hidden hiddenReason supportedByMe commentCount versions { title } } }";

    private static async Task<Dictionary<string, JsonNode>> ListAsync(GraphQLClient client, string box) =>
        (await client.OkAsync(List, new { box }))["ideas"]!["edges"]!.AsArray()
            .ToDictionary(e => e!["node"]!["id"]!.GetValue<string>(), e => e!["node"]!);

    private static async Task<string> SubmitAsync(GraphQLClient member, string box, string title, string body) =>
        (await member.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea(title, body) }))["submitIdea"]!["id"]!.GetValue<string>();

    [Fact]
    public async Task A_hidden_idea_is_listed_only_for_its_author_and_moderators_and_blanked_for_others()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        using var anonymous = api.Client(tenant, null);
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        var trees = await SubmitAsync(alice, box, "Des arbres rue Pasteur", "Planter des platanes pour l'ombre.");
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var spam = await SubmitAsync(bob, box, "Des arbres partout", "Achetez mes platanes en promotion.");
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "IDEA", id = spam, act = "HIDE", reason = "Publicité." });

        Assert.Equal([trees], (await ListAsync(alice, box)).Keys);
        Assert.Equal([trees], (await ListAsync(anonymous, box)).Keys);
        var own = await ListAsync(bob, box);
        Assert.Equal([spam, trees], own.Keys);
        Assert.True(own[spam]["hidden"]!.GetValue<bool>());
        Assert.Equal("Publicité.", own[spam]["hiddenReason"]!.GetValue<string>());
        var moderated = await ListAsync(moderator, box);
        Assert.Equal([spam, trees], moderated.Keys);
        Assert.Equal("Publicité.", moderated[spam]["hiddenReason"]!.GetValue<string>());
        Assert.False(moderated[trees]["hidden"]!.GetValue<bool>());

        const string similar = "query($box: ID!) { similarIdeas(boxId: $box, text: \"platanes\") { id } }";
        Assert.Equal([trees], (await alice.OkAsync(similar, new { box }))["similarIdeas"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(2, (await bob.OkAsync(similar, new { box }))["similarIdeas"]!.AsArray().Count);

        // idea(id): others learn only that it is hidden; its author and moderators read it.
        var seen = (await alice.OkAsync(One, new { id = spam }))["idea"]!;
        Assert.True(seen["hidden"]!.GetValue<bool>());
        Assert.Equal("", seen["title"]!.GetValue<string>());
        Assert.Equal("", seen["body"]!.GetValue<string>());
        Assert.Equal("", seen["bodyHtml"]!.GetValue<string>());
        Assert.Null(seen["hiddenReason"]);
        Assert.Equal("Des arbres partout", (await bob.OkAsync(One, new { id = spam }))["idea"]!["title"]!.GetValue<string>());
        Assert.Equal("Des arbres partout", (await moderator.OkAsync(One, new { id = spam }))["idea"]!["title"]!.GetValue<string>());

        // Restored: listed for everyone again.
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "IDEA", id = spam, act = "RESTORE", reason = "Finalement acceptable." });
        Assert.Equal([spam, trees], (await ListAsync(alice, box)).Keys);
    }

    [Fact]
    public async Task A_page_reads_comment_counts_hidden_state_and_the_readers_supports_in_one_query()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        using var anonymous = api.Client(tenant, null);
        var ideas = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ideas.Add(await SubmitAsync(alice, box, $"Idée numéro {i}", $"Le texte de l'idée {i}."));
            api.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await bob.OkAsync(IdeaDocuments.Support, new { id = ideas[0] });
        await bob.OkAsync(IdeaDocuments.Support, new { id = ideas[2] });
        await bob.OkAsync(IdeaDocuments.WithdrawSupport, new { id = ideas[2] });
        await bob.OkAsync(CommentDocuments.Comment, CommentDocuments.New(ideas[1]));
        await bob.OkAsync(CommentDocuments.Comment, CommentDocuments.New(ideas[1], "Et aussi."));

        var statements = new List<string>();
        var trace = ActivityTraceId.CreateRandom();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" or "Microsoft.AspNetCore" or "System.Net.Http" or nameof(IdeaListingApi),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.Source.Name == "Npgsql" && a.TraceId == trace)
                {
                    lock (statements)
                    {
                        statements.Add((a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement"))?.ToString() ?? "");
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        Dictionary<string, JsonNode> page;
        using (var source = new ActivitySource(nameof(IdeaListingApi)))
        using (source.StartActivity("list", ActivityKind.Client, new ActivityContext(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded)))
        {
            page = await ListAsync(bob, box);
        }

        Assert.Equal(4, page.Count);
        Assert.Equal([true, false, false, false], ideas.Select(i => page[i]["supportedByMe"]!.GetValue<bool>()));
        Assert.Equal([0, 2, 0, 0], ideas.Select(i => page[i]["commentCount"]!.GetValue<int>()));
        Assert.All(page.Values, i => Assert.False(i["hidden"]!.GetValue<bool>()));
        lock (statements)
        {
            // The page itself is one statement on civic_ideas; no statement per idea after it.
            Assert.Single(statements, s => s.Contains("civic_ideas") || s.Contains("civic_idea_supports"));
        }

        Assert.All((await ListAsync(anonymous, box)).Values, i => Assert.False(i["supportedByMe"]!.GetValue<bool>()));
        Assert.False((await alice.OkAsync(One, new { id = ideas[0] }))["idea"]!["supportedByMe"]!.GetValue<bool>());
        var one = (await bob.OkAsync(One, new { id = ideas[0] }))["idea"]!;
        Assert.True(one["supportedByMe"]!.GetValue<bool>());
        Assert.Equal(2, (await bob.OkAsync(One, new { id = ideas[1] }))["idea"]!["commentCount"]!.GetValue<int>());
    }
}
