using Civic.Grains.Interfaces;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>
/// Every text field of every mutation, sent with a NUL, a lone surrogate, one character over its bound, and a
/// character its kind does not allow: each answers 200 VALIDATION and changes nothing (rows, grain state, totals).
/// </summary>
[Collection("api")]
public sealed class TextInputHostile(ApiFixture api)
{
    /// <summary>Longest value sent as a literal: well inside GraphQL:MaxDocumentLength with the escapes.</summary>
    private const int MaxLiteral = 4_000;

    /// <summary>A field: who sends it, its rule, and its mutation with <c>@V</c> where the value goes.</summary>
    private sealed record Field(string Role, TextRule Rule, string Document);

    private static readonly Dictionary<string, Field> Fields = new()
    {
        ["pledge.idempotencyKey"] = new("member", TextLimits.IdempotencyKey,
            "mutation { pledge(input: {campaignId: \"{campaign}\", amount: 500, idempotencyKey: @V}) { replayed } }"),
        ["pledge.paymentToken"] = new("member", TextLimits.PaymentToken,
            "mutation { pledge(input: {campaignId: \"{campaign}\", amount: 500, idempotencyKey: \"k1\", paymentToken: @V}) { replayed } }"),
        ["pledge.rewardId"] = new("member", TextLimits.Id,
            "mutation { pledge(input: {campaignId: \"{campaign}\", amount: 500, idempotencyKey: \"k1\", rewardId: @V}) { replayed } }"),
        ["createCampaign.title"] = new("member", TextLimits.Title, CreateCampaign("title: @V, description: \"d\"")),
        ["createCampaign.description"] = new("member", TextLimits.Description, CreateCampaign("title: \"t\", description: @V")),
        ["createCampaign.rewards.title"] = new("member", TextLimits.Title,
            CreateCampaign("title: \"t\", description: \"d\", rewards: [{title: @V, minAmount: 100}]")),
        ["createVote.title"] = new("admin", TextLimits.Title, CreateVote("title: @V, options: [{title: \"a\", cost: 1}]")),
        ["createVote.options.title"] = new("admin", TextLimits.OptionTitle, CreateVote("title: \"t\", options: [{title: @V, cost: 1}]")),
        ["createVote.options.externalId"] = new("admin", TextLimits.ExternalId,
            CreateVote("title: \"t\", options: [{title: \"a\", cost: 1, externalId: @V}]")),
        ["createVote.districts.name"] = new("admin", TextLimits.District,
            CreateVote("title: \"t\", options: [{title: \"a\", cost: 1, district: @V}], districts: [{name: @V, budget: 100}]")),
        ["castBallot.choices"] = new("member", TextLimits.Id,
            "mutation { castBallot(input: {voteId: \"{vote}\", choices: [@V]}) { ballots } }"),
        ["castBallot.district"] = new("member", TextLimits.District,
            "mutation { castBallot(input: {voteId: \"{vote}\", choices: [\"p1\"], district: @V}) { ballots } }"),
        ["recordPaperBallots.voterRef"] = new("admin", TextLimits.VoterRef,
            "mutation { recordPaperBallots(input: {voteId: \"{vote}\", ballots: [{voterRef: \"ok-1\", choices: [\"p1\"]}, {voterRef: @V, choices: [\"p1\"]}]}) { accepted } }"),
        ["recordPaperBallots.district"] = new("admin", TextLimits.District,
            "mutation { recordPaperBallots(input: {voteId: \"{vote}\", ballots: [{voterRef: \"ok-1\", choices: [\"p1\"]}, {voterRef: \"ok-2\", choices: [\"p1\"], district: @V}]}) { accepted } }"),
        ["requestTaxReceipt.donor.name"] = new("member", TextLimits.Name,
            "mutation { requestTaxReceipt(contributionId: \"ct_0000000000000000\", donor: {name: @V, address: \"1 rue de la Paix\"}) { number } }"),
        ["requestTaxReceipt.donor.address"] = new("member", TextLimits.Address,
            "mutation { requestTaxReceipt(contributionId: \"ct_0000000000000000\", donor: {name: \"Jeanne\", address: @V}) { number } }"),
        ["setReceiptBeneficiary.name"] = new("member", TextLimits.Name, Beneficiary("name: @V, address: \"1 rue\", purpose: \"p\"")),
        ["setReceiptBeneficiary.address"] = new("member", TextLimits.Address, Beneficiary("name: \"Asso\", address: @V, purpose: \"p\"")),
        ["setReceiptBeneficiary.purpose"] = new("member", TextLimits.Purpose, Beneficiary("name: \"Asso\", address: \"1 rue\", purpose: @V")),
        ["fundMatchPool.idempotencyKey"] = new("admin", TextLimits.IdempotencyKey,
            "mutation { fundMatchPool(amount: 1000, currency: \"EUR\", idempotencyKey: @V) { __typename } }"),
        ["createMatchCall.name"] = new("admin", TextLimits.CallName,
            "mutation { createMatchCall(input: {name: @V, currency: \"EUR\"}) { id } }"),
        ["defineCampaignCategory.label"] = new("admin", TextLimits.CategoryLabel,
            "mutation { defineCampaignCategory(code: \"quartier\", label: @V) { __typename } }"),
        ["importPabulib.title"] = new("admin", TextLimits.Title,
            "mutation { importPabulib(input: {content: \"META\\nkey;value\\n\", title: @V}) { id } }"),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in Fields.Keys)
        {
            foreach (var bad in new[] { "nul", "lone-surrogate", "over-length", "bad-character" })
            {
                data.Add(field, bad);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_text_is_refused_with_validation_and_changes_nothing(string field, string bad)
    {
        var scene = await HostileScene.CreateAsync(api);
        var f = Fields[field];
        var value = Hostile(f.Rule, bad);
        var document = f.Document.Replace("{campaign}", scene.Campaign).Replace("{vote}", scene.Vote)
            .Replace("{ends}", HostileScene.EndsAt);

        // A value longer than a document may be (the long descriptions) travels as a variable; the others as
        // literals, so that a NUL or a lone surrogate reaches the resolver past the JSON reader's own checks.
        if (value.Length > MaxLiteral)
        {
            document = "mutation($v: String!)" + document["mutation".Length..].Replace("@V", "$v");
            await scene.AssertRefusedAsync(f.Role, document, ErrorCodes.Validation, $"{field} with {bad}", new { v = value });
            return;
        }

        await scene.AssertRefusedAsync(f.Role, document.Replace("@V", HostileScene.Literal(value)), ErrorCodes.Validation, $"{field} with {bad}");
    }

    /// <summary>The hostile value of each kind, otherwise valid for the rule (so only that one thing is wrong).</summary>
    private static string Hostile(TextRule rule, string bad) => bad switch
    {
        "nul" => "ab\0cd",
        "lone-surrogate" => rule.Shape == TextShape.Key ? "ab\ud800" : "ab\ud800cd",
        "over-length" => new string('x', rule.MaxLength + 1),
        "bad-character" => rule.Shape switch
        {
            TextShape.Key => "a b/c",
            TextShape.Line => "line one\nline two",
            _ => "bell\u0007",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(bad), bad, null),
    };

    private static string CreateCampaign(string fields) =>
        "mutation { createCampaign(input: {" + fields + ", rule: KEEP_IT_ALL, goal: {amount: 100000, currency: \"EUR\"}, endsAt: \"{ends}\", minContribution: 100, maxContribution: 100000}) { id } }";

    private static string CreateVote(string fields) =>
        "mutation { createVote(input: {" + fields + ", ballotType: APPROVAL, minChoices: 1, maxChoices: 1, budget: {amount: 100, currency: \"EUR\"}, closesAt: \"{ends}\"}) { id } }";

    private static string Beneficiary(string fields) =>
        "mutation { setReceiptBeneficiary(input: {" + fields + ", rna: \"W751234567\"}) { id } }";
}
