using System.Text.Json.Nodes;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// Idea boxes over GraphQL (issue 11): a box's sanitised brief, submitting with similar-idea hints, supports
/// and their threshold, lists in every order (random stable for one seed), filters, full-text search in the
/// tenant's language, and answers; the lists come from PostgreSQL.
/// </summary>
[Collection("api-clock")]
public sealed class IdeaBoxApi(ClockedApiFixture api)
{
    private async Task<(string Tenant, string Box)> BoxAsync(object? threshold = null)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now, threshold)))["createIdeaBox"]!;
        Assert.True(box["isOpen"]!.GetValue<bool>());
        Assert.Equal("<p>Vos idées pour <strong>le quartier</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>", box["briefHtml"]!.GetValue<string>());
        return (tenant, box["id"]!.GetValue<string>());
    }

    private static async Task<string> SubmitAsync(GraphQLClient member, string box, string title, string body, string category = "Nature") =>
        (await member.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea(title, body, category) }))["submitIdea"]!["id"]!.GetValue<string>();

    private static async Task<List<JsonNode>> AllAsync(GraphQLClient client, string box, object extra)
    {
        var all = new List<JsonNode>();
        string? after = null;
        while (true)
        {
            var variables = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject();
            variables["box"] = box;
            variables["first"] = 2;
            variables["after"] = after;
            var page = (await client.OkAsync(IdeaDocuments.Ideas, variables))["ideas"]!;
            all.AddRange(page["edges"]!.AsArray().Select(e => e!["node"]!));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                return all;
            }

            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
    }

    [Fact]
    public async Task Members_submit_support_and_find_ideas_in_every_order_with_filters_and_search()
    {
        var (tenant, box) = await BoxAsync();
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        var trees = await SubmitAsync(alice, box, "Des arbres rue Pasteur", "Planter des platanes pour l'ombre des piétons.");
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var bikes = await SubmitAsync(bob, box, "Pistes cyclables protégées", "Des pistes séparées des voitures boulevard Carnot.", "Mobilité");
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var fountain = await SubmitAsync(alice, box, "Une fontaine au parc", "De l'eau potable pour les enfants du parc.");
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var bench = await SubmitAsync(bob, box, "Des bancs à l'ombre", "Des bancs sous les arbres du mail.");
        var withdrawn = await SubmitAsync(bob, box, "Idée retirée", "Finalement non.");
        Assert.Equal("WITHDRAWN", (await bob.OkAsync(IdeaDocuments.Withdraw, new { id = withdrawn }))["withdrawIdea"]!["state"]!.GetValue<string>());

        foreach (var (who, idea) in new[] { ("m1", bikes), ("m2", bikes), ("m3", bikes), ("m1", trees), ("m2", trees), ("m1", bench) })
        {
            using var member = api.Member(tenant, who);
            Assert.True((await member.OkAsync(IdeaDocuments.Support, new { id = idea }))["supportIdea"]!["supporting"]!.GetValue<bool>());
        }

        using var again = api.Member(tenant, "m1");
        Assert.Equal("ALREADY_SUPPORTED", (await again.SendAsync(IdeaDocuments.Support, new { id = bikes })).FirstCode);

        // The list's counts are written a second after the supports at most, and when an idea's grain deactivates:
        // deactivating them writes them now.
        await api.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal([bikes, trees, bench, fountain],
            (await AllAsync(alice, box, new { order = "MOST_SUPPORTED" })).Select(n => n["id"]!.GetValue<string>()));

        var newest = (await AllAsync(alice, box, new { order = "NEWEST" })).Select(n => n["id"]!.GetValue<string>()).ToList();
        Assert.Equal([bench, fountain, bikes, trees], newest); // the withdrawn one is never listed

        // Random: the same seed pages the same way; every idea once.
        var first = (await AllAsync(alice, box, new { order = "RANDOM", seed = "visitor-42" })).Select(n => n["id"]!.GetValue<string>()).ToList();
        var second = (await AllAsync(bob, box, new { order = "RANDOM", seed = "visitor-42" })).Select(n => n["id"]!.GetValue<string>()).ToList();
        Assert.Equal(first, second);
        Assert.Equal(4, first.Distinct().Count());

        // Filters and French full-text search (plural and singular meet: "arbre" finds "arbres").
        Assert.Equal([bikes], (await AllAsync(alice, box, new { category = "Mobilité" })).Select(n => n["id"]!.GetValue<string>()));
        var shade = (await AllAsync(alice, box, new { search = "arbre" })).Select(n => n["id"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(new[] { trees, bench }.Order().ToList(), shade);
        Assert.Empty(await AllAsync(alice, box, new { search = "piscine" }));

        // Hints before submitting: ideas sharing any word of the draft, best first.
        var hints = (await alice.OkAsync(IdeaDocuments.Similar, new { box, text = "Planter des arbres" }))["similarIdeas"]!.AsArray()
            .Select(n => n!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(trees, hints[0]);
        Assert.Contains(bench, hints);
        Assert.DoesNotContain(bikes, hints);
    }

    [Fact]
    public async Task The_threshold_sends_an_idea_to_review_and_moderators_answer_it_publicly()
    {
        var (tenant, box) = await BoxAsync(threshold: new { supports = 2 });
        using var alice = api.Member(tenant, "alice");
        var idea = await SubmitAsync(alice, box, "Un marché bio le samedi", "Place de la mairie.");

        using (var m1 = api.Member(tenant, "m1"))
        {
            Assert.Equal("SUBMITTED", (await m1.OkAsync(IdeaDocuments.Support, new { id = idea }))["supportIdea"]!["state"]!.GetValue<string>());
        }

        using (var m2 = api.Member(tenant, "m2"))
        {
            Assert.Equal("UNDER_REVIEW", (await m2.OkAsync(IdeaDocuments.Support, new { id = idea }))["supportIdea"]!["state"]!.GetValue<string>());
        }

        Assert.Equal("FORBIDDEN", (await alice.SendAsync(IdeaDocuments.Answer, new { id = idea, state = "ACCEPTED", text = "Oui" })).FirstCode);
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Civic.Grains.Interfaces.Role.Moderator));
        var answered = (await moderator.OkAsync(IdeaDocuments.Answer, new { id = idea, state = "ACCEPTED", text = "Retenue pour 2028." }))["answerIdea"]!;
        Assert.Equal("ACCEPTED", answered["state"]!.GetValue<string>());
        Assert.Equal("Retenue pour 2028.", answered["answers"]![0]!["text"]!.GetValue<string>());

        // Lists read answers from the idea when asked; the filter by state finds it.
        var listed = Assert.Single(await AllAsync(alice, box, new { state = "ACCEPTED" }));
        Assert.Equal("Retenue pour 2028.", listed["answers"]![0]!["text"]!.GetValue<string>());

        // Edits end with the first support; the author's own edit window is gone.
        Assert.Equal("INVALID_TRANSITION", (await alice.SendAsync(IdeaDocuments.Edit, new { id = idea, input = IdeaDocuments.NewIdea("Changée") })).FirstCode);
    }

    [Fact]
    public async Task Bad_input_gets_clear_codes_and_changes_nothing()
    {
        var (tenant, box) = await BoxAsync();
        using var alice = api.Member(tenant, "alice");
        Assert.Equal("VALIDATION", (await alice.SendAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea(new string('t', 151)) })).FirstCode);
        Assert.Equal("VALIDATION", (await alice.SendAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea(body: "nul\u0000") })).FirstCode);
        Assert.Equal("VALIDATION", (await alice.SendAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea(category: "Culture") })).FirstCode);
        Assert.Equal("NOT_FOUND", (await alice.SendAsync(IdeaDocuments.Submit, new { box = "ib_nope", input = IdeaDocuments.NewIdea() })).FirstCode);
        Assert.Equal("NOT_FOUND", (await alice.SendAsync(IdeaDocuments.Support, new { id = "cp_notanidea00000" })).FirstCode);
        Assert.Equal("VALIDATION", (await alice.SendAsync(IdeaDocuments.Ideas, new { box, after = "garbage" })).FirstCode);
        Assert.Equal("NOT_FOUND", (await alice.SendAsync(IdeaDocuments.Ideas, new { box = "ib_nope" })).FirstCode);
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString, "select count(*) from civic_ideas where tenant = @t", ("t", tenant)));

        // Five ideas per member by default.
        for (var i = 0; i < 5; i++)
        {
            await SubmitAsync(alice, box, $"Idée {i}", "Texte.");
        }

        Assert.Equal("LIMIT_EXCEEDED", (await alice.SendAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea() })).FirstCode);
    }
}
