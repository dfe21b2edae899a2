using System.Globalization;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>
/// Every list an input carries, and the text bounds, at their bound (accepted) and one past it (200 VALIDATION,
/// nothing changed).
/// </summary>
[Collection("api")]
public sealed class InputBoundsHostile(ApiFixture api)
{
    public static TheoryData<string, int> Lists() => new()
    {
        { "createVote.options", ListLimits.VoteOptions },
        { "createVote.options", ListLimits.VoteOptions + 1 },
        { "createVote.districts", ListLimits.VoteDistricts },
        { "createVote.districts", ListLimits.VoteDistricts + 1 },
        { "createCampaign.rewards", ListLimits.CampaignRewards },
        { "createCampaign.rewards", ListLimits.CampaignRewards + 1 },
        { "castBallot.choices", ListLimits.BallotChoices + 1 },
        { "castBallot.points", ListLimits.BallotChoices + 1 },
        { "recordPaperBallots.ballots", ListLimits.PaperBallotsPerCall },
        { "recordPaperBallots.ballots", ListLimits.PaperBallotsPerCall + 1 },
        { "recordPaperBallots.choices", ListLimits.BallotChoices + 1 },
        { "pledge.idempotencyKey.length", TextLimits.IdempotencyKey.MaxLength },
        { "pledge.idempotencyKey.length", TextLimits.IdempotencyKey.MaxLength + 1 },
        { "pledge.paymentToken.length", TextLimits.PaymentToken.MaxLength + 1 },
        { "createCampaign.title.length", TextLimits.Title.MaxLength },
        { "createCampaign.title.length", TextLimits.Title.MaxLength + 1 },
        { "createCampaign.description.length", TextLimits.Description.MaxLength },
        { "createCampaign.description.length", TextLimits.Description.MaxLength + 1 },
        { "createVote.options.title.length", TextLimits.OptionTitle.MaxLength },
        { "createVote.options.title.length", TextLimits.OptionTitle.MaxLength + 1 },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_list_or_text_at_its_bound_passes_and_one_past_it_is_refused(string field, int count)
    {
        var scene = await HostileScene.CreateAsync(api);
        var (role, document, variables, bound) = Build(scene, field, count);
        if (count <= bound)
        {
            await scene.AssertAcceptedAsync(role, document, $"{field} with {count}", variables);
        }
        else
        {
            await scene.AssertRefusedAsync(role, document, ErrorCodes.Validation, $"{field} with {count}", variables);
        }
    }

    [Theory]
    [InlineData(ListLimits.TenantCustomHosts)]
    [InlineData(ListLimits.TenantCustomHosts + 1)]
    public async Task A_tenant_takes_custom_hosts_up_to_its_bound(int count)
    {
        var slug = "b" + Guid.NewGuid().ToString("N")[..10];
        using var op = api.Client(null, api.Tokens.Issue("platform", "root", Role.Operator));
        var hosts = string.Join(", ", Enumerable.Range(0, count).Select(i => $"\"h{i}.{slug}.example.org\""));
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, slug);
        var result = await HostileScene.SendAsync(op,
            $"mutation {{ createTenant(input: {{slug: \"{slug}\", name: \"Ville\", locale: \"fr\", customHosts: [{hosts}]}}) {{ slug }} }}");
        if (count <= ListLimits.TenantCustomHosts)
        {
            Assert.True(result.Errors is null, result.Body);
        }
        else
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, result.Status);
            Assert.Equal(ErrorCodes.Validation, result.FirstCode);
            before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, slug), "a tenant with too many hosts");
        }
    }

    /// <summary>
    /// The request for one case. Lists and texts too long for a document (GraphQL:MaxDocumentLength, MaxTokens)
    /// travel as variables, as a front-end sends them; the shorter ones as literals.
    /// </summary>
    private static (string Role, string Document, object? Variables, int Bound) Build(HostileScene scene, string field, int n)
    {
        var ends = HostileScene.EndsAt;
        string Repeat(Func<int, string> item) => string.Join(", ", Enumerable.Range(0, n).Select(item));
        string Vote(string options, string extra = "") =>
            $"mutation {{ createVote(input: {{title: \"t\", ballotType: APPROVAL, minChoices: 1, maxChoices: 1, options: [{options}], budget: {{amount: 100, currency: \"EUR\"}}, closesAt: \"{ends}\"{extra}}}) {{ id }} }}";
        string Campaign(string fields) =>
            $"mutation {{ createCampaign(input: {{{fields}, rule: KEEP_IT_ALL, goal: {{amount: 100000, currency: \"EUR\"}}, endsAt: \"{ends}\", minContribution: 100, maxContribution: 100000}}) {{ id }} }}";
        string Pledge(string fields) =>
            $"mutation {{ pledge(input: {{campaignId: \"{scene.Campaign}\", amount: 500, {fields}}}) {{ replayed }} }}";
        string Text(char c) => HostileScene.Literal(new string(c, n));
        return field switch
        {
            "createVote.options" => ("admin",
                $"mutation($o: [VoteOptionInput!]!) {{ createVote(input: {{title: \"t\", ballotType: APPROVAL, minChoices: 1, maxChoices: 1, options: $o, budget: {{amount: 100, currency: \"EUR\"}}, closesAt: \"{ends}\"}}) {{ id }} }}",
                new { o = Enumerable.Range(0, n).Select(i => new { title = $"o{i}", cost = 1 }).ToArray() },
                ListLimits.VoteOptions),
            "createVote.districts" => ("admin",
                Vote(Repeat(i => $"{{title: \"o{i}\", cost: 1, district: \"d{i}\"}}"), $", districts: [{Repeat(i => $"{{name: \"d{i}\", budget: 100}}")}]"),
                null, ListLimits.VoteDistricts),
            "createCampaign.rewards" => ("member",
                Campaign($"title: \"t\", description: \"d\", rewards: [{Repeat(i => $"{{title: \"r{i}\", minAmount: 100}}")}]"), null, ListLimits.CampaignRewards),
            "castBallot.choices" => ("member",
                $"mutation {{ castBallot(input: {{voteId: \"{scene.Vote}\", choices: [{Repeat(i => $"\"p{i % 5 + 1}\"")}]}}) {{ ballots }} }}", null, ListLimits.BallotChoices),
            "castBallot.points" => ("member",
                $"mutation {{ castBallot(input: {{voteId: \"{scene.Vote}\", choices: [\"p1\"], points: [{Repeat(_ => "1")}]}}) {{ ballots }} }}", null, ListLimits.BallotChoices),
            "recordPaperBallots.ballots" => ("admin",
                $"mutation($b: [PaperBallotInput!]!) {{ recordPaperBallots(input: {{voteId: \"{scene.Vote}\", ballots: $b}}) {{ accepted }} }}",
                new { b = Enumerable.Range(0, n).Select(i => new { voterRef = "v" + i.ToString(CultureInfo.InvariantCulture), choices = new[] { $"p{i % 5 + 1}" } }).ToArray() },
                ListLimits.PaperBallotsPerCall),
            "recordPaperBallots.choices" => ("admin",
                $"mutation {{ recordPaperBallots(input: {{voteId: \"{scene.Vote}\", ballots: [{{voterRef: \"v1\", choices: [{Repeat(i => $"\"p{i % 5 + 1}\"")}]}}]}}) {{ accepted }} }}",
                null, ListLimits.BallotChoices),
            "pledge.idempotencyKey.length" => ("member", Pledge($"idempotencyKey: {Text('k')}"), null, TextLimits.IdempotencyKey.MaxLength),
            "pledge.paymentToken.length" => ("member", Pledge($"idempotencyKey: \"k1\", paymentToken: {Text('t')}"), null, TextLimits.PaymentToken.MaxLength),
            "createCampaign.title.length" => ("member", Campaign($"title: {Text('t')}, description: \"d\""), null, TextLimits.Title.MaxLength),
            "createCampaign.description.length" => ("member",
                "mutation($d: String!)" + Campaign("title: \"t\", description: $d")["mutation".Length..], new { d = new string('d', n) },
                TextLimits.Description.MaxLength),
            "createVote.options.title.length" => ("admin", Vote($"{{title: {Text('o')}, cost: 1}}"), null, TextLimits.OptionTitle.MaxLength),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };
    }
}
