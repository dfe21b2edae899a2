using System.Net;
using System.Text;
using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>Every kind of bad request gets a clear error with a code, and changes nothing.</summary>
[Collection("api")]
public sealed class BadInput(ApiFixture api)
{
    private async Task<(string Tenant, string CampaignId)> LiveCampaignAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        return (tenant, id);
    }

    private Task<long> LedgerRowsAsync(string campaignId) => PostgresServerFixture.ScalarAsync<long>(
        api.ConnectionString, "select count(*) from civic_contributions where campaign_id = @id", ("id", campaignId));

    [Fact]
    public async Task Malformed_json_is_a_400_with_a_code()
    {
        var (tenant, _) = await LiveCampaignAsync();
        using var alice = api.Member(tenant);
        using var content = new StringContent("{\"query\": \"mutation {", Encoding.UTF8, "application/json");
        var response = await alice.Http.PostAsync("/graphql", content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var result = new GraphQLResult(response.StatusCode, body);
        Assert.NotNull(result.FirstCode);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task Unknown_fields_and_wrong_types_fail_validation_and_write_nothing()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant);

        var unknownField = await alice.SendAsync(
            "mutation($id: ID!) { pledge(input: {campaignId: $id, amount: 100, idempotencyKey: \"k\", bonus: 5}) { replayed } }", new { id });
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.Status);
        Assert.NotNull(unknownField.FirstCode);

        var wrongType = await alice.SendAsync(Documents.Pledge, new { input = new { campaignId = id, amount = "lots", idempotencyKey = "k" } });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.Status);
        Assert.NotNull(wrongType.FirstCode);

        var unknownRoot = await alice.SendAsync("{ campaignz { id } }");
        Assert.Equal(HttpStatusCode.BadRequest, unknownRoot.Status);

        Assert.Equal(0, await LedgerRowsAsync(id));
    }

    [Theory]
    [InlineData(-500L, "AMOUNT_TOO_LOW")]
    [InlineData(0L, "AMOUNT_TOO_LOW")]
    [InlineData(50L, "AMOUNT_TOO_LOW")]
    [InlineData(2_000_000L, "AMOUNT_TOO_HIGH")]
    public async Task Out_of_range_amounts_are_refused(long amount, string code)
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant);
        var result = await alice.SendAsync(Documents.Pledge, new { input = new { campaignId = id, amount, idempotencyKey = "k" } });
        Assert.Equal(code, result.FirstCode);
        Assert.Equal(0, await LedgerRowsAsync(id));
    }

    [Fact]
    public async Task An_amount_beyond_Int_is_a_validation_error()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant);
        var result = await alice.SendAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 99_999_999_999L, idempotencyKey = "k" } });
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.NotNull(result.FirstCode);
        Assert.Equal(0, await LedgerRowsAsync(id));
    }

    [Fact]
    public async Task A_missing_token_is_unauthenticated()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var anonymous = api.Client(tenant, null);
        var result = await anonymous.SendAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 500, idempotencyKey = "k" } });
        Assert.Equal("UNAUTHENTICATED", result.FirstCode);
        Assert.Equal(0, await LedgerRowsAsync(id));
    }

    [Fact]
    public async Task A_forged_token_is_rejected_with_401()
    {
        var (tenant, id) = await LiveCampaignAsync();
        var forger = new Civic.Api.Auth.DevTokens(
            new Civic.Api.Auth.JwtSettings { SigningKey = "not-the-real-key-not-the-real-key-0000" }, TimeProvider.System);
        using var mallory = api.Client(tenant, forger.Issue(tenant, "mallory", Role.Admin));
        var result = await mallory.SendAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 500, idempotencyKey = "k" } });

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal("UNAUTHENTICATED", result.FirstCode);
        Assert.Equal(0, await LedgerRowsAsync(id));
    }

    [Fact]
    public async Task A_token_of_another_tenant_is_forbidden()
    {
        var (tenant, id) = await LiveCampaignAsync();
        var other = await api.NewTenantAsync();
        using var stranger = api.Client(tenant, api.Tokens.Issue(other, "alice", Role.Admin));
        var result = await stranger.SendAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 500, idempotencyKey = "k" } });

        Assert.Equal("FORBIDDEN", result.FirstCode);
        Assert.Equal(0, await LedgerRowsAsync(id));
    }

    [Fact]
    public async Task A_missing_or_unknown_tenant_is_a_clear_error()
    {
        using var nowhere = api.Client(null, null);
        Assert.Equal("TENANT_REQUIRED", (await nowhere.SendAsync("{ tenant { slug } }")).FirstCode);
        using var unknown = api.Client("no-such-city", null);
        Assert.Equal("NOT_FOUND", (await unknown.SendAsync("{ tenant { slug } }")).FirstCode);
    }

    [Fact]
    public async Task Garbage_ids_are_not_found()
    {
        var tenant = await api.NewTenantAsync();
        using var alice = api.Member(tenant);
        var data = await alice.OkAsync(Documents.Campaign, new { id = "../../etc/passwd" });
        Assert.Null(data["campaign"]);
        var pledge = await alice.SendAsync(Documents.Pledge, new { input = new { campaignId = "nope", amount = 500, idempotencyKey = "k" } });
        Assert.Equal("NOT_FOUND", pledge.FirstCode);
    }

    [Fact]
    public async Task A_bad_cursor_is_a_validation_error()
    {
        var tenant = await api.NewTenantAsync();
        using var anonymous = api.Client(tenant, null);
        var result = await anonymous.SendAsync("{ campaigns(first: 5, after: \"%%%\") { totalCount } }");
        Assert.Equal("VALIDATION", result.FirstCode);
        var tooMany = await anonymous.SendAsync("{ campaigns(first: 5000) { totalCount } }");
        Assert.Equal("VALIDATION", tooMany.FirstCode);
    }

    [Fact]
    public async Task An_invalid_campaign_is_refused_and_not_created()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var result = await admin.SendAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: -5));
        Assert.Equal("VALIDATION", result.FirstCode);
        var list = await admin.OkAsync("{ campaigns { totalCount } }");
        Assert.Equal(0, list["campaigns"]!["totalCount"]!.GetValue<int>());
    }
}
