using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// The end of an idea's road (issue 11): moderators turn an accepted idea into an option of a vote that has not opened,
/// with its cost, linked both ways; the tenant's declared area bounds ideas' locations; and who may see an idea's
/// supporters (moderators all, a member their own, the anonymous only the count).
/// </summary>
[Collection("api-clock")]
public sealed class IdeaProjectsApi(ClockedApiFixture api)
{
    private const string Project = """
        query($id: ID!) { idea(id: $id) { state voteId voteOption { id title cost votes ideaId } answers { state text } } }
        """;

    private const string VoteOptions = "query($id: ID!) { vote(id: $id) { status options { id title cost ideaId externalId } } }";

    private const string Supporters = """
        query($id: ID!, $first: Int, $after: String) {
          idea(id: $id) { supports(first: $first, after: $after) { totalCount edges { node { memberId supportedAt } } pageInfo { hasNextPage endCursor } } }
        }
        """;

    private const string Area = "mutation($area: GeoAreaInput) { setTenantArea(area: $area) { slug area { south west north east } } }";

    private async Task<(string Tenant, string Box, string Idea)> IdeaAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var alice = api.Member(tenant, "alice");
        var idea = (await alice.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea() }))["submitIdea"]!["id"]!.GetValue<string>();
        return (tenant, box, idea);
    }

    private async Task<string> VoteAsync(GraphQLClient admin, DateTimeOffset? opensAt)
    {
        var input = new
        {
            input = new
            {
                title = "Budget participatif 2028",
                ballotType = "APPROVAL",
                minChoices = 1,
                maxChoices = 1,
                options = new[] { new { title = "Pistes cyclables", cost = 600_000L } },
                budget = new { amount = 1_000_000L, currency = "EUR" },
                opensAt = opensAt?.ToString("O"),
                closesAt = api.Now.AddDays(30).ToString("O"),
            },
        };
        return (await admin.OkAsync(Documents.CreateVote, input))["createVote"]!["id"]!.GetValue<string>();
    }

    private static object Turn(string id, string voteId, long cost = 250_000, string text = "Retenue pour le budget participatif.") =>
        new { id, voteId, cost, text };

    private const string TurnDocument = """
        mutation($id: ID!, $voteId: ID!, $cost: Long!, $text: String!, $title: String) {
          turnIdeaIntoProject(id: $id, voteId: $voteId, cost: $cost, text: $text, title: $title) { id state voteId voteOption { id cost ideaId } }
        }
        """;

    [Fact]
    public async Task An_accepted_idea_becomes_an_option_of_a_draft_vote_with_its_cost_linked_both_ways()
    {
        var (tenant, _, idea) = await IdeaAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        var draft = await VoteAsync(admin, api.Now.AddDays(2));
        var open = await VoteAsync(admin, opensAt: null);

        // Only an accepted idea, only by moderators and admins, only into a vote that has not opened.
        Assert.Equal("INVALID_TRANSITION", (await moderator.SendAsync(TurnDocument, Turn(idea, draft))).FirstCode);
        await moderator.OkAsync(IdeaDocuments.Answer, new { id = idea, state = "ACCEPTED", text = "Bonne idée, retenue." });
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(TurnDocument, Turn(idea, draft))).FirstCode);
        Assert.Equal("NOT_FOUND", (await moderator.SendAsync(TurnDocument, Turn(idea, "vt_nope"))).FirstCode);
        Assert.Equal("NOT_FOUND", (await moderator.SendAsync(TurnDocument, Turn(idea, "vt_0000000000000000"))).FirstCode);
        Assert.Equal("VOTE_STARTED", (await moderator.SendAsync(TurnDocument, Turn(idea, open))).FirstCode);
        Assert.Equal("VALIDATION", (await moderator.SendAsync(TurnDocument, Turn(idea, draft, cost: -1))).FirstCode);
        Assert.Equal("VALIDATION", (await moderator.SendAsync(TurnDocument, Turn(idea, draft, text: ""))).FirstCode);
        Assert.Single((await admin.OkAsync(VoteOptions, new { id = open }))["vote"]!["options"]!.AsArray());
        Assert.Single((await admin.OkAsync(VoteOptions, new { id = draft }))["vote"]!["options"]!.AsArray());
        Assert.Equal("accepted", await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select state from civic_ideas where tenant = @t and idea_id = @i", ("t", tenant), ("i", idea)));

        var turned = (await moderator.OkAsync(TurnDocument, Turn(idea, draft)))["turnIdeaIntoProject"]!;
        Assert.Equal("TURNED_INTO_PROJECT", turned["state"]!.GetValue<string>());
        Assert.Equal(draft, turned["voteId"]!.GetValue<string>());
        Assert.Equal(250_000, turned["voteOption"]!["cost"]!.GetValue<long>());
        Assert.Equal(idea, turned["voteOption"]!["ideaId"]!.GetValue<string>());

        // From the vote: the new option, its cost and its idea; the vote's own option has none.
        var options = (await alice.OkAsync(VoteOptions, new { id = draft }))["vote"]!["options"]!.AsArray();
        Assert.Equal(2, options.Count);
        Assert.Null(options[0]!["ideaId"]);
        Assert.Equal("Des arbres rue Pasteur", options[1]!["title"]!.GetValue<string>());
        Assert.Equal(250_000, options[1]!["cost"]!.GetValue<long>());
        Assert.Equal(idea, options[1]!["ideaId"]!.GetValue<string>());
        Assert.Equal(turned["voteOption"]!["id"]!.GetValue<string>(), options[1]!["id"]!.GetValue<string>());

        // From the idea, read anew: the state, the link, and the public answer of the move.
        var read = (await alice.OkAsync(Project, new { id = idea }))["idea"]!;
        Assert.Equal("TURNED_INTO_PROJECT", read["state"]!.GetValue<string>());
        Assert.Equal(options[1]!["id"]!.GetValue<string>(), read["voteOption"]!["id"]!.GetValue<string>());
        Assert.Null(read["voteOption"]!["votes"]); // a draft vote shows no option's count
        Assert.Equal("Retenue pour le budget participatif.", read["answers"]!.AsArray().Last()!["text"]!.GetValue<string>());

        // Once: a second turn is refused and the vote keeps two options.
        Assert.Equal("INVALID_TRANSITION", (await moderator.SendAsync(TurnDocument, Turn(idea, draft))).FirstCode);
        Assert.Equal(2, (await admin.OkAsync(VoteOptions, new { id = draft }))["vote"]!["options"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_vote_that_already_has_the_ideas_option_answers_it_again_instead_of_adding_one()
    {
        var (tenant, _, idea) = await IdeaAsync();
        using var admin = api.Admin(tenant);
        var draft = await VoteAsync(admin, api.Now.AddDays(2));
        var actor = new Actor(tenant, "admin", Role.Admin);
        var vote = api.Grains.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, draft));

        // As when the idea's write failed after the vote's: the same request again finds the option made the first time.
        var first = await vote.AddOptionAsync(new VoteOptionInput("Des arbres", 100_000, ExternalId: idea), actor);
        var again = await vote.AddOptionAsync(new VoteOptionInput("Des arbres", 100_000, ExternalId: idea), actor);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal("p2", first.Id);
        Assert.Equal(2, (await vote.GetAsync(actor))!.Options.Length);
        var member = new Actor(tenant, "alice", Role.Member);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<CivicException>(() => vote.AddOptionAsync(new VoteOptionInput("X", 1), member))).Code);
    }

    [Fact]
    public async Task The_tenants_declared_area_bounds_the_locations_of_ideas()
    {
        var (tenant, box, _) = await IdeaAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        var toulouse = new { south = 43.50, west = 1.35, north = 43.67, east = 1.52 };

        Assert.Equal("FORBIDDEN", (await alice.SendAsync(Area, new { area = toulouse })).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(Area, new { area = new { south = 43.67, west = 1.35, north = 43.50, east = 1.52 } })).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(Area, new { area = new { south = 43.5, west = 1.35, north = 91.0, east = 1.52 } })).FirstCode);
        var set = (await admin.OkAsync(Area, new { area = toulouse }))["setTenantArea"]!;
        Assert.Equal(43.67, set["area"]!["north"]!.GetValue<double>());
        using (var fresh = api.Member(tenant, "bob"))
        {
            Assert.Equal(1.35, (await fresh.OkAsync("{ tenant { area { west } } }"))["tenant"]!["area"]!["west"]!.GetValue<double>());
        }

        object Idea(double latitude, double longitude) => new
        {
            box,
            input = new { title = "Un banc", body = "Place du Capitole.", category = "Nature", location = new { latitude, longitude } },
        };

        Assert.Equal("VALIDATION", (await alice.SendAsync(IdeaDocuments.Submit, Idea(48.8566, 2.3522))).FirstCode); // Paris
        var inside = (await alice.OkAsync(IdeaDocuments.Submit, Idea(43.6045, 1.4440)))["submitIdea"]!;
        Assert.Equal(43.6045, inside["location"]!["latitude"]!.GetValue<double>());
        var edit = new { id = inside["id"]!.GetValue<string>(), input = new { title = "Un banc", body = "Ailleurs.", category = "Nature", location = new { latitude = 48.8566, longitude = 2.3522 } } };
        Assert.Equal("VALIDATION", (await alice.SendAsync(IdeaDocuments.Edit, edit)).FirstCode);
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_ideas where tenant = @t and latitude is not null", ("t", tenant)));

        // No area any more: anywhere on Earth.
        Assert.Null((await admin.OkAsync(Area, new { area = (object?)null }))["setTenantArea"]!["area"]);
        Assert.NotNull((await alice.OkAsync(IdeaDocuments.Submit, Idea(48.8566, 2.3522)))["submitIdea"]!["id"]);
    }

    [Fact]
    public async Task Moderators_see_every_supporter_a_member_only_their_own_support_and_the_anonymous_only_the_count()
    {
        var (tenant, _, idea) = await IdeaAsync();
        for (var i = 0; i < 5; i++)
        {
            using var member = api.Member(tenant, $"m{i}");
            await member.OkAsync(IdeaDocuments.Support, new { id = idea });
            api.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = (await moderator.OkAsync(Supporters, new { id = idea, first = 2, after }))["idea"]!["supports"]!;
            Assert.Equal(5, page["totalCount"]!.GetValue<int>());
            seen.AddRange(page["edges"]!.AsArray().Select(e => e!["node"]!["memberId"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(["m4", "m3", "m2", "m1", "m0"], seen); // newest first, each once

        using var m2 = api.Member(tenant, "m2");
        var own = (await m2.OkAsync(Supporters, new { id = idea }))["idea"]!["supports"]!;
        Assert.Equal(5, own["totalCount"]!.GetValue<int>());
        Assert.Equal("m2", Assert.Single(own["edges"]!.AsArray())!["node"]!["memberId"]!.GetValue<string>());

        using var alice = api.Member(tenant, "alice"); // the author supports nothing: sees no one
        Assert.Empty((await alice.OkAsync(Supporters, new { id = idea }))["idea"]!["supports"]!["edges"]!.AsArray());
        using var anonymous = api.Client(tenant, null);
        var count = (await anonymous.OkAsync(Supporters, new { id = idea }))["idea"]!["supports"]!;
        Assert.Equal(5, count["totalCount"]!.GetValue<int>());
        Assert.Empty(count["edges"]!.AsArray());
        Assert.Equal("VALIDATION", (await moderator.SendAsync(Supporters, new { id = idea, after = "garbage" })).FirstCode);

        // A withdrawn support leaves the list and the count.
        await m2.OkAsync(IdeaDocuments.WithdrawSupport, new { id = idea });
        var after2 = (await moderator.OkAsync(Supporters, new { id = idea }))["idea"]!["supports"]!;
        Assert.Equal(4, after2["totalCount"]!.GetValue<int>());
        Assert.DoesNotContain("m2", after2["edges"]!.AsArray().Select(e => e!["node"]!["memberId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Ideas_under_review_past_their_answer_deadline_are_listed_as_overdue_for_moderators()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var input = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(IdeaDocuments.NewBox(api.Now)))!.AsObject();
        input["input"]!["answerDeadlineDays"] = 2;
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, input))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var alice = api.Member(tenant, "alice");
        async Task<string> SubmitAsync(string title) =>
            (await alice.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea(title) }))["submitIdea"]!["id"]!.GetValue<string>();
        var early = await SubmitAsync("Première idée");
        var answered = await SubmitAsync("Deuxième idée");
        var late = await SubmitAsync("Troisième idée");
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        await moderator.OkAsync(IdeaDocuments.Answer, new { id = early, state = "UNDER_REVIEW", text = "À l'étude." });
        await moderator.OkAsync(IdeaDocuments.Answer, new { id = answered, state = "UNDER_REVIEW", text = "À l'étude." });
        api.Clock.Advance(TimeSpan.FromDays(1));
        await moderator.OkAsync(IdeaDocuments.Answer, new { id = late, state = "UNDER_REVIEW", text = "À l'étude." });
        await moderator.OkAsync(IdeaDocuments.Answer, new { id = answered, state = "ACCEPTED", text = "Oui." });

        const string overdue = """
            query($box: ID, $first: Int, $after: String) {
              overdueIdeas(boxId: $box, first: $first, after: $after) { edges { node { id answerDueAt } } pageInfo { hasNextPage endCursor } }
            }
            """;
        Assert.Empty((await moderator.OkAsync(overdue, new { box }))["overdueIdeas"]!["edges"]!.AsArray());
        api.Clock.Advance(TimeSpan.FromDays(1.5)); // early's answer was due half a day ago, late's is due in half a day
        Assert.Equal([early], (await moderator.OkAsync(overdue, new { box }))["overdueIdeas"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        api.Clock.Advance(TimeSpan.FromDays(1));
        var page = (await moderator.OkAsync(overdue, new { first = 1 }))["overdueIdeas"]!;
        Assert.Equal(early, page["edges"]![0]!["node"]!["id"]!.GetValue<string>());
        Assert.NotNull(page["edges"]![0]!["node"]!["answerDueAt"]);
        var next = (await moderator.OkAsync(overdue, new { first = 1, after = page["pageInfo"]!["endCursor"]!.GetValue<string>() }))["overdueIdeas"]!;
        Assert.Equal(late, next["edges"]![0]!["node"]!["id"]!.GetValue<string>());
        Assert.False(next["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(overdue, new { box })).FirstCode);
        Assert.Equal("NOT_FOUND", (await moderator.SendAsync(overdue, new { box = "nope" })).FirstCode);
    }
}
