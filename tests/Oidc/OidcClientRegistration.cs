using Civic.Tests.Api;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>registerOidcClient: tenant admins only, bounded lists, redirect URIs that cannot leak a code.</summary>
[Collection("oidc")]
public sealed class OidcClientRegistration(OidcFixture fixture)
{
    public const string Register = """
        mutation($input: RegisterOidcClientInput!) {
          registerOidcClient(input: $input) { clientId displayName redirectUris postLogoutRedirectUris }
        }
        """;

    /// <summary>A valid registration (the role matrix's target).</summary>
    public static readonly object SampleInput = new { input = Input("web", ["https://city.example/callback"]) };

    [Fact]
    public async Task An_admin_registers_a_public_client_and_registering_again_replaces_it()
    {
        var tenant = await fixture.NewTenantAsync();
        using var admin = fixture.Admin(tenant);
        var created = await admin.OkAsync(Register, new { input = Input("front", ["https://city.example/callback"]) });
        Assert.Equal("front", created["registerOidcClient"]!["clientId"]!.GetValue<string>());

        var replaced = await admin.OkAsync(Register, new { input = Input("front", ["https://city.example/cb2", "http://127.0.0.1:5173/cb"]) });
        var uris = replaced["registerOidcClient"]!["redirectUris"]!.AsArray().Select(u => u!.GetValue<string>()).ToArray();
        Assert.Equal(["https://city.example/cb2", "http://127.0.0.1:5173/cb"], uris);

        // The client is the tenant's: the tenant's host serves it, the default tenant's does not.
        using var own = fixture.NewBrowser($"{tenant}.{OidcFixture.BaseDomain}");
        using var accepted = await own.GetAsync(Pkce.AuthorizeQuery("front", "https://city.example/cb2", Pkce.New()));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, accepted.StatusCode);
        using var elsewhere = fixture.NewBrowser();
        using var refused = await elsewhere.GetAsync(Pkce.AuthorizeQuery("front", "https://city.example/cb2", Pkce.New()));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Theory]
    [InlineData("http://city.example/callback")] // http off loopback
    [InlineData("https://city.example/callback#x")] // fragment
    [InlineData("/callback")] // relative
    [InlineData("https://user:pw@city.example/callback")] // user info
    public async Task Unsafe_redirect_uris_are_refused(string uri)
    {
        var tenant = await fixture.NewTenantAsync();
        using var admin = fixture.Admin(tenant);
        var result = await admin.SendAsync(Register, new { input = Input("front", [uri]) });
        Assert.Equal("VALIDATION", result.FirstCode);
    }

    [Fact]
    public async Task Lists_are_bounded_and_members_may_not_register()
    {
        var tenant = await fixture.NewTenantAsync();
        using var admin = fixture.Admin(tenant);
        var many = Enumerable.Range(0, 11).Select(i => $"https://city.example/cb{i}").ToArray();
        Assert.Equal("VALIDATION", (await admin.SendAsync(Register, new { input = Input("front", many) })).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(Register, new { input = Input("front", []) })).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(Register, new { input = Input("a:b", ["https://city.example/cb"]) })).FirstCode);

        using var member = fixture.Member(tenant);
        Assert.Equal("FORBIDDEN", (await member.SendAsync(Register, new { input = Input("front", ["https://city.example/cb"]) })).FirstCode);
    }

    private static object Input(string clientId, string[] redirectUris) =>
        new { clientId, displayName = "Front", redirectUris, postLogoutRedirectUris = new[] { "https://city.example/" } };
}
