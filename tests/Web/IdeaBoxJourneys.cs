using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// The idea-box pages in a real Chromium (web/e2e/ideas.mjs on the harness of web/e2e/harness.mjs): a resident opens a
/// box, proposes an idea with similar-idea hints, supports an idea by keyboard, comments, replies, votes and reports a
/// comment; a moderator hides it from the queue and answers the idea; French and English; axe-core on every page,
/// screenshots in web/screenshots. What the pages did is then read back from the API.
/// </summary>
[Collection("web")]
public sealed class IdeaBoxJourneys(WebFixture fixture, ITestOutputHelper output)
{
    private const string IdeaState = """
        query($id: ID!) {
          idea(id: $id) {
            supportCount supportedByMe state answers { state text }
            comments(first: 20) {
              items {
                id authorId body stance hidden hiddenReason ups replyCount
                replies(first: 5) { items { id parentId authorId body stance } }
              }
            }
          }
        }
        """;

    private const string BoxIdeas = "query($box: ID!) { ideas(boxId: $box, order: NEWEST) { items { id title authorId category district } } }";

    [Fact]
    public async Task A_resident_proposes_supports_comments_and_reports_and_a_moderator_hides_the_report_with_no_serious_accessibility_violation()
    {
        var tenant = fixture.Tenant;
        using var admin = fixture.Admin(tenant);
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(fixture.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var alice = fixture.Member(tenant, "idea-alice");
        var ideaTitle = "Des arbres rue Pasteur";
        var idea = (await alice.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea(ideaTitle) }))["submitIdea"]!["id"]!.GetValue<string>();
        using var bob = fixture.Member(tenant, "idea-bob");
        var commentText = "Et des bancs à l'ombre sous ces arbres.";
        var comment = (await bob.OkAsync(CommentDocuments.Comment, CommentDocuments.New(idea, commentText)))["commentIdea"]!["id"]!.GetValue<string>();

