using System.Net;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>
/// Every mutation, and every read of personal data, by every role, with the expected outcome in one
/// table each (issue 8, finding 5: the platform operator is no role in any tenant). Each case runs
/// against a real target prepared so that only the role decides (a draft someone else owns, a live
/// campaign, an open vote...); a refusal asserts its code and that the tenant's database is unchanged.
/// </summary>
[Collection("api-clock")]
public sealed partial class RoleMatrix(ClockedApiFixture api)
{
    /// <summary>Who sends the request. The member is "alice", who owns the drafts, donated and invested.</summary>
    public enum As
    {
        Anonymous,
        Member,
        Moderator,
        Admin,
        Operator,
        OtherTenantAdmin,
    }

    public enum Outcome
    {
        /// <summary>Done (a read: the personal data is there).</summary>
        Ok,
        Unauthenticated,
        Forbidden,
        NotFound,

        /// <summary>A read that answers, without the personal data (null, or only the caller's own).</summary>
        Hidden,
    }

    private const Outcome OK = Outcome.Ok;
    private const Outcome UNAUTH = Outcome.Unauthenticated;
    private const Outcome FORBID = Outcome.Forbidden;
    private const Outcome NOTFOUND = Outcome.NotFound;
    private const Outcome HIDDEN = Outcome.Hidden;

