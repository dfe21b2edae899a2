using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// The admin's receipts page in a real Chromium (web/e2e/receipts.mjs): two members' receipt identities wait for
/// review; the admin approves one and rejects the other (the reason is asked for first); a receipt issued for a
/// donation to a campaign that succeeded is listed and downloaded as its printable page, and the tenant's receipts
/// and the campaign's donors are downloaded as CSV from the documented /receipts and /exports endpoints. A
/// moderator is shown that the page is for admins. axe-core on every page; the reviews are checked through the API.
/// </summary>
[Collection("web")]
public sealed class ReceiptsJourney(WebFixture fixture, ITestOutputHelper output)
{
    private const string RequestReceipt = """
        mutation($contributionId: ID!, $donor: DonorInput!) { requestTaxReceipt(contributionId: $contributionId, donor: $donor) { number } }
        """;

    private static object Identity(string name) =>
        new { name, address = "1 place de la Mairie, 06560 Valbonne", siren = "732829320", purpose = "Projets de quartier" };

    [Fact]
    public async Task Admins_review_receipt_identities_and_download_receipts_and_donor_exports_with_no_serious_accessibility_violation()
    {
        var tenant = fixture.Tenant;
        var run = Guid.NewGuid().ToString("N")[..6];
        using var admin = fixture.Admin(tenant);
        await Documents.RegisterApprovedBeneficiaryAsync(admin, admin, Identity($"Ville de Valbonne {run}"));

        // Two members ask for receipt identities of their own: they wait in the review queue.
        using var approveOwner = fixture.Member(tenant, "approve-" + run);
        using var rejectOwner = fixture.Member(tenant, "reject-" + run);
        var approveName = $"Association des jardins {run}";
        var rejectName = $"Club des fusées {run}";
        await approveOwner.OkAsync(Documents.SetReceiptBeneficiary, new { input = Identity(approveName) });
        await rejectOwner.OkAsync(Documents.SetReceiptBeneficiary, new { input = Identity(rejectName) });

        // A donation campaign of the admin that ends a few seconds from now, reaches its goal and is paid out.
        var campaignTitle = $"Bancs publics {run}";
        var endsAt = DateTimeOffset.UtcNow.AddSeconds(6);
        var campaign = Documents.NewCampaign(goal: 1_000, endsAt: endsAt);
        var input = (JsonObject)Journey.Config(campaign)["input"]!;
        input["title"] = campaignTitle;
        var id = (await admin.OkAsync(Documents.CreateCampaign, new { input }))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        using var donor = fixture.Member(tenant, "donor-" + run);
        var contributionId = (await donor.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 4_250, idempotencyKey = "r-" + run } }))
            ["pledge"]!["contribution"]!["id"]!.GetValue<string>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        string? status = null;
        while (status != "PAID_OUT")
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the campaign is {status}, not PAID_OUT, 90 s after it started");
            status = (await admin.OkAsync(Documents.Campaign, new { id }))["campaign"]!["status"]!.GetValue<string>();
            if (status != "PAID_OUT")
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250)); // a poll interval, with the deadline above
            }
        }

        var donorName = $"Camille Donatrice {run}";
        var number = (await donor.OkAsync(RequestReceipt, new
        {
            contributionId,
            donor = new { name = donorName, address = "3 chemin des Oliviers, 06560 Valbonne" },
        }))["requestTaxReceipt"]!["number"]!.GetValue<string>();

        var checks = await Journey.RunAsync("e2e/receipts.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            adminToken = fixture.Tokens.Issue(tenant, "admin-" + run, Role.Admin),
            moderatorToken = fixture.Tokens.Issue(tenant, "moderator-" + run, Role.Moderator),
            approveName,
            rejectName,
            campaignTitle,
            number,
        }), output, minPages: 4);

        Assert.Contains("réservée aux administrateurs", checks["moderatorSeesAdminsOnly"]!.GetValue<string>());

        var reviews = checks["adminReviewsIdentities"]!;
        Assert.Equal("Indiquez le motif du refus.", reviews["reasonAsked"]!.GetValue<string>());
        Assert.Equal("true", reviews["invalid"]!.GetValue<string>());
        Assert.Contains(approveName, reviews["approved"]!.GetValue<string>());
        Assert.Contains(rejectName, reviews["rejected"]!.GetValue<string>());
        var approved = (await approveOwner.OkAsync("{ myReceiptBeneficiary { status reviewedBy } }"))["myReceiptBeneficiary"]!;
        Assert.Equal("APPROVED", approved["status"]!.GetValue<string>());
        Assert.Equal("admin-" + run, approved["reviewedBy"]!.GetValue<string>());
        var rejected = (await rejectOwner.OkAsync("{ myReceiptBeneficiary { status reviewReason } }"))["myReceiptBeneficiary"]!;
        Assert.Equal("REJECTED", rejected["status"]!.GetValue<string>());
        Assert.Equal("Le SIREN ne correspond pas à l'association.", rejected["reviewReason"]!.GetValue<string>());

        var files = checks["adminDownloadsReceiptsAndExports"]!;
        Assert.Contains(donorName, files["row"]!.GetValue<string>());
        Assert.Contains("42,50", files["row"]!.GetValue<string>());
        Assert.Equal($"recu-{number}.html", files["receiptFile"]!.GetValue<string>());
        Assert.Contains(donorName, files["receipt"]!.GetValue<string>());
        Assert.Contains("SIREN 732829320", files["receipt"]!.GetValue<string>());
        Assert.Contains(number, files["allCsv"]!.GetValue<string>());
        var donorLines = files["donorsCsv"]!.GetValue<string>().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("receipt_number,donation_id,", donorLines[0]);
        var line = Assert.Single(donorLines.Skip(1));
        Assert.StartsWith($"{number},{contributionId},", line);
        Assert.Contains("42.50,EUR", line);
        Assert.Contains("recu-", files["status"]!.GetValue<string>());
    }
}
