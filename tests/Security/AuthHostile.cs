using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Civic.Api.Auth;
using Civic.Tests.Api;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Civic.Tests.Security;

/// <summary>
/// Bearer tokens and tenant headers an attacker would send. A token that is present but not good is
/// 401 UNAUTHENTICATED before anything runs; a garbage tenant names no tenant. Nothing is written.
/// </summary>
[Collection("api")]
public sealed class AuthHostile(ApiFixture api)
{
    /// <summary>A token with these claims, signed HS256 with <paramref name="key"/> (the tests' key unless told).</summary>
    internal static string Token(
        string tenant, string? sub = "admin", string? role = "admin", string? issuer = "civic-dev", string? audience = "civic",
        DateTime? expires = null, DateTime? notBefore = null, string? key = null, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { [JwtSettings.TenantClaim] = tenant };
        if (sub is not null)
        {
            claims[JwtSettings.SubjectClaim] = sub;
        }

        if (role is not null)
        {
            claims[JwtSettings.RoleClaim] = role;
        }

        var before = notBefore ?? now.AddMinutes(-1);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = before,
            NotBefore = before,
            Expires = expires ?? now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key ?? ApiFixture.SigningKey + (algorithm == SecurityAlgorithms.HmacSha512 ? "-longer-for-hs512-0123456789abcdef" : ""))),
                algorithm),
        });
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(json);

    public static TheoryData<string> BadTokens => new()
    {
        "not a JWT at all",
        "three dots of nothing",
        "a truncated signature",
        "expired two hours ago",
        "not valid for another hour",
        "signed with another key",
        "signed HS512 (only HS256 is accepted)",
        "another audience",
        "another issuer",
        "alg none, unsigned",
        "no sub claim",
        "no tenant claim",
        "no role claim",
        "an unknown role",
        "a numeric role",
        "a 20 KB token",
        "claims changed after signing",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_401_and_writes_nothing(string shape)
    {
        var tenant = await api.NewTenantAsync();
        var good = Token(tenant);
        var token = shape switch
        {
            "not a JWT at all" => "not-a-jwt",
            "three dots of nothing" => "...",
            "a truncated signature" => good[..^6],
            "expired two hours ago" => Token(tenant, expires: DateTime.UtcNow.AddHours(-2), notBefore: DateTime.UtcNow.AddHours(-3)),
            "not valid for another hour" => Token(tenant, notBefore: DateTime.UtcNow.AddHours(1), expires: DateTime.UtcNow.AddHours(2)),
            "signed with another key" => Token(tenant, key: "an-attacker-key-that-is-long-enough-0123456789"),
            "signed HS512 (only HS256 is accepted)" => Token(tenant, algorithm: SecurityAlgorithms.HmacSha512),
            "another audience" => Token(tenant, audience: "someone-else"),
            "another issuer" => Token(tenant, issuer: "https://evil.example"),
            "alg none, unsigned" => Base64Url("""{"alg":"none","typ":"JWT"}""") + "."
                + Base64Url($$"""{"sub":"admin","tenant":"{{tenant}}","role":"operator","iss":"civic-dev","aud":"civic","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""") + ".",
            "no sub claim" => Token(tenant, sub: null),
            "no tenant claim" => Token("", role: "admin"),
            "no role claim" => Token(tenant, role: null),
            "an unknown role" => Token(tenant, role: "superuser"),
            "a numeric role" => Token(tenant, role: "3"),
            "a 20 KB token" => "eyJ" + new string('a', 20_000) + "." + new string('b', 100) + ".c",
            "claims changed after signing" => Tamper(good, tenant),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        using var client = api.Client(tenant, token);
        var result = await client.SendAsync(Documents.CreateCampaignId, Documents.NewCampaign());
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (result.Status, result.FirstCode));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), shape);
    }

    /// <summary>The good token with its payload swapped for one that says operator, the signature kept.</summary>
    private static string Tamper(string token, string tenant)
    {
        var parts = token.Split('.');
        parts[1] = Base64Url($$"""{"sub":"admin","tenant":"{{tenant}}","role":"operator","iss":"civic-dev","aud":"civic","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""");
        return string.Join('.', parts);
    }

    [Fact]
    public async Task A_missing_token_on_a_mutation_is_UNAUTHENTICATED_and_writes_nothing()
    {
        var tenant = await api.NewTenantAsync();
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        using var anonymous = api.Client(tenant, token: null);
        var result = await anonymous.SendAsync(Documents.CreateCampaignId, Documents.NewCampaign());
        Assert.Equal((HttpStatusCode.OK, "UNAUTHENTICATED"), (result.Status, result.FirstCode));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "anonymous createCampaign");
    }

    [Fact]
    public async Task Another_tenants_admin_token_is_FORBIDDEN_and_writes_nothing()
    {
        var tenant = await api.NewTenantAsync();
        var other = await api.NewTenantAsync();
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        using var intruder = api.Client(tenant, api.Tokens.Issue(other, "admin", Civic.Grains.Interfaces.Role.Admin));
        var result = await intruder.SendAsync(Documents.CreateCampaignId, Documents.NewCampaign());
        Assert.Equal((HttpStatusCode.OK, "FORBIDDEN"), (result.Status, result.FirstCode));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "another tenant's admin");
    }

    public static TheoryData<string, string> GarbageTenants => new()
    {
        { "path traversal", "../../etc/passwd" },
        { "SQL", "x' or '1'='1" },
        { "too long for a slug", new string('a', 41) },
        { "5 KB", new string('t', 5_000) },
        { "percent-encoded NUL", "demo%00" },
        { "two values", "tenant-a, tenant-b" },
        { "starts with a digit", "1tenant" },
        { "a wildcard", "*" },
    };

    [Theory]
    [MemberData(nameof(GarbageTenants))]
    public async Task A_garbage_tenant_header_names_no_tenant_and_writes_nothing(string shape, string header)
    {
        var tenant = await api.NewTenantAsync();
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        using var client = new GraphQLClient(api.BaseAddress, tenant: null, api.Tokens.Issue(tenant, "admin", Civic.Grains.Interfaces.Role.Admin));
        client.Http.DefaultRequestHeaders.TryAddWithoutValidation("X-Civic-Tenant", header);

        var result = await client.SendAsync(Documents.CreateCampaignId, Documents.NewCampaign());
        Assert.Equal((HttpStatusCode.OK, "NOT_FOUND"), (result.Status, result.FirstCode));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), shape);
    }

    [Theory]
    [InlineData("fullwidth letters", "ｔｅｎａｎｔ")]
    [InlineData("a Turkish dotless i", "tenant\u0131")]
    [InlineData("an emoji", "tenant-\U0001F600")]
    public async Task A_non_ASCII_tenant_header_names_no_tenant_and_writes_nothing(string shape, string header)
    {
        var tenant = await api.NewTenantAsync();
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        using var http = new HttpClient(handler) { BaseAddress = api.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(
                new System.Text.Json.Nodes.JsonObject { ["query"] = Documents.CreateCampaignId, ["variables"] = System.Text.Json.JsonSerializer.SerializeToNode(Documents.NewCampaign()) }.ToJsonString(),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        request.Headers.TryAddWithoutValidation("X-Civic-Tenant", header); // sent as UTF-8 bytes
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Tokens.Issue(tenant, "admin", Civic.Grains.Interfaces.Role.Admin));

        using var response = await http.SendAsync(request);
        var result = new GraphQLResult(response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.OK, "NOT_FOUND"), (result.Status, result.FirstCode));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), shape);
    }
}
