namespace Civic.Tests.Api;

/// <summary>The GraphQL documents of idea boxes the API tests send.</summary>
public static class IdeaDocuments
{
    public const string CreateBox = """
        mutation($input: CreateIdeaBoxInput!) {
          createIdeaBox(input: $input) { id title briefHtml isOpen categories districts supportsNeeded ideasPerMember whoMaySupport { requireVerified minimumAge } }
        }
        """;

    public const string Submit = """
        mutation($box: ID!, $input: SubmitIdeaInput!) {
          submitIdea(boxId: $box, input: $input) { id state title bodyHtml category district supportCount version location { latitude longitude } }
        }
        """;

    public const string Edit = "mutation($id: ID!, $input: SubmitIdeaInput!) { editIdea(id: $id, input: $input) { id version title versions { version title } } }";

    public const string Withdraw = "mutation($id: ID!) { withdrawIdea(id: $id) { id state } }";

    public const string Support = "mutation($id: ID!) { supportIdea(id: $id) { ideaId supportCount state supporting } }";

    public const string WithdrawSupport = "mutation($id: ID!) { withdrawSupport(id: $id) { ideaId supportCount state supporting } }";

    public const string Answer = "mutation($id: ID!, $state: IdeaState!, $text: String!) { answerIdea(id: $id, state: $state, text: $text) { id state answers { state text } } }";

    public const string Ideas = """
        query($box: ID!, $order: IdeaOrder, $seed: String, $category: String, $district: String, $state: IdeaState, $search: String, $first: Int, $after: String) {
          ideas(boxId: $box, order: $order, seed: $seed, category: $category, district: $district, state: $state, search: $search, first: $first, after: $after) {
            edges { cursor node { id title supportCount state answers { text } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string Similar = "query($box: ID!, $text: String!) { similarIdeas(boxId: $box, text: $text) { id title } }";

    public static object NewBox(DateTimeOffset now, object? threshold = null) => new
    {
        input = new
        {
            title = "Boîte à idées du quartier",
            brief = "Vos idées pour **le quartier** <script>alert(1)</script>",
            closesAt = now.AddDays(30).ToString("O"),
            categories = new[] { "Mobilité", "Nature" },
            districts = new[] { "Nord", "Sud" },
            threshold,
        },
    };

    public static object NewIdea(string title = "Des arbres rue Pasteur", string body = "De l'ombre en été pour les piétons.", string category = "Nature") =>
        new { title, body, category, district = "Nord" };
}
