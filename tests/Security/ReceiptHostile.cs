using System.Net;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>
/// Receipts under someone else's name (issue 8, finding 9): a member's beneficiary identity (SIREN or RNA)
/// is printed on tax receipts only once an admin of the tenant approved that very revision; every refusal
/// here answers its exact code and leaves the tenant's database as it was.
/// </summary>
[Collection("api-clock")]
public sealed class ReceiptHostile(ClockedApiFixture api)
{
    private const string RequestReceipt = """
        mutation($contributionId: ID!, $donor: DonorInput!) {
          requestTaxReceipt(contributionId: $contributionId, donor: $donor) { number beneficiary { id name siren } }
        }
        """;

    private const string MyBeneficiary = $$"""{ myReceiptBeneficiary { {{Documents.RegistrationFields}} } }""";

    /// <summary>A real association's SIREN (checksum-valid): what a member could claim as theirs.</summary>
    private static object Association(string name = "Les Restos du Cœur", string siren = "775671357") =>
        new { name, address = "42 rue Championnet, 75018 Paris", siren, purpose = "Aide alimentaire" };

    private static readonly object Donor = new { name = "Alice Martin", address = "2 rue des Lilas, 31000 Toulouse" };

    private static readonly SemaphoreSlim ScenarioGate = new(1);
    private static Scenario? _scenario;

    /// <summary>
    /// One tenant whose five members each own a donation campaign that succeeded, with alice's donation
    /// on each: "pending" registered an identity nobody reviewed, "rejected" had it rejected, "approved"
    /// had it approved, "changed" had it approved then changed it (revision 2, pending), "none" registered nothing.
    /// </summary>
    private sealed record Scenario(string Tenant, Dictionary<string, string> AliceDonation, string BobDonation, Dictionary<string, JsonNode> Registrations);

    private GraphQLClient As(string tenant, string user, Role role) => api.Client(tenant, api.Tokens.Issue(tenant, user, role));

    private static void AssertRefused(GraphQLResult result, string code)
    {
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(code, result.FirstCode);
    }

    private async Task<Scenario> ScenarioAsync()
    {
        await ScenarioGate.WaitAsync();
        try
        {
            return _scenario ??= await BuildScenarioAsync();
        }
        finally
        {
            ScenarioGate.Release();
        }
    }

