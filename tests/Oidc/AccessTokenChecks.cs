using System.Net;
using System.Security.Cryptography;
using Civic.Api.Oidc;
using Civic.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>
/// What GraphQL's access-token scheme checks, one property at a time: tokens minted here with the server's own stored
/// signing key pass when every claim is right (the control) and fail when exactly one thing is wrong.
/// </summary>
[Collection("oidc")]
public sealed class AccessTokenChecks(OidcFixture fixture)
{
    private const string Probe = "{ myVerification { verified } }";

    [Fact]
    public async Task A_token_passes_only_with_this_hosts_issuer_the_access_token_type_the_audience_a_live_lifetime_and_the_servers_key()
    {
        var accountId = await new AccountMails(fixture).ConfirmedAsync(fixture.DefaultTenant, AccountMails.NewEmail());
        var serverKey = fixture.Services.GetRequiredService<OidcKeyStore>().Key("signing");
        var now = DateTime.UtcNow;
        var right = new SecurityTokenDescriptor
        {
            Issuer = fixture.Issuer,
            Audience = "civic",
            TokenType = "at+jwt",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = accountId, ["tenant"] = fixture.DefaultTenant, ["role"] = "member" },
            SigningCredentials = new SigningCredentials(serverKey, SecurityAlgorithms.RsaSha256),
        };

        Assert.Equal(HttpStatusCode.OK, await StatusWith(Mint(right)));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(Mint(With(right, d => d.Issuer = "http://elsewhere.example/"))));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(Mint(With(right, d => d.TokenType = "JWT")))); // an identity token's type
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(Mint(With(right, d => d.Audience = OidcFixture.WebClient))));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(Mint(With(right, d =>
        {
            d.IssuedAt = d.NotBefore = now.AddMinutes(-20);
            d.Expires = now.AddMinutes(-10) - OidcSetup.ClockSkew;
        }))));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(Mint(With(right, d => d.NotBefore = now.AddMinutes(5)))));
        using var stranger = RSA.Create(2048);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(Mint(With(right, d =>
            d.SigningCredentials = new SigningCredentials(new RsaSecurityKey(stranger) { KeyId = serverKey.KeyId }, SecurityAlgorithms.RsaSha256)))));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(Mint(With(right, d =>
            d.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256)))));
    }

    [Fact]
    public async Task A_real_identity_token_is_not_an_access_token()
    {
        var email = AccountMails.NewEmail();
        await new AccountMails(fixture).ConfirmedAsync(fixture.DefaultTenant, email);
        using var browser = fixture.NewBrowser();
        var (code, pkce) = await OidcFlow.CodeAsync(browser, email, AccountDocuments.GoodPassword);
        var tokens = await OidcFlow.RedeemCodeAsync(browser, code, pkce);

        Assert.Equal(HttpStatusCode.OK, await StatusWith(tokens["access_token"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(tokens["id_token"]!.GetValue<string>()));
    }

    private async Task<HttpStatusCode> StatusWith(string token)
    {
        using var client = fixture.Client(null, token);
        return (await client.SendAsync(Probe)).Status;
    }

    private static string Mint(SecurityTokenDescriptor descriptor) => new JsonWebTokenHandler().CreateToken(descriptor);

    private static SecurityTokenDescriptor With(SecurityTokenDescriptor right, Action<SecurityTokenDescriptor> change)
    {
        var copy = new SecurityTokenDescriptor
        {
            Issuer = right.Issuer,
            Audience = right.Audience,
            TokenType = right.TokenType,
            IssuedAt = right.IssuedAt,
            NotBefore = right.NotBefore,
            Expires = right.Expires,
            Claims = right.Claims,
            SigningCredentials = right.SigningCredentials,
        };
        change(copy);
        return copy;
    }
}
