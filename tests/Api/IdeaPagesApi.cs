using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api;

/// <summary>
/// The reads the idea pages need beside the lists (issues 11 and 13): who is asking (viewer), one comment by its id with
/// the item it is on and its replies paged, what a queued report is about, a box's report threshold and whether a listed
/// box is open.
/// </summary>
[Collection("api-clock")]
public sealed class IdeaPagesApi(ClockedApiFixture api)
{
    private const string Viewer = "{ viewer { id role tenant displayName } }";

    private const string OneComment = """
        query($id: ID!, $first: Int, $after: String) {
          comment(id: $id) {
            id itemKind itemId authorId body hidden hiddenReason
            replies(first: $first, after: $after) { edges { node { id body itemId } } pageInfo { hasNextPage endCursor } }
          }
        }
        """;

    [Fact]
    public async Task Viewer_is_the_token_user_with_the_account_name_and_null_when_anonymous_or_of_another_tenant()
    {
        var tenant = await api.NewTenantAsync();
        var other = await api.NewTenantAsync();
        using (var anonymous = api.Client(tenant, null))
        {
            Assert.Null((await anonymous.OkAsync(Viewer))["viewer"]);
        }

        using (var alice = api.Member(tenant, "alice"))
        {
            var me = (await alice.OkAsync(Viewer))["viewer"]!;
            Assert.Equal("alice", me["id"]!.GetValue<string>());
            Assert.Equal("MEMBER", me["role"]!.GetValue<string>());
            Assert.Equal(tenant, me["tenant"]!.GetValue<string>());
            Assert.Null(me["displayName"]); // a development token's user has no account
        }

        using (var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator)))
        {
            Assert.Equal("MODERATOR", (await moderator.OkAsync(Viewer))["viewer"]!["role"]!.GetValue<string>());
        }

        using (var stranger = api.Client(tenant, api.Tokens.Issue(other, "alice", Role.Admin)))
        {
            Assert.Null((await stranger.OkAsync(Viewer))["viewer"]);
        }

        var accounts = new AccountMails(api);
        var accountId = await accounts.ConfirmedAsync(tenant, AccountMails.NewEmail("delphine"), name: "Delphine Durand");
        using var member = accounts.SignedIn(tenant, accountId);
        var account = (await member.OkAsync(Viewer))["viewer"]!;
        Assert.Equal(accountId, account["id"]!.GetValue<string>());
        Assert.Equal("Delphine Durand", account["displayName"]!.GetValue<string>());
        Assert.DoesNotContain("@", account.ToJsonString(), StringComparison.Ordinal); // never the e-mail
    }

    [Fact]
    public async Task A_comment_by_id_names_its_idea_pages_its_replies_and_shows_hidden_text_to_its_author_and_moderators_only()
    {
        var tenant = await api.NewTenantAsync();
        var (idea, comment) = await CommentDocuments.IdeaWithCommentAsync(api, tenant, "Oui, et des bancs.");
        using var carol = api.Member(tenant, "carol");
        var replies = new List<string>();
        foreach (var text in new[] { "Première réponse.", "Deuxième réponse.", "Troisième réponse." })
        {
            replies.Add((await carol.OkAsync(CommentDocuments.Comment, new { idea, input = new { body = text, parentId = comment } }))["commentIdea"]!["id"]!.GetValue<string>());
        }

        using var anonymous = api.Client(tenant, null);
        var found = (await anonymous.OkAsync(OneComment, new { id = comment, first = 2 }))["comment"]!;
        Assert.Equal("idea", found["itemKind"]!.GetValue<string>());
        Assert.Equal(idea, found["itemId"]!.GetValue<string>());
        Assert.Equal("Oui, et des bancs.", found["body"]!.GetValue<string>());
        var page = found["replies"]!;
        Assert.Equal(2, Ids(page).Length);
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var rest = (await anonymous.OkAsync(OneComment, new { id = comment, first = 2, after = page["pageInfo"]!["endCursor"]!.GetValue<string>() }))["comment"]!["replies"]!;
        Assert.Single(Ids(rest));
        Assert.False(rest["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(replies.Order(StringComparer.Ordinal), Ids(page).Concat(Ids(rest)).Order(StringComparer.Ordinal)); // each reply once, over two pages
        var reply = (await anonymous.OkAsync(OneComment, new { id = replies[0] }))["comment"]!;
        Assert.Equal(idea, reply["itemId"]!.GetValue<string>());

        // No such comment, a malformed id, another tenant's comment: null, not an error.
        Assert.Null((await anonymous.OkAsync(OneComment, new { id = "cm_0000000000000000" }))["comment"]);
        Assert.Null((await anonymous.OkAsync(OneComment, new { id = "nope" }))["comment"]);
        using (var elsewhere = api.Client(await api.NewTenantAsync(), null))
        {
            Assert.Null((await elsewhere.OkAsync(OneComment, new { id = comment }))["comment"]);
        }

        // Hidden by a moderator: the same rules as the lists.
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "HIDE", reason = "Publicité." });
        var hidden = (await anonymous.OkAsync(OneComment, new { id = comment }))["comment"]!;
        Assert.True(hidden["hidden"]!.GetValue<bool>());
        Assert.Null(hidden["body"]);
        Assert.Null(hidden["hiddenReason"]);
        Assert.Null((await carol.OkAsync(OneComment, new { id = comment }))["comment"]!["body"]);
        using var bob = api.Member(tenant, "bob");
        var own = (await bob.OkAsync(OneComment, new { id = comment }))["comment"]!;
        Assert.Equal("Oui, et des bancs.", own["body"]!.GetValue<string>());
        Assert.Equal("Publicité.", own["hiddenReason"]!.GetValue<string>());
        Assert.Equal("Oui, et des bancs.", (await moderator.OkAsync(OneComment, new { id = comment }))["comment"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_queue_shows_what_was_reported_and_the_idea_to_open()
    {
        var tenant = await api.NewTenantAsync();
        var long_ = "Achetez nos montres. " + new string('x', 400);
        var (idea, comment) = await CommentDocuments.IdeaWithCommentAsync(api, tenant, long_);
        using var dora = api.Member(tenant, "dora");
        await dora.OkAsync(ModerationDocuments.Report, new { kind = "COMMENT", id = comment, reason = "SPAM" });
        await dora.OkAsync(ModerationDocuments.Report, new { kind = "IDEA", id = idea, reason = "OFF_TOPIC" });

        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        var items = (await moderator.OkAsync("{ moderationQueue { edges { node { itemKind itemId title excerpt ideaId } } } }"))
            ["moderationQueue"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToDictionary(n => n["itemKind"]!.GetValue<string>());
        var onComment = items["comment"];
        Assert.Equal(comment, onComment["itemId"]!.GetValue<string>());
        Assert.Equal("Des arbres rue Pasteur", onComment["title"]!.GetValue<string>());
        Assert.Equal(idea, onComment["ideaId"]!.GetValue<string>());
        Assert.Equal(long_[..280], onComment["excerpt"]!.GetValue<string>());
        var onIdea = items["idea"];
        Assert.Equal("Des arbres rue Pasteur", onIdea["title"]!.GetValue<string>());
        Assert.Equal("De l'ombre en été pour les piétons.", onIdea["excerpt"]!.GetValue<string>());
        Assert.Equal(idea, onIdea["ideaId"]!.GetValue<string>());

        // Deleted: the queue keeps the item, without its text.
        using var bob = api.Member(tenant, "bob");
        await bob.OkAsync(CommentDocuments.Delete, new { id = comment });
        var after = (await moderator.OkAsync("{ moderationQueue { edges { node { itemKind excerpt title } } } }"))["moderationQueue"]!["edges"]!.AsArray()
            .Single(e => e!["node"]!["itemKind"]!.GetValue<string>() == "comment")!["node"]!;
        Assert.Null(after["excerpt"]);
        Assert.Equal("Des arbres rue Pasteur", after["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_box_says_its_report_threshold_and_a_listed_box_whether_it_is_open_by_the_server_clock()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var open = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        var later = (await admin.OkAsync(IdeaDocuments.CreateBox, new
        {
            input = new { title = "Plus tard", brief = "Bientôt.", opensAt = api.Now.AddDays(2).ToString("O"), closesAt = api.Now.AddDays(9).ToString("O"), reportsToHide = 5 },
        }))["createIdeaBox"]!["id"]!.GetValue<string>();

        using var anonymous = api.Client(tenant, null);
        Assert.Equal(3, (await anonymous.OkAsync("query($id: ID!) { ideaBox(id: $id) { reportsToHide } }", new { id = open }))["ideaBox"]!["reportsToHide"]!.GetValue<int>());
        Assert.Equal(5, (await anonymous.OkAsync("query($id: ID!) { ideaBox(id: $id) { reportsToHide } }", new { id = later }))["ideaBox"]!["reportsToHide"]!.GetValue<int>());
        var listed = (await anonymous.OkAsync("{ ideaBoxes { edges { node { id isOpen } } } }"))["ideaBoxes"]!["edges"]!.AsArray()
            .ToDictionary(e => e!["node"]!["id"]!.GetValue<string>(), e => e!["node"]!["isOpen"]!.GetValue<bool>());
        Assert.True(listed[open]);
        Assert.False(listed[later]);
    }

    [Fact]
    public async Task The_author_alone_is_told_until_when_they_may_edit_and_whether_they_may_withdraw()
    {
        const string Mine = "query($id: ID!) { idea(id: $id) { submittedAt mayEdit editableUntil mayWithdraw } }";
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var alice = api.Member(tenant, "alice");
        var supported = (await alice.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea() }))["submitIdea"]!["id"]!.GetValue<string>();
        var late = (await alice.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea("Un marché le dimanche", "Place du Capitole.") }))["submitIdea"]!["id"]!.GetValue<string>();

        var own = (await alice.OkAsync(Mine, new { id = supported }))["idea"]!;
        Assert.True(own["mayEdit"]!.GetValue<bool>());
        Assert.True(own["mayWithdraw"]!.GetValue<bool>());
        var submittedAt = DateTimeOffset.Parse(own["submittedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(submittedAt.AddMinutes(15), DateTimeOffset.Parse(own["editableUntil"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        using var bob = api.Member(tenant, "bob");
        var theirs = (await bob.OkAsync(Mine, new { id = supported }))["idea"]!;
        Assert.False(theirs["mayEdit"]!.GetValue<bool>());
        Assert.Null(theirs["editableUntil"]);
        Assert.False(theirs["mayWithdraw"]!.GetValue<bool>());

        // A support ends both at once; the edit window ends by itself after 15 minutes (withdrawal stays).
        await bob.OkAsync(IdeaDocuments.Support, new { id = supported });
        var after = (await alice.OkAsync(Mine, new { id = supported }))["idea"]!;
        Assert.False(after["mayEdit"]!.GetValue<bool>());
        Assert.Null(after["editableUntil"]);
        Assert.False(after["mayWithdraw"]!.GetValue<bool>());
        api.AdvancePast(submittedAt.AddMinutes(16));
        var old = (await alice.OkAsync(Mine, new { id = late }))["idea"]!;
        Assert.False(old["mayEdit"]!.GetValue<bool>());
        Assert.True(old["mayWithdraw"]!.GetValue<bool>());
        Assert.Equal("INVALID_TRANSITION", (await alice.SendAsync(IdeaDocuments.Edit, new { id = late, input = IdeaDocuments.NewIdea("Un marché le samedi") })).FirstCode);
    }

    [Fact]
    public async Task Moderators_see_the_overdue_ideas_of_every_box_and_the_acts_recorded_on_an_item()
    {
        var tenant = await api.NewTenantAsync();
        var (idea, comment) = await CommentDocuments.IdeaWithCommentAsync(api, tenant, "Pub : montres pas chères.");
        using var moderator = api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator));
        using var alice = api.Member(tenant, "alice");
        const string Overdue = "{ overdueIdeas { edges { node { id boxId title answerDueAt } } } }";
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(Overdue)).FirstCode);
        Assert.Empty((await moderator.OkAsync(Overdue))["overdueIdeas"]!["edges"]!.AsArray());

        // Under review (a moderator's answer), then past the box's 30 days: listed once, with its due date.
        await moderator.OkAsync(IdeaDocuments.Answer, new { id = idea, state = "UNDER_REVIEW", text = "Nous étudions." });
        Assert.Empty((await moderator.OkAsync(Overdue))["overdueIdeas"]!["edges"]!.AsArray());
        api.AdvancePast(api.Now.AddDays(30));
        var overdue = (await moderator.OkAsync(Overdue))["overdueIdeas"]!["edges"]!.AsArray();
        var listed = Assert.Single(overdue)!["node"]!;
        Assert.Equal(idea, listed["id"]!.GetValue<string>());
        Assert.Equal("Des arbres rue Pasteur", listed["title"]!.GetValue<string>());
        Assert.NotNull(listed["answerDueAt"]!.GetValue<string>());

        // Every act on the comment, oldest first, for moderators only.
        const string History = "query($id: ID!) { moderationHistory(kind: COMMENT, id: $id) { act byId reason at } }";
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "HIDE", reason = "Publicité." });
        api.AdvancePast(api.Now); // the restore comes after the hide
        await moderator.OkAsync(ModerationDocuments.Moderate, new { kind = "COMMENT", id = comment, act = "RESTORE", reason = "Erreur." });
        Assert.Equal("FORBIDDEN", (await alice.SendAsync(History, new { id = comment })).FirstCode);
        var acts = (await moderator.OkAsync(History, new { id = comment }))["moderationHistory"]!.AsArray();
        Assert.Equal(["hide", "restore"], acts.Select(a => a!["act"]!.GetValue<string>()));
        Assert.Equal(["Publicité.", "Erreur."], acts.Select(a => a!["reason"]!.GetValue<string>()));
        Assert.All(acts, a => Assert.Equal("mod", a!["byId"]!.GetValue<string>()));
        Assert.Empty((await moderator.OkAsync(History, new { id = idea.Replace("ie_", "cm_", StringComparison.Ordinal) }))["moderationHistory"]!.AsArray());
    }

    private static string[] Ids(JsonNode connection) =>
        [.. connection["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>())];
}
