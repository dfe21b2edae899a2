namespace Civic.Tests.Api;

/// <summary>The GraphQL documents of comments the API tests send.</summary>
public static class CommentDocuments
{
    /// <summary>
    /// An open box by the tenant's admin, an idea by alice in it and a comment of <paramref name="text"/> by bob on it:
    /// the ids of the idea and the comment.
    /// </summary>
    public static async Task<(string Idea, string Comment)> IdeaWithCommentAsync(ApiFixture api, string tenant, string text)
    {
        using var admin = api.Admin(tenant);
        var box = (await admin.OkAsync(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(api.Now)))["createIdeaBox"]!["id"]!.GetValue<string>();
        using var alice = api.Member(tenant, "alice");
        var idea = (await alice.OkAsync(IdeaDocuments.Submit, new { box, input = IdeaDocuments.NewIdea() }))["submitIdea"]!["id"]!.GetValue<string>();
        using var bob = api.Member(tenant, "bob");
        var comment = (await bob.OkAsync(Comment, New(idea, text)))["commentIdea"]!["id"]!.GetValue<string>();
        return (idea, comment);
    }

    private const string Fields = "id parentId depth authorId stance body bodyHtml deleted ups downs score replyCount version editedAt hidden hiddenReason";

    public const string Comment = $$"""
        mutation($idea: ID!, $input: CommentInput!) { commentIdea(ideaId: $idea, input: $input) { {{Fields}} } }
        """;

    public const string Edit = $$"""mutation($id: ID!, $body: String!) { editComment(id: $id, body: $body) { {{Fields}} versions { version body } } }""";

    public const string Delete = $$"""mutation($id: ID!) { deleteComment(id: $id) { {{Fields}} } }""";

    public const string Vote = $$"""mutation($id: ID!, $vote: CommentVote!) { voteComment(id: $id, vote: $vote) { {{Fields}} } }""";

    public const string WithdrawVote = $$"""mutation($id: ID!) { withdrawCommentVote(id: $id) { {{Fields}} } }""";

    public const string Comments = $$"""
        query($idea: ID!, $order: CommentOrder, $first: Int = 20, $after: String) {
          idea(id: $idea) {
            commentCount
            comments(order: $order, first: $first, after: $after) {
              edges { cursor node { {{Fields}} replies(first: 3) { edges { node { {{Fields}} replies(first: 3) { edges { node { id } } } } } } } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        """;

    public static object New(string idea, string body = "Bonne idée, **vraiment**.", string stance = "FOR", string? parentId = null) =>
        new { idea, input = new { body, stance, parentId } };

    public const string CommentCampaign = $$"""
        mutation($campaign: ID!, $input: CommentInput!) { commentCampaign(campaignId: $campaign, input: $input) { {{Fields}} itemKind itemId } }
        """;

    public const string CommentVoteOption = $$"""
        mutation($vote: ID!, $option: ID!, $input: CommentInput!) {
          commentVoteOption(voteId: $vote, optionId: $option, input: $input) { {{Fields}} itemKind itemId }
        }
        """;

    private const string Thread = $$"""
        edges { cursor node { {{Fields}} replies(first: 3) { edges { node { {{Fields}} replies(first: 3) { edges { node { id } } } } } } } }
        pageInfo { hasNextPage endCursor }
        """;

    public const string CampaignComments = $$"""
        query($id: ID!, $order: CommentOrder, $first: Int = 20, $after: String) {
          campaign(id: $id) { id comments(order: $order, first: $first, after: $after) { {{Thread}} } }
        }
        """;

    /// <summary>Every project's first level only: a list of threads would weigh past the complexity limit.</summary>
    public const string VoteOptionComments = """
        query($id: ID!, $order: CommentOrder, $first: Int = 20, $after: String) {
          vote(id: $id) { id options { id comments(order: $order, first: $first, after: $after) {
            edges { cursor node { id depth authorId stance body score replyCount } } pageInfo { hasNextPage endCursor } } } }
        }
        """;

    /// <summary>The variables of <see cref="CommentCampaign"/> (<paramref name="kind"/> "campaign").</summary>
    public static object On(string kind, string id, string body = "Bon projet.", string stance = "FOR", string? parentId = null) => kind switch
    {
        "campaign" => new { campaign = id, input = new { body, stance, parentId } },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static object OnOption(string vote, string option, string body = "Bon projet.", string stance = "FOR", string? parentId = null) =>
        new { vote, option, input = new { body, stance, parentId } };
}

/// <summary>The GraphQL documents of a member's notifications the API tests send.</summary>
public static class NotificationDocuments
{
    public const string Mine = """
        query($first: Int, $after: String) {
          myUnreadNotificationCount
          myNotifications(first: $first, after: $after) { edges { node { id kind itemKind itemId text read readAt } } pageInfo { hasNextPage endCursor } }
        }
        """;

    public const string MarkRead = "mutation($id: ID!) { markNotificationRead(id: $id) { id read readAt } }";

    public const string MarkAllRead = "mutation { markAllNotificationsRead }";
}

/// <summary>The GraphQL documents of reports and moderation the API tests send.</summary>
public static class ModerationDocuments
{
    public const string Report = """
        mutation($kind: ReportedKind!, $id: ID!, $reason: ReportReason!, $text: String) {
          reportContent(kind: $kind, id: $id, reason: $reason, text: $text) { itemKind itemId hidden }
        }
        """;

    public const string Moderate = """
        mutation($kind: ReportedKind!, $id: ID!, $act: ModerationAct!, $reason: String!) {
          moderateContent(kind: $kind, id: $id, act: $act, reason: $reason) { itemKind itemId hidden }
        }
        """;

    public const string Queue = """
        query($first: Int, $after: String) {
          moderationQueue(first: $first, after: $after) {
            edges { node { itemKind itemId authorId reportCount hidden hiddenReason reports { reporterId reason text } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;
}
