using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>
/// Downloads that need a signed-in viewer (tax receipts, the receipts list, donor lists), asked for
/// without a token, with a bad one, with the wrong role or from another tenant. Missing or bad token:
/// 401 UNAUTHENTICATED with WWW-Authenticate: Bearer; signed in but not allowed: 403 FORBIDDEN; a
/// receipt the viewer cannot see: 404 NOT_FOUND. Nothing is written.
/// </summary>
[Collection("api")]
public sealed class ExportsHostile(ApiFixture api)
{
    public static TheoryData<string, string, int, string> Cases => new()
    {
        { "receipts list", "none", 401, "UNAUTHENTICATED" },
        { "donor list", "none", 401, "UNAUTHENTICATED" },
        { "receipt", "none", 401, "UNAUTHENTICATED" },
        { "receipts list", "bad", 401, "UNAUTHENTICATED" },
        { "donor list", "bad", 401, "UNAUTHENTICATED" },
        { "receipt", "bad", 401, "UNAUTHENTICATED" },
        { "receipts list", "expired", 401, "UNAUTHENTICATED" },
        { "receipts list", "member", 403, "FORBIDDEN" },
        { "donor list", "member", 404, "NOT_FOUND" }, // a draft the member cannot see
        { "receipts list", "other tenant's admin", 403, "FORBIDDEN" },
        { "donor list", "other tenant's admin", 403, "FORBIDDEN" },
        { "receipt", "member", 404, "NOT_FOUND" },
        { "receipts list", "no tenant", 400, "TENANT_REQUIRED" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_download_without_the_right_token_is_refused_and_writes_nothing(string download, string viewer, int status, string code)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var campaign = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        var path = download switch
        {
            "receipts list" => "/exports/tax-receipts.csv",
            "donor list" => $"/exports/campaigns/{campaign}/donors.csv",
            "receipt" => $"/receipts/{DateTime.UtcNow.Year}000001.html",
            _ => throw new ArgumentOutOfRangeException(nameof(download)),
        };
        var token = viewer switch
        {
            "none" => null,
            "bad" => "not-a-token",
            "expired" => AuthHostile.Token(tenant, expires: DateTime.UtcNow.AddHours(-2), notBefore: DateTime.UtcNow.AddHours(-3)),
            "member" => api.Tokens.Issue(tenant, "mallory", Role.Member),
            "other tenant's admin" => api.Tokens.Issue(await api.NewTenantAsync(), "admin", Role.Admin),
            "no tenant" => api.Tokens.Issue(tenant, "admin", Role.Admin),
            _ => throw new ArgumentOutOfRangeException(nameof(viewer)),
        };
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (viewer != "no tenant")
        {
            request.Headers.Add("X-Civic-Tenant", tenant);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(((HttpStatusCode)status, code), (response.StatusCode, body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>()));
        if (status == 401)
        {
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        }

        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), $"{download} as {viewer}");
    }
}