    /// <summary>The mutation matrix: one row per mutation of the schema, one column per role (order of <see cref="As"/>).</summary>
    private static readonly Dictionary<string, Outcome[]> Mutations = new()
    {
        //                                          anonymous  member    moderator  admin     operator  other tenant's admin
        ["createTenant"] =                         [UNAUTH,    FORBID,   FORBID,    FORBID,   OK,       FORBID],
        ["defineCampaignCategory"] =               [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["createCampaign"] =                       [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["fundMatchPool"] =                        [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["createMatchCall"] =                      [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["fundMatchCall"] =                        [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["publishCampaign"] =                      [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["submitCampaign"] =                       [UNAUTH,    OK,       FORBID,    FORBID,   FORBID,   FORBID],
        ["requestCampaignChanges"] =               [UNAUTH,    FORBID,   OK,        OK,       FORBID,   FORBID],
        ["approveCampaign"] =                      [UNAUTH,    FORBID,   OK,        OK,       FORBID,   FORBID],
        ["rejectCampaign"] =                       [UNAUTH,    FORBID,   OK,        OK,       FORBID,   FORBID],
        ["setCampaignAidToPeopleInDifficulty"] =   [UNAUTH,    FORBID,   OK,        OK,       FORBID,   FORBID],
        ["pledge"] =                               [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["setReceiptBeneficiary"] =                [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["approveReceiptBeneficiary"] =            [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["requestTaxReceipt"] =                    [UNAUTH,    OK,       NOTFOUND,  NOTFOUND, FORBID,   FORBID],
        ["invest"] =                               [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["revokeInvestment"] =                     [UNAUTH,    OK,       NOTFOUND,  NOTFOUND, FORBID,   FORBID],
        ["recordLoanRepayment"] =                  [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["createVote"] =                           [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["castBallot"] =                           [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["recordPaperBallots"] =                   [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["recordInPersonBallot"] =                 [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["importPabulib"] =                        [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["closeVote"] =                            [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["setVoteExclusiveSets"] =                 [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["uploadCensus"] =                         [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["updateTenantBranding"] =                 [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["verifyResidency"] =                      [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["createIdeaBox"] =                        [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["submitIdea"] =                           [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["editIdea"] =                             [UNAUTH,    OK,       FORBID,    FORBID,   FORBID,   FORBID],
        ["withdrawIdea"] =                         [UNAUTH,    OK,       FORBID,    FORBID,   FORBID,   FORBID],
        ["supportIdea"] =                          [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["withdrawSupport"] =                      [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["answerIdea"] =                           [UNAUTH,    FORBID,   OK,        OK,       FORBID,   FORBID],
        ["commentIdea"] =                          [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["commentCampaign"] =                      [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["commentVoteOption"] =                    [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        // Campaign updates: the owner (alice) posts and edits; she or a moderator deletes (an abusive update).
        ["postCampaignUpdate"] =                   [UNAUTH,    OK,       FORBID,    FORBID,   FORBID,   FORBID],
        ["editCampaignUpdate"] =                   [UNAUTH,    OK,       FORBID,    FORBID,   FORBID,   FORBID],
        ["deleteCampaignUpdate"] =                 [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["markNotificationRead"] =                 [UNAUTH,    OK,       NOTFOUND,  NOTFOUND, FORBID,   FORBID],
        ["markAllNotificationsRead"] =             [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["editComment"] =                          [UNAUTH,    OK,       FORBID,    FORBID,   FORBID,   FORBID],
        ["deleteComment"] =                        [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["voteComment"] =                          [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["withdrawCommentVote"] =                  [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["turnIdeaIntoProject"] =                  [UNAUTH,    FORBID,   OK,        OK,       FORBID,   FORBID],
        ["setTenantArea"] =                        [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["reportContent"] =                        [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["moderateContent"] =                      [UNAUTH,    FORBID,   OK,        OK,       FORBID,   FORBID],
        ["registerOidcClient"] =                   [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["configureSignInProvider"] =              [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["removeSignInProvider"] =                 [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        // Accounts: links are anonymous; changeEmail is the caller's own account (dev-token users have none: NOT_FOUND).
        ["register"] =                             [OK,        OK,       OK,        OK,       OK,       OK],
        ["resendConfirmation"] =                   [OK,        OK,       OK,        OK,       OK,       OK],
        ["confirmEmail"] =                         [OK,        OK,       OK,        OK,       OK,       OK],
        ["requestPasswordReset"] =                 [OK,        OK,       OK,        OK,       OK,       OK],
        ["resetPassword"] =                        [OK,        OK,       OK,        OK,       OK,       OK],
        ["unlockAccount"] =                        [OK,        OK,       OK,        OK,       OK,       OK],
        ["changeEmail"] =                          [UNAUTH,    NOTFOUND, NOTFOUND,  NOTFOUND, FORBID,   FORBID],
        ["confirmEmailChange"] =                   [OK,        OK,       OK,        OK,       OK,       OK],
        ["inviteTenantAdmin"] =                    [UNAUTH,    FORBID,   FORBID,    FORBID,   OK,       FORBID],
        ["inviteToRole"] =                         [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["acceptInvitation"] =                     [OK,        OK,       OK,        OK,       OK,       OK],
        ["removeRole"] =                           [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["setMailTemplate"] =                      [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["resetMailTemplate"] =                    [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["requestMyDataExport"] =                  [UNAUTH,    OK,       OK,        OK,       FORBID,   FORBID],
        ["deleteMyAccount"] =                      [UNAUTH,    NOTFOUND, NOTFOUND,  NOTFOUND, FORBID,   FORBID],
    };

    /// <summary>The reads of personal data (alice's donation, receipt, loan; her draft's history), same columns.</summary>
    private static readonly Dictionary<string, Outcome[]> Reads = new()
    {
        //                                          anonymous  member    moderator  admin     operator  other tenant's admin
        ["/exports/campaigns/{id}/donors.csv"] =   [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["/exports/tax-receipts.csv"] =            [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["/receipts/{number}.html"] =              [UNAUTH,    OK,       NOTFOUND,  OK,       FORBID,   FORBID],
        ["taxReceipts"] =                          [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["myContributions"] =                      [UNAUTH,    OK,       HIDDEN,    HIDDEN,   FORBID,   FORBID],
        ["myLoanPosition"] =                       [UNAUTH,    OK,       HIDDEN,    HIDDEN,   FORBID,   FORBID],
        ["campaign.history"] =                     [HIDDEN,    OK,       OK,        OK,       HIDDEN,   HIDDEN],
        ["roleHolders"] =                          [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["auditLog"] =                             [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
        ["signInProviders"] =                      [UNAUTH,    FORBID,   FORBID,    OK,       FORBID,   FORBID],
    };

    public static TheoryData<string, As> MutationCases() => Cases(Mutations);

    public static TheoryData<string, As> ReadCases() => Cases(Reads);

    [Fact]
    public async Task The_matrix_has_a_row_for_every_mutation_of_the_running_schema()
    {
        using var anonymous = api.Client(null, null);
        var fields = (await anonymous.OkAsync("{ __schema { mutationType { fields { name } } } }"))["__schema"]!["mutationType"]!["fields"]!
            .AsArray().Select(f => f!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(fields, Mutations.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(fields, Targets.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.All(Mutations.Values.Concat(Reads.Values), row => Assert.Equal(Enum.GetValues<As>().Length, row.Length));
    }

    [Theory]
    [MemberData(nameof(MutationCases))]
    public async Task Each_mutation_by_each_role(string mutation, As role)
    {
        var expected = Mutations[mutation][(int)role];
        var target = await Targets[mutation](new World(api, await api.NewTenantAsync()));
        using var client = Client(role, target.Tenant);
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, target.Tenant);

        var result = await client.SendAsync(target.Document, target.Variables);

        Assert.True(HttpStatusCode.OK == result.Status, $"{mutation} as {role}: HTTP {result.Status}: {result.Body}");
        if (expected == Outcome.Ok)
        {
            Assert.True(result.Errors is null, $"{mutation} as {role} should be allowed: {result.Body}");
            Assert.NotNull(result.Data?[mutation]);
            return;
        }

        Assert.True(Code(expected) == result.FirstCode, $"{mutation} as {role}: expected {Code(expected)}, got {result.Body}");
        Assert.Null(result.Data?[mutation]);
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, target.Tenant), $"{mutation} as {role} was refused");
    }

    [Theory]
    [MemberData(nameof(ReadCases))]
    public async Task Each_read_of_personal_data_by_each_role(string read, As role)
    {
        var expected = Reads[read][(int)role];
        var s = await SettledAsync();
        using var client = Client(role, s.Tenant);
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, s.Tenant);

        if (read.StartsWith('/'))
        {
            var path = read.Replace("{id}", s.Donation).Replace("{number}", s.ReceiptNumber);
            using var response = await client.Http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            var status = expected switch
            {
                OK => HttpStatusCode.OK,
                UNAUTH => HttpStatusCode.Unauthorized,
                FORBID => HttpStatusCode.Forbidden,
                NOTFOUND => HttpStatusCode.NotFound,
                _ => throw new InvalidOperationException($"{expected} is no outcome of an export"),
            };
            Assert.True(status == response.StatusCode, $"{read} as {role}: expected {status}, got {response.StatusCode}: {body}");
            if (expected == OK)
            {
                Assert.Contains(s.DonorName, body);
            }
            else
            {
                Assert.Equal(Code(expected), JsonNode.Parse(body)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
                Assert.DoesNotContain(s.DonorName, body);
            }
        }
        else
        {
            var (document, variables) = read switch
            {
                "taxReceipts" => ("{ taxReceipts { edges { node { number donor { name } } } } }", (object?)null),
                "myContributions" => ("{ myContributions { edges { node { id } } } }", null),
                "myLoanPosition" => ("query($id: ID!) { myLoanPosition(campaignId: $id) { paid outstanding } }", new { id = s.Loan }),
                "campaign.history" => ("query($id: ID!) { campaign(id: $id) { id history { to by } } }", new { id = s.Draft }),
                "roleHolders" => (AccountDocuments.RoleHolders, null),
                "auditLog" => (AccountDocuments.AuditLog, null),
                "signInProviders" => ("{ signInProviders { key } }", null),
                _ => throw new InvalidOperationException(read),
            };
            var result = await client.SendAsync(document, variables);
            Assert.True(HttpStatusCode.OK == result.Status, $"{read} as {role}: HTTP {result.Status}: {result.Body}");
            if (expected is OK or HIDDEN)
            {
                Assert.True(result.Errors is null, $"{read} as {role}: {result.Body}");
                var shown = read switch
                {
                    "taxReceipts" => result.Body.Contains(s.DonorName, StringComparison.Ordinal),
                    "myContributions" => result.Body.Contains(s.Contribution, StringComparison.Ordinal),
                    "myLoanPosition" => result.Data!["myLoanPosition"] is JsonObject,
                    "roleHolders" => result.Data!["roleHolders"]!.AsArray().Count > 0,
                    "auditLog" => result.Data!["auditLog"]!["edges"]!.AsArray().Count > 0,
                    "signInProviders" => result.Data!["signInProviders"] is JsonArray,
                    _ => result.Data!["campaign"]?["history"] is JsonArray,
                };
                Assert.True(shown == (expected == OK), $"{read} as {role}: expected {expected}, got {result.Body}");
            }
            else
            {
                Assert.True(Code(expected) == result.FirstCode, $"{read} as {role}: expected {Code(expected)}, got {result.Body}");
                Assert.DoesNotContain(s.DonorName, result.Body);
            }
        }

        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, s.Tenant), $"{read} as {role} is a read");
    }

    private static TheoryData<string, As> Cases(Dictionary<string, Outcome[]> table)
    {
        var cases = new TheoryData<string, As>();
        foreach (var name in table.Keys)
        {
            foreach (var role in Enum.GetValues<As>())
            {
                cases.Add(name, role);
            }
        }

        return cases;
    }

    private static string Code(Outcome outcome) => outcome switch
    {
        UNAUTH => ErrorCodes.Unauthenticated,
        FORBID => ErrorCodes.Forbidden,
        NOTFOUND => ErrorCodes.NotFound,
        _ => throw new InvalidOperationException($"{outcome} has no error code"),
    };

    /// <summary>The operator's token names the very tenant it is sent to: it still acts as no one there.</summary>
    private GraphQLClient Client(As role, string tenant) => role switch
    {
        As.Anonymous => api.Client(tenant, null),
        As.Member => api.Member(tenant, "alice"),
        As.Moderator => api.Client(tenant, api.Tokens.Issue(tenant, "mod", Role.Moderator)),
        As.Admin => api.Admin(tenant),
        As.Operator => api.Client(tenant, api.Tokens.Issue(tenant, "root", Role.Operator)),
        As.OtherTenantAdmin => api.Client(tenant, api.Tokens.Issue("elsewhere", "admin", Role.Admin)),
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    private sealed record Target(string Tenant, string Document, object? Variables);

    /// <summary>How each mutation's case is prepared in a fresh tenant (or, past a campaign's end, in the shared settled one).</summary>
    private static readonly Dictionary<string, Func<World, Task<Target>>> Targets = new()
    {
        ["createTenant"] = w =>
        {
            var slug = "rm" + Guid.NewGuid().ToString("N")[..10];
            return Task.FromResult(new Target(slug, "mutation($input: CreateTenantInput!) { createTenant(input: $input) { slug } }",
                new { input = new { slug, name = "Ville d'essai", locale = "fr" } }));
        },
        ["defineCampaignCategory"] = w => w.Target(
            "mutation($code: String!, $label: String!) { defineCampaignCategory(code: $code, label: $label) { customCategory } }", new { code = "jeunesse", label = "Jeunesse" }),
        ["createCampaign"] = w => w.Target(Documents.CreateCampaign, Documents.NewCampaign(endsAt: w.Now.AddDays(10))),
        ["fundMatchPool"] = w => w.Target(
            "mutation($amount: Long!, $currency: String!, $key: String!) { fundMatchPool(amount: $amount, currency: $currency, idempotencyKey: $key) { available { amount } } }",
            new { amount = 10_000, currency = "EUR", key = "m1" }),
        ["createMatchCall"] = w => w.Target(
            "mutation($input: CreateMatchCallInput!) { createMatchCall(input: $input) { id } }", new { input = new { name = "Culture", currency = "EUR" } }),
        ["fundMatchCall"] = async w => await w.Target(
            "mutation($id: ID!, $amount: Long!, $currency: String!, $key: String!) { fundMatchCall(id: $id, amount: $amount, currency: $currency, idempotencyKey: $key) { available { amount } } }",
            new { id = await w.MatchCallAsync(), amount = 10_000, currency = "EUR", key = "c1" }),
        ["publishCampaign"] = async w => await w.Target(Documents.PublishCampaign, new { id = await w.DraftAsync() }),
        ["submitCampaign"] = async w => await w.Target("mutation($id: ID!) { submitCampaign(id: $id) { status } }", new { id = await w.DraftAsync() }),
        ["requestCampaignChanges"] = async w => await w.Target(
            "mutation($id: ID!, $reason: String!) { requestCampaignChanges(id: $id, reason: $reason) { status } }",
            new { id = await w.SubmittedAsync(), reason = "Précisez le budget" }),
        ["approveCampaign"] = async w => await w.Target("mutation($id: ID!) { approveCampaign(id: $id) { status } }", new { id = await w.SubmittedAsync() }),
        ["rejectCampaign"] = async w => await w.Target(
            "mutation($id: ID!, $reason: String!) { rejectCampaign(id: $id, reason: $reason) { status } }",
            new { id = await w.SubmittedAsync(), reason = "Hors du territoire" }),
        ["setCampaignAidToPeopleInDifficulty"] = async w => await w.Target(
            "mutation($id: ID!) { setCampaignAidToPeopleInDifficulty(id: $id, aid: true) { id } }", new { id = await w.DraftAsync() }),
        ["pledge"] = async w => await w.Target(Documents.Pledge,
            new { input = new { campaignId = await w.LiveDonationAsync(), amount = 1_000, idempotencyKey = "p1" } }),
        ["setReceiptBeneficiary"] = w => w.Target(
            "mutation($input: BeneficiaryInput!) { setReceiptBeneficiary(input: $input) { id } }", World.Beneficiary),
        ["approveReceiptBeneficiary"] = async w =>
        {
            var (id, revision) = await w.PendingBeneficiaryAsync();
            return await w.Target(Documents.ApproveReceiptBeneficiary, new { id, revision, approve = true });
        },
        ["requestTaxReceipt"] = async w =>
        {
            var s = await w.SettledAsync();
            return new Target(s.Tenant,
                "mutation($contributionId: ID!, $donor: DonorInput!) { requestTaxReceipt(contributionId: $contributionId, donor: $donor) { number } }",
                new { contributionId = s.Contribution, donor = new { name = s.DonorName, address = "2 rue des Lilas, 31000 Toulouse" } });
        },
        ["invest"] = async w => await w.Target(
            "mutation($input: InvestInput!) { invest(input: $input) { contribution { id } } }",
            new { input = new { campaignId = await w.LiveEquityAsync(), shares = 1, idempotencyKey = "i1", knowledgeTestPassed = true } }),
        ["revokeInvestment"] = async w =>
        {
            var (campaign, contribution) = await w.InvestmentAsync();
            return await w.Target(
                "mutation($c: ID!, $ct: ID!) { revokeInvestment(campaignId: $c, contributionId: $ct) { contributions } }", new { c = campaign, ct = contribution });
        },
        ["recordLoanRepayment"] = async w =>
        {
            var s = await w.SettledAsync();
            return new Target(s.Tenant, """
                mutation($c: ID!, $l: ID!, $a: Long!, $d: DateOnly!, $k: String!) {
                  recordLoanRepayment(campaignId: $c, lenderId: $l, amount: $a, paidOn: $d, idempotencyKey: $k) { paid }
                }
                """,
                new { c = s.Loan, l = "alice", a = 1_000, d = w.Now.UtcDateTime.ToString("yyyy-MM-dd"), k = "r-" + Guid.NewGuid().ToString("N")[..8] });
        },
        ["createVote"] = w => w.Target(Documents.CreateVote, Documents.NewVote(closesAt: w.Now.AddDays(7))),
        ["castBallot"] = async w =>
        {
            var (vote, option) = await w.OpenVoteAsync();
            return await w.Target(Documents.CastBallot, new { input = new { voteId = vote, choices = new[] { option } } });
        },
        ["recordPaperBallots"] = async w =>
        {
            var (vote, option) = await w.OpenVoteAsync();
            return await w.Target("mutation($input: RecordPaperBallotsInput!) { recordPaperBallots(input: $input) { accepted } }",
                new { input = new { voteId = vote, ballots = new[] { new { voterRef = "urne-1/001", choices = new[] { option } } } } });
        },
        ["recordInPersonBallot"] = async w =>
        {
            var (vote, option) = await w.OpenVoteAsync();
            await w.CensusAsync("R300,1990-03-03\n");
            return await w.Target("""
                mutation($v: ID!, $n: String!, $b: DateOnly!, $c: [String!]!) {
                  recordInPersonBallot(voteId: $v, documentNumber: $n, birthDate: $b, choices: $c) { ballots }
                }
                """, new { v = vote, n = "R300", b = "1990-03-03", c = new[] { option } });
        },
        ["importPabulib"] = async w => await w.Target("mutation($input: ImportPabulibInput!) { importPabulib(input: $input) { id } }",
            new { input = new { content = await File.ReadAllTextAsync(Path.Combine(w.ImportDirectory, "France_Toulouse_2019.pb")) } }),
        ["closeVote"] = async w => await w.Target(Documents.CloseVote, new { id = (await w.OpenVoteAsync()).Vote }),
        ["setVoteExclusiveSets"] = async w => await w.Target(
            "mutation($id: ID!, $sets: [[ID!]!]!) { setVoteExclusiveSets(id: $id, exclusiveSets: $sets) { rule } }",
            new { id = await w.DraftVoteAsync(), sets = new[] { new[] { "p1", "p2" } } }),
        ["uploadCensus"] = w => w.Target("mutation($csv: String!) { uploadCensus(csv: $csv) { entries } }", new { csv = "R100,1990-01-01,Nord\n" }),
        ["updateTenantBranding"] = w => w.Target(
            "mutation($input: UpdateTenantBrandingInput!) { updateTenantBranding(input: $input) { name } }",
            new { input = new { name = "Ville de test", locale = "fr", primaryColor = "#1d4ed8", secondaryColor = "#0f766e", logoUrl = "/logo.svg" } }),
        ["registerOidcClient"] = w => w.Target(Civic.Tests.Oidc.OidcClientRegistration.Register, Civic.Tests.Oidc.OidcClientRegistration.SampleInput),
        ["configureSignInProvider"] = w => w.Target(Civic.Tests.Oidc.UpstreamProvider.Configure, Civic.Tests.Oidc.UpstreamProvider.SampleInput),
        ["removeSignInProvider"] = w => w.Target("mutation($k: String!) { removeSignInProvider(key: $k) }", new { k = "franceconnect" }),
        ["verifyResidency"] = async w =>
        {
            await w.CensusAsync("R200,1990-02-02,Nord\n");
            return await w.Target("mutation($n: String!, $b: DateOnly!) { verifyResidency(documentNumber: $n, birthDate: $b) { verified } }",
                new { n = "R200", b = "1990-02-02" });
        },
        ["createIdeaBox"] = w => w.Target(IdeaDocuments.CreateBox, IdeaDocuments.NewBox(w.Now)),
        ["submitIdea"] = async w => await w.Target(IdeaDocuments.Submit, new { box = await w.IdeaBoxAsync(), input = IdeaDocuments.NewIdea() }),
        ["editIdea"] = async w => await w.Target(IdeaDocuments.Edit, new { id = (await w.IdeaAsync()).Idea, input = IdeaDocuments.NewIdea("Modifiée") }),
        ["withdrawIdea"] = async w => await w.Target(IdeaDocuments.Withdraw, new { id = (await w.IdeaAsync()).Idea }),
        ["supportIdea"] = async w => await w.Target(IdeaDocuments.Support, new { id = (await w.IdeaAsync()).Idea }),
        ["withdrawSupport"] = async w => await w.Target(IdeaDocuments.WithdrawSupport, new { id = (await w.IdeaAsync()).Idea }),
        ["commentIdea"] = async w => await w.Target(CommentDocuments.Comment, CommentDocuments.New((await w.IdeaAsync()).Idea)),
        ["commentCampaign"] = async w => await w.Target(CommentDocuments.CommentCampaign, CommentDocuments.On("campaign", await w.LiveDonationAsync())),
        ["commentVoteOption"] = async w =>
        {
            var (vote, option) = await w.OpenVoteAsync();
            return await w.Target(CommentDocuments.CommentVoteOption, CommentDocuments.OnOption(vote, option));
        },
        ["postCampaignUpdate"] = async w => await w.Target(CampaignUpdateDocuments.Post,
            CampaignUpdateDocuments.New(await w.AlicesLiveDonationAsync(), "Des nouvelles", "Tout avance.")),
        ["editCampaignUpdate"] = async w => await w.Target(CampaignUpdateDocuments.Edit,
            new { input = new { id = await w.AlicesCampaignUpdateAsync(), title = "Des nouvelles (corrigé)", body = "Tout avance vite." } }),
        ["deleteCampaignUpdate"] = async w => await w.Target(CampaignUpdateDocuments.Delete, new { id = await w.AlicesCampaignUpdateAsync() }),
        ["markNotificationRead"] = async w => await w.Target(NotificationDocuments.MarkRead, new { id = await w.AliceNotificationAsync() }),
        ["markAllNotificationsRead"] = async w =>
        {
            await w.AliceNotificationAsync();
            return await w.Target(NotificationDocuments.MarkAllRead, null);
        },
        ["editComment"] = async w => await w.Target(CommentDocuments.Edit, new { id = await w.CommentAsync(), body = "Modifié" }),
        ["deleteComment"] = async w => await w.Target(CommentDocuments.Delete, new { id = await w.CommentAsync() }),
        ["voteComment"] = async w => await w.Target(CommentDocuments.Vote, new { id = await w.CommentAsync("bob"), vote = "UP" }),
        ["withdrawCommentVote"] = async w => await w.Target(CommentDocuments.WithdrawVote, new { id = await w.VotedCommentAsync() }),
        ["turnIdeaIntoProject"] = async w =>
        {
            var (idea, vote) = await w.AcceptedIdeaAndDraftVoteAsync();
            return await w.Target("""
                mutation($id: ID!, $v: ID!) { turnIdeaIntoProject(id: $id, voteId: $v, cost: 100000, text: "Au budget participatif.") { state } }
                """, new { id = idea, v = vote });
        },
        ["setTenantArea"] = w => w.Target("mutation { setTenantArea(area: { south: 43.5, west: 1.35, north: 43.67, east: 1.52 }) { slug } }", null),
        ["reportContent"] = async w => await w.Target(ModerationDocuments.Report, new { kind = "COMMENT", id = await w.CommentAsync("bob"), reason = "SPAM" }),
        ["moderateContent"] = async w => await w.Target(ModerationDocuments.Moderate,
            new { kind = "COMMENT", id = await w.CommentAsync("bob"), act = "HIDE", reason = "Hors charte." }),
        ["answerIdea"] = async w => await w.Target(IdeaDocuments.Answer, new { id = (await w.IdeaAsync()).Idea, state = "UNDER_REVIEW", text = "Nous l'étudions." }),
        ["register"] = w => w.Target(AccountDocuments.Register,
            new { email = AccountMails.NewEmail(), password = AccountDocuments.GoodPassword, displayName = "Camille Martin", locale = "fr" }),
        ["resendConfirmation"] = w => w.Target(AccountDocuments.ResendConfirmation, new { email = AccountMails.NewEmail() }),
        ["confirmEmail"] = async w =>
        {
            var email = AccountMails.NewEmail();
            await w.Grains.GetGrain<IAccountsGrain>(w.Tenant).RegisterAsync(new Register(email, AccountDocuments.GoodPassword, "Camille", "fr"));
            return await w.Target(AccountDocuments.ConfirmEmail, new { token = await w.Mails.LastTokenAsync(w.Tenant, email, "confirm-email") });
        },
        ["requestPasswordReset"] = w => w.Target(AccountDocuments.RequestPasswordReset, new { email = AccountMails.NewEmail() }),
        ["resetPassword"] = async w =>
        {
            var email = AccountMails.NewEmail();
            await w.Mails.ConfirmedAsync(w.Tenant, email);
            await w.Grains.GetGrain<IAccountsGrain>(w.Tenant).RequestPasswordResetAsync(email);
            return await w.Target(AccountDocuments.ResetPassword,
                new { token = await w.Mails.LastTokenAsync(w.Tenant, email, "reset-password"), p = "Un autre mot de passe, bien long" });
        },
        ["unlockAccount"] = async w =>
        {
            var email = AccountMails.NewEmail();
            await w.Mails.ConfirmedAsync(w.Tenant, email);
            for (var i = 0; i < 20; i++)
            {
                await w.Grains.GetGrain<IAccountsGrain>(w.Tenant).SignInAsync(email, "wrong password");
            }

            return await w.Target(AccountDocuments.UnlockAccount, new { token = await w.Mails.LastTokenAsync(w.Tenant, email, "unlock-account") });
        },
        ["changeEmail"] = w => w.Target(AccountDocuments.ChangeEmail, new { e = AccountMails.NewEmail("moved"), p = AccountDocuments.GoodPassword }),
        ["confirmEmailChange"] = async w =>
        {
            var email = AccountMails.NewEmail();
            var id = await w.Mails.ConfirmedAsync(w.Tenant, email);
            var moved = AccountMails.NewEmail("moved");
            using var owner = w.Mails.SignedIn(w.Tenant, id);
            await owner.OkAsync(AccountDocuments.ChangeEmail, new { e = moved, p = AccountDocuments.GoodPassword });
            return await w.Target(AccountDocuments.ConfirmEmailChange, new { token = await w.Mails.LastTokenAsync(w.Tenant, moved, "confirm-email-change") });
        },
        ["inviteTenantAdmin"] = w => w.Target(AccountDocuments.InviteTenantAdmin, new { t = w.Tenant, e = AccountMails.NewEmail("maire") }),
        ["inviteToRole"] = w => w.Target(AccountDocuments.InviteToRole, new { e = AccountMails.NewEmail("mod"), r = "MODERATOR" }),
        ["acceptInvitation"] = async w =>
        {
            var email = AccountMails.NewEmail("maire");
            await w.Grains.GetGrain<ITenantRolesGrain>(w.Tenant).InviteAsync(new InviteToRole(email, Role.Admin), new Actor(w.Tenant, "root", Role.Operator));
            return await w.Target(AccountDocuments.AcceptInvitation,
                new { token = await w.Mails.LastTokenAsync(w.Tenant, email, "invitation"), p = AccountDocuments.GoodPassword, n = "Dominique", l = "fr" });
        },
        ["removeRole"] = async w =>
        {
            var id = await w.Mails.InvitedAsync(w.Tenant, AccountMails.NewEmail("mod"), Role.Moderator, new Actor(w.Tenant, "admin", Role.Admin));
            return await w.Target(AccountDocuments.RemoveRole, new { id });
        },
        ["setMailTemplate"] = w => w.Target(
            "mutation($k: String!, $l: String!, $s: String!, $t: String!) { setMailTemplate(kind: $k, locale: $l, subject: $s, text: $t) { custom } }",
            new { k = "confirm-email", l = "fr", s = "Bienvenue", t = "Confirmez : {{link}}" }),
        ["resetMailTemplate"] = w => w.Target(
            "mutation($k: String!, $l: String!) { resetMailTemplate(kind: $k, locale: $l) { custom } }", new { k = "confirm-email", l = "fr" }),
        ["requestMyDataExport"] = w => w.Target("mutation { requestMyDataExport { id } }", new { }),
        ["deleteMyAccount"] = w => w.Target("mutation($p: String!) { deleteMyAccount(password: $p) }", new { p = AccountDocuments.GoodPassword }),
    };

    private Task<Settled> SettledAsync() => new Shared(api).SettledAsync();
}
