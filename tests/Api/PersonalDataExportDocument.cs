using System.Text.Json.Nodes;
using Civic.Grains.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Tests.Api;

/// <summary>
/// The personal data export's document (issue 10, GDPR): a member's contributions with their status, their census
/// verification and the votes they took part in, never what they chose; nothing of another member.
/// </summary>
[Collection("api")]
public sealed class PersonalDataExportDocument(ApiFixture api)
{
    [Fact]
    public async Task The_export_holds_the_member_contributions_verification_and_votes_taken_part_in_but_never_a_choice()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var campaign = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();
        var otherVote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();
        await admin.OkAsync("mutation($csv: String!) { uploadCensus(csv: $csv) { rows } }",
            new { csv = "document_number,birth_date,district\nQ7719201,1988-02-03,Nord\n" });

        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        await alice.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 2_500, idempotencyKey = "a-1" } });
        await alice.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 1_200, idempotencyKey = "a-2" } });
        await bob.OkAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount = 777, idempotencyKey = "b-1" } });
        await alice.OkAsync(Documents.CastBallot, new { input = new { voteId = vote, choices = new[] { "p2", "p4" } } });
        await bob.OkAsync(Documents.CastBallot, new { input = new { voteId = otherVote, choices = new[] { "p1" } } });
        await alice.OkAsync("mutation { verifyResidency(documentNumber: \"Q7719201\", birthDate: \"1988-02-03\") { verified } }");

        var export = api.Services.GetRequiredService<PersonalDataExport>();
        var document = await export.BuildAsync(tenant, "alice", account: null);
        var file = System.Text.Encoding.UTF8.GetString(PersonalDataExport.ToFile(document));
        var read = JsonNode.Parse(file)!;

        Assert.Equal(PersonalDataExport.SchemaVersion, read["schemaVersion"]!.GetValue<int>());
        Assert.Equal(tenant, read["tenant"]!["slug"]!.GetValue<string>());
        Assert.Equal($"Test city {tenant}", read["tenant"]!["name"]!.GetValue<string>());
        Assert.Equal("alice", read["memberId"]!.GetValue<string>());
        Assert.Null(read["profile"]);

        var contributions = read["contributions"]!.AsArray();
        Assert.Equal([1_200L, 2_500L], contributions.Select(c => c!["amount"]!.GetValue<long>()));
        Assert.All(contributions, c =>
        {
            Assert.Equal(campaign, c!["campaignId"]!.GetValue<string>());
            Assert.Equal("EUR", c["currency"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(c["paymentStatus"]!.GetValue<string>()));
            Assert.NotNull(c["counted"]);
        });

        Assert.True(read["verification"]!["verified"]!.GetValue<bool>());
        Assert.Equal("Nord", read["verification"]!["district"]!.GetValue<string>());
        Assert.DoesNotContain("Q7719201", file, StringComparison.Ordinal);
        Assert.DoesNotContain("1988-02-03", file, StringComparison.Ordinal);

        // Alice took part in one vote; not a word of what she chose, nor of Bob.
        Assert.Equal([vote], read["votes"]!.AsArray().Select(v => v!["voteId"]!.GetValue<string>()));
        Assert.Equal(["voteId"], read["votes"]![0]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("\"p2\"", file, StringComparison.Ordinal);
        Assert.DoesNotContain("\"p4\"", file, StringComparison.Ordinal);
        Assert.DoesNotContain(otherVote, file, StringComparison.Ordinal);
        Assert.Empty(read["truncated"]!.AsArray());

        var bobs = await export.BuildAsync(tenant, "bob", account: null);
        Assert.Equal([otherVote], bobs["votes"]!.AsArray().Select(v => v!["voteId"]!.GetValue<string>()));
        Assert.False(bobs["verification"]!["verified"]!.GetValue<bool>());
        Assert.Equal([777L], bobs["contributions"]!.AsArray().Select(c => c!["amount"]!.GetValue<long>()));
    }
}