        const string resident = "idea-resident";
        const string myComment = "Oui, et des arbres fruitiers si possible.";
        const string myReply = "Les bancs gêneraient le passage des poussettes.";
        const string newIdeaTitle = "Planter des arbres rue Pasteur et rue Hoche";
        var checks = await Journey.RunAsync("e2e/ideas.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            residentToken = fixture.Tokens.Issue(tenant, resident, Role.Member),
            moderatorToken = fixture.Tokens.Issue(tenant, "idea-moderator", Role.Moderator),
            boxId = box,
            boxTitle = "Boîte à idées du quartier",
            ideaId = idea,
            ideaTitle,
            commentText,
            myComment,
            myReply,
            newIdeaTitle,
        }), output, minPages: 12);

        Assert.Equal("/ideas", checks["boxesList"]!["path"]!.GetValue<string>());
        Assert.Equal(0, checks["boxesList"]!["moderationLinks"]!.GetValue<int>()); // not shown to a visitor
        var boxPage = checks["boxPage"]!;
        Assert.StartsWith("1 idée affichée pour « arbres »", boxPage["found"]!.GetValue<string>());
        Assert.StartsWith("0 idée affichée", boxPage["nothing"]!.GetValue<string>());
        Assert.Equal("polite", boxPage["live"]!.GetValue<string>());
        Assert.Equal(1, boxPage["signInOffered"]!.GetValue<int>());
        Assert.Contains("réservée aux modérateurs", checks["residentIsNotAModerator"]!.GetValue<string>());

        var submitted = checks["submitWithSimilarHints"]!;
        Assert.StartsWith("1 idée proche existe déjà", submitted["hint"]!.GetValue<string>());
        Assert.Contains(ideaTitle, submitted["similar"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Contains("2 champs sont à corriger", submitted["announced"]!["text"]!.GetValue<string>());
        Assert.Equal("assertive", submitted["announced"]!["live"]!.GetValue<string>());
        Assert.Equal("true", submitted["announced"]!["invalid"]!.GetValue<string>());

        Assert.StartsWith("Vous pouvez la modifier jusqu", submitted["until"]!.GetValue<string>());
        Assert.Equal(1, submitted["withdrawOffered"]!.GetValue<int>());
        var support = checks["supportByKeyboard"]!;
        Assert.Equal("0 soutien", support["before"]!.GetValue<string>());
        Assert.Equal("1 soutien", support["after"]!.GetValue<string>());
        var thread = checks["commentReplyAndVote"]!;
        Assert.Equal("Pour", thread["stance"]!.GetValue<string>());
        Assert.Equal("Contre", thread["replyStance"]!.GetValue<string>());
        Assert.StartsWith("Merci", checks["reportComment"]!.GetValue<string>());

        var moderation = checks["moderatorHidesReportedComment"]!;
        Assert.Contains(ideaTitle, moderation["heading"]!.GetValue<string>()); // the idea the reported comment is on, linked
        Assert.Equal(1, moderation["ideaLinks"]!.GetValue<int>());
        Assert.Equal(commentText, moderation["excerpt"]!.GetValue<string>()); // what was reported
        Assert.Equal("1 signalement", moderation["reports"]!.GetValue<string>());
        Assert.Contains(moderation["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("Hors sujet", StringComparison.Ordinal));
        Assert.Equal("Contenu masqué.", moderation["answer"]!.GetValue<string>());
        Assert.Contains("Retenue", moderation["answered"]!.GetValue<string>());
        var seen = checks["residentSeesHiddenAndAnswer"]!;
        Assert.Equal(0, seen["bodyShown"]!.GetValue<int>());
        Assert.Contains(seen["answers"]!.AsArray(), a => a!.GetValue<string>().Contains("la plantation aura lieu cet hiver", StringComparison.Ordinal));

        var english = checks["english"]!;
        Assert.Equal("en", english["lang"]!.GetValue<string>());
        Assert.Contains("Most supported", english["sort"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Contains("2 fields need fixing", english["fix"]!.GetValue<string>());

        // The server holds what the pages did: the new idea, the support, the comment and the reply, the vote, the hiding.
        var ideas = (await admin.OkAsync(BoxIdeas, new { box }))["ideas"]!["items"]!.AsArray();
        var created = Assert.Single(ideas, i => i!["title"]!.GetValue<string>() == newIdeaTitle)!;
        Assert.Equal(resident, created["authorId"]!.GetValue<string>());
        Assert.Equal("Nature", created["category"]!.GetValue<string>());
        Assert.Equal("/ideas/" + created["id"]!.GetValue<string>(), submitted["created"]!.GetValue<string>());

        using var residentClient = fixture.Member(tenant, resident);
        var state = (await residentClient.OkAsync(IdeaState, new { id = idea }))["idea"]!;
        Assert.Equal(1, state["supportCount"]!.GetValue<int>());
        Assert.True(state["supportedByMe"]!.GetValue<bool>());
        Assert.Equal("ACCEPTED", state["state"]!.GetValue<string>());
        var comments = state["comments"]!["items"]!.AsArray();
        var mine = Assert.Single(comments, c => c!["authorId"]?.GetValue<string>() == resident)!;
        Assert.Equal(myComment, mine["body"]!.GetValue<string>());
        Assert.Equal("FOR", mine["stance"]!.GetValue<string>());
        var theirs = Assert.Single(comments, c => c!["id"]!.GetValue<string>() == comment)!;
        Assert.True(theirs["hidden"]!.GetValue<bool>());
        Assert.Null(theirs["body"]); // hidden from everyone but its author and moderators
        Assert.Equal(1, theirs["ups"]!.GetValue<int>());
        var reply = Assert.Single(theirs["replies"]!["items"]!.AsArray())!;
        Assert.Equal(resident, reply["authorId"]!.GetValue<string>());
        Assert.Equal(myReply, reply["body"]!.GetValue<string>());
        Assert.Equal("AGAINST", reply["stance"]!.GetValue<string>());

        using var moderator = fixture.Client(tenant, fixture.Tokens.Issue(tenant, "idea-moderator", Role.Moderator));
        var queue = (await moderator.OkAsync(ModerationDocuments.Queue, new { first = 20 }))["moderationQueue"]!["edges"]!.AsArray();
        var queued = Assert.Single(queue, e => e!["node"]!["itemId"]!.GetValue<string>() == comment)!["node"]!;
        Assert.True(queued["hidden"]!.GetValue<bool>());
        Assert.Equal("Hors sujet : masqué", queued["hiddenReason"]!.GetValue<string>());
    }
}