    private async Task<Scenario> BuildScenarioAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        string[] owners = ["pending", "rejected", "approved", "changed", "none"];
        var registrations = new Dictionary<string, JsonNode>();
        var campaigns = new Dictionary<string, string>();
        var endsAt = api.Now.AddMinutes(10);
        foreach (var name in owners)
        {
            using var owner = api.Member(tenant, name);
            if (name != "none")
            {
                var registered = (await owner.OkAsync(Documents.SetReceiptBeneficiary, new { input = Association() }))["setReceiptBeneficiary"]!;
                Assert.Equal("PENDING", registered["status"]!.GetValue<string>());
                var review = new { id = name, revision = registered["revision"]!.GetValue<int>(), approve = name != "rejected", reason = name == "rejected" ? "Ce SIREN n'est pas le vôtre" : null };
                if (name != "pending")
                {
                    registered = (await admin.OkAsync(Documents.ApproveReceiptBeneficiary, review))["approveReceiptBeneficiary"]!;
                }

                if (name == "changed")
                {
                    registered = (await owner.OkAsync(Documents.SetReceiptBeneficiary, new { input = Association(siren: "732829320") }))["setReceiptBeneficiary"]!;
                }

                registrations[name] = registered;
            }

            var id = (await owner.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: 1_000, endsAt: endsAt)))["createCampaign"]!["id"]!.GetValue<string>();
            await owner.OkAsync(Documents.SubmitCampaign, new { id });
            Assert.Equal("LIVE", (await admin.OkAsync(Documents.ApproveCampaign, new { id }))["approveCampaign"]!["status"]!.GetValue<string>());
            campaigns[name] = id;
        }

        var donations = new Dictionary<string, string>();
        foreach (var (name, id) in campaigns)
        {
            donations[name] = await PledgeAsync(alice, id, 2_000, "a-" + name);
        }

        var bobs = await PledgeAsync(bob, campaigns["approved"], 1_500, "b-approved");
        using var anonymous = api.Client(tenant, token: null);
        foreach (var id in campaigns.Values)
        {
            await api.EventuallyAfterAsync(endsAt,
                async () => (await anonymous.OkAsync(Documents.Campaign, new { id }))["campaign"]?["status"]?.GetValue<string>(),
                status => status == "PAID_OUT", $"campaign {id} to be paid out");
        }

        return new Scenario(tenant, donations, bobs, registrations);
    }

    private static async Task<string> PledgeAsync(GraphQLClient member, string campaignId, long amount, string key) =>
        (await member.OkAsync(Documents.Pledge, new { input = new { campaignId, amount, idempotencyKey = key } }))["pledge"]!["contribution"]!["id"]!.GetValue<string>();

    public static TheoryData<string, string, string, string> RefusedReceipts => new()
    {
        // caller, whose donation (by owner of the campaign), expected code, why
        { "alice", "pending", ErrorCodes.BeneficiaryNotApproved, "an identity nobody reviewed" },
        { "alice", "rejected", ErrorCodes.BeneficiaryNotApproved, "a rejected identity" },
        { "alice", "changed", ErrorCodes.BeneficiaryNotApproved, "an approved identity changed since (new SIREN)" },
        { "alice", "none", ErrorCodes.ReceiptNotAllowed, "an owner without an identity" },
        { "bob", "approved", ErrorCodes.NotFound, "another member's donation" },
        { "approved", "approved", ErrorCodes.NotFound, "the campaign owner asking for a donor's receipt" },
        { "admin", "approved", ErrorCodes.NotFound, "an admin asking for a donor's receipt under their own name" },
        { "pending", "pending", ErrorCodes.NotFound, "the owner of an unapproved identity asking for a donor's receipt" },
        { "other-tenant:alice", "approved", ErrorCodes.Forbidden, "alice's id with another tenant's token" },
        { "anonymous", "approved", ErrorCodes.Unauthenticated, "nobody signed in" },
    };

    [Theory]
    [MemberData(nameof(RefusedReceipts))]
    public async Task A_receipt_is_refused_and_nothing_is_written(string caller, string owner, string code, string why)
    {
        var scenario = await ScenarioAsync();
        using var client = caller switch
        {
            "anonymous" => api.Client(scenario.Tenant, token: null),
            "admin" => api.Admin(scenario.Tenant),
            "other-tenant:alice" => api.Client(scenario.Tenant, api.Tokens.Issue(await api.NewTenantAsync(), "alice", Role.Member)),
            _ => api.Member(scenario.Tenant, caller),
        };
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, scenario.Tenant);
        AssertRefused(await client.SendAsync(RequestReceipt, new { contributionId = scenario.AliceDonation[owner], donor = Donor }), code);
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, scenario.Tenant), why);
    }

    public static TheoryData<string, string, string> RefusedReviews => new()
    {
        // reviewer, what is sent, expected code
        { "moderator", "approve-pending", ErrorCodes.Forbidden },
        { "owner-itself", "approve-pending", ErrorCodes.Forbidden },
        { "another-member", "approve-pending", ErrorCodes.Forbidden },
        { "operator", "approve-pending", ErrorCodes.Forbidden },
        { "other-tenant-admin", "approve-pending", ErrorCodes.Forbidden },
        { "anonymous", "approve-pending", ErrorCodes.Unauthenticated },
        { "moderator", "reject-approved", ErrorCodes.Forbidden },
        { "admin", "approve-stale-revision", ErrorCodes.InvalidTransition },
        { "admin", "approve-unknown", ErrorCodes.NotFound },
        { "admin", "reject-without-reason", ErrorCodes.Validation },
    };

    [Theory]
    [MemberData(nameof(RefusedReviews))]
    public async Task A_review_by_the_wrong_person_or_of_the_wrong_revision_is_refused(string reviewer, string what, string code)
    {
        var scenario = await ScenarioAsync();
        using var client = reviewer switch
        {
            "moderator" => As(scenario.Tenant, "mod", Role.Moderator),
            "owner-itself" => api.Member(scenario.Tenant, "pending"),
            "another-member" => api.Member(scenario.Tenant, "bob"),
            "operator" => As(scenario.Tenant, "operator", Role.Operator),
            "other-tenant-admin" => api.Client(scenario.Tenant, api.Tokens.Issue(await api.NewTenantAsync(), "admin", Role.Admin)),
            "anonymous" => api.Client(scenario.Tenant, token: null),
            _ => api.Admin(scenario.Tenant),
        };
        int Revision(string owner) => scenario.Registrations[owner]["revision"]!.GetValue<int>();
        object review = what switch
        {
            "approve-pending" => new { id = "pending", revision = Revision("pending"), approve = true },
            "reject-approved" => new { id = "approved", revision = Revision("approved"), approve = false, reason = "Non" },
            "approve-stale-revision" => new { id = "changed", revision = Revision("changed") - 1, approve = true },
            "approve-unknown" => new { id = "nobody", revision = 1, approve = true },
            _ => new { id = "pending", revision = Revision("pending"), approve = false, reason = "  " },
        };

        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, scenario.Tenant);
        AssertRefused(await client.SendAsync(Documents.ApproveReceiptBeneficiary, review), code);
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, scenario.Tenant), $"{reviewer} sending {what}");
    }

    [Theory]
    [InlineData("member", ErrorCodes.Forbidden)]
    [InlineData("moderator", ErrorCodes.Forbidden)]
    [InlineData("anonymous", ErrorCodes.Unauthenticated)]
    public async Task Only_admins_read_the_review_queue(string who, string code)
    {
        var scenario = await ScenarioAsync();
        using var client = who switch
        {
            "member" => api.Member(scenario.Tenant, "pending"),
            "moderator" => As(scenario.Tenant, "mod", Role.Moderator),
            _ => api.Client(scenario.Tenant, token: null),
        };
        AssertRefused(await client.SendAsync(Documents.ReceiptBeneficiaries, new { status = "PENDING" }), code);
    }

    [Theory]
    [InlineData("approved", "732829321", null, ErrorCodes.Validation)]
    [InlineData("approved", null, "W1234567!", ErrorCodes.Validation)]
    public async Task An_identity_with_a_bad_number_is_refused_and_the_approved_one_stands(string owner, string? siren, string? rna, string code)
    {
        var scenario = await ScenarioAsync();
        using var client = api.Member(scenario.Tenant, owner);
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, scenario.Tenant);
        AssertRefused(await client.SendAsync(Documents.SetReceiptBeneficiary,
            new { input = new { name = "X", address = "Y", siren, rna, purpose = "Z" } }), code);
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, scenario.Tenant), "a bad identity writes nothing");
        Assert.Equal("APPROVED", (await client.OkAsync(MyBeneficiary))["myReceiptBeneficiary"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registering_the_same_identity_again_keeps_its_approval_and_writes_nothing()
    {
        var scenario = await ScenarioAsync();
        using var owner = api.Member(scenario.Tenant, "approved");
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, scenario.Tenant);
        var again = (await owner.OkAsync(Documents.SetReceiptBeneficiary, new { input = Association() }))["setReceiptBeneficiary"]!;
        Assert.Equal("APPROVED", again["status"]!.GetValue<string>());
        Assert.Equal(scenario.Registrations["approved"]["revision"]!.GetValue<int>(), again["revision"]!.GetValue<int>());
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, scenario.Tenant), "the same identity again");
    }

    [Fact]
    public async Task A_rejection_is_recorded_with_who_when_and_why_and_listed_for_admins()
    {
        var scenario = await ScenarioAsync();
        using var admin = api.Admin(scenario.Tenant);
        var rejected = (await admin.OkAsync(Documents.ReceiptBeneficiaries, new { status = "REJECTED" }))["receiptBeneficiaries"]!.AsArray();
        var entry = Assert.Single(rejected)!;
        Assert.Equal("rejected", entry["id"]!.GetValue<string>());
        Assert.Equal("admin", entry["reviewedBy"]!.GetValue<string>());
        Assert.Equal("Ce SIREN n'est pas le vôtre", entry["reviewReason"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - entry["reviewedAt"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(10));

        var pending = (await admin.OkAsync(Documents.ReceiptBeneficiaries, new { status = "PENDING" }))["receiptBeneficiaries"]!.AsArray()
            .Select(e => e!["id"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(new[] { "changed", "pending" }, pending);
        Assert.All((await admin.OkAsync(Documents.ReceiptBeneficiaries))["receiptBeneficiaries"]!.AsArray(),
            e => Assert.Equal("PENDING", e!["status"]!.GetValue<string>()));
    }

    /// <summary>
    /// The whole story: a member claims an association's SIREN, receipts are refused until an admin (not a
    /// moderator) approves it, then issued under it; a new name is a new revision, refused again until approved.
    /// </summary>
    [Fact]
    public async Task Receipts_wait_for_an_admin_approval_of_each_revision()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        using var moderator = As(tenant, "mod", Role.Moderator);
        using var owner = api.Member(tenant, "asso");
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");

        var registered = (await owner.OkAsync(Documents.SetReceiptBeneficiary, new { input = Association() }))["setReceiptBeneficiary"]!;
        Assert.Equal("PENDING", registered["status"]!.GetValue<string>());
        Assert.Equal(1, registered["revision"]!.GetValue<int>());
        Assert.Null(registered["reviewedBy"]);
        var queue = (await admin.OkAsync(Documents.ReceiptBeneficiaries))["receiptBeneficiaries"]!.AsArray();
        Assert.Equal("775671357", Assert.Single(queue)!["siren"]!.GetValue<string>());

        var endsAt = api.Now.AddMinutes(10);
        var id = (await owner.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: 1_000, endsAt: endsAt)))["createCampaign"]!["id"]!.GetValue<string>();
        await owner.OkAsync(Documents.SubmitCampaign, new { id });
        await admin.OkAsync(Documents.ApproveCampaign, new { id });
        var fromAlice = await PledgeAsync(alice, id, 3_000, "a1");
        var fromBob = await PledgeAsync(bob, id, 2_000, "b1");
        using (var anonymous = api.Client(tenant, token: null))
        {
            await api.EventuallyAfterAsync(endsAt,
                async () => (await anonymous.OkAsync(Documents.Campaign, new { id }))["campaign"]?["status"]?.GetValue<string>(),
                status => status == "PAID_OUT", "the campaign to be paid out");
        }

        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        AssertRefused(await alice.SendAsync(RequestReceipt, new { contributionId = fromAlice, donor = Donor }), ErrorCodes.BeneficiaryNotApproved);
        AssertRefused(await moderator.SendAsync(Documents.ApproveReceiptBeneficiary, new { id = "asso", revision = 1, approve = true }), ErrorCodes.Forbidden);
        AssertRefused(await alice.SendAsync(RequestReceipt, new { contributionId = fromAlice, donor = Donor }), ErrorCodes.BeneficiaryNotApproved);
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "no receipt, no approval by a moderator");

        var approved = (await admin.OkAsync(Documents.ApproveReceiptBeneficiary, new { id = "asso", revision = 1, approve = true }))["approveReceiptBeneficiary"]!;
        Assert.Equal("APPROVED", approved["status"]!.GetValue<string>());
        Assert.Equal("admin", approved["reviewedBy"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - approved["reviewedAt"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(1));
        Assert.Equal("asso", Assert.Single((await admin.OkAsync(Documents.ReceiptBeneficiaries, new { status = "APPROVED" }))["receiptBeneficiaries"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Empty((await admin.OkAsync(Documents.ReceiptBeneficiaries))["receiptBeneficiaries"]!.AsArray());
        Assert.Equal("APPROVED", (await owner.OkAsync(MyBeneficiary))["myReceiptBeneficiary"]!["status"]!.GetValue<string>());

        var receipt = (await alice.OkAsync(RequestReceipt, new { contributionId = fromAlice, donor = Donor }))["requestTaxReceipt"]!;
        Assert.Equal("775671357", receipt["beneficiary"]!["siren"]!.GetValue<string>());
        Assert.Equal("Les Restos du Cœur", receipt["beneficiary"]!["name"]!.GetValue<string>());

        // A new name is a new revision: pending again, receipts refused until an admin approves revision 2.
        var renamed = (await owner.OkAsync(Documents.SetReceiptBeneficiary, new { input = Association(name: "Restos du Cœur de Paris") }))["setReceiptBeneficiary"]!;
        Assert.Equal("PENDING", renamed["status"]!.GetValue<string>());
        Assert.Equal(2, renamed["revision"]!.GetValue<int>());
        Assert.Null(renamed["reviewedBy"]);
        AssertRefused(await bob.SendAsync(RequestReceipt, new { contributionId = fromBob, donor = Donor }), ErrorCodes.BeneficiaryNotApproved);
        AssertRefused(await admin.SendAsync(Documents.ApproveReceiptBeneficiary, new { id = "asso", revision = 1, approve = true }), ErrorCodes.InvalidTransition);
        await admin.OkAsync(Documents.ApproveReceiptBeneficiary, new { id = "asso", revision = 2, approve = true });
        var second = (await bob.OkAsync(RequestReceipt, new { contributionId = fromBob, donor = Donor }))["requestTaxReceipt"]!;
        Assert.Equal("Restos du Cœur de Paris", second["beneficiary"]!["name"]!.GetValue<string>());

        // A receipt already issued stays as issued.
        var again = (await alice.OkAsync(RequestReceipt, new { contributionId = fromAlice, donor = Donor }))["requestTaxReceipt"]!;
        Assert.Equal(receipt["number"]!.GetValue<string>(), again["number"]!.GetValue<string>());
        Assert.Equal("Les Restos du Cœur", again["beneficiary"]!["name"]!.GetValue<string>());
    }
}
