using System.Net;
using System.Text.Json.Nodes;
using Civic.Api.Oidc;
using Civic.Tests.Api;
using Civic.Tools.DevHost;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenIddict.Server;
using Orleans.Configuration;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>
/// A second Civic node on the same database and cluster (as a second API node behind the same host name) signs
/// and encrypts with the same stored keys: it accepts the first node's access tokens and redeems its refresh tokens.
/// Its token validation runs on a fake clock, to see an access token expire without waiting ten minutes.
/// </summary>
[Collection("oidc")]
public sealed class OidcTwoHosts(OidcFixture fixture) : IAsyncLifetime
{
    private readonly FakeTimeProvider _validationClock = new(DateTimeOffset.UtcNow);
    private WebApplication? _second;
    private Uri _secondAddress = null!;

    public async Task InitializeAsync()
    {
        var cluster = fixture.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        _second = await EmbeddedHost.BuildAsync(new EmbeddedHostOptions
        {
            ConnectionString = fixture.ConnectionString,
            SigningKey = ApiFixture.SigningKey,
            ClusterId = cluster.ClusterId,
            Environment = Environments.Development,
            DefaultTenant = fixture.DefaultTenant,
            Settings = [new("Logging:LogLevel:Default", "Warning"), new("Tenancy:BaseDomain", OidcFixture.BaseDomain)],
            Services = services =>
            {
                // The clocks of OpenIddict and of the access-token scheme only (Orleans and the rest keep the system's).
                services.Configure<OpenIddictServerOptions>(options => options.TimeProvider = _validationClock);
                services.Configure<JwtBearerOptions>(OidcSetup.AccessTokenScheme, options => options.TimeProvider = _validationClock);
            },
        });
        await _second.StartAsync();
        _secondAddress = new Uri(_second.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.StopAsync();
            await _second.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_second_host_publishes_the_same_keys_and_accepts_the_first_hosts_tokens()
    {
        var email = AccountMails.NewEmail();
        await new AccountMails(fixture).ConfirmedAsync(fixture.DefaultTenant, email);
        using var first = fixture.NewBrowser();
        var (code, pkce) = await OidcFlow.CodeAsync(first, email, AccountDocuments.GoodPassword);
        var tokens = await OidcFlow.RedeemCodeAsync(first, code, pkce);
        var accessToken = tokens["access_token"]!.GetValue<string>();

        // Behind one host name, both nodes are one issuer: the second is reached with the first's Host header.
        using var second = SecondBrowser();
        Assert.Equal((await first.JsonAsync("/.well-known/jwks")).ToJsonString(), (await second.JsonAsync("/.well-known/jwks")).ToJsonString());

        using var graphql = SecondGraphQL(accessToken);
        var answer = await graphql.OkAsync("{ myVerification { verified } }");
        Assert.False(answer["myVerification"]!["verified"]!.GetValue<bool>());

        var (status, refreshed) = await OidcFlow.RefreshAsync(second, tokens["refresh_token"]!.GetValue<string>());
        Assert.True(status == HttpStatusCode.OK, refreshed.ToJsonString());
        var (backAtFirst, _) = await OidcFlow.RefreshAsync(first, refreshed["refresh_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, backAtFirst);
    }

    [Fact]
    public async Task An_expired_access_token_is_refused()
    {
        var email = AccountMails.NewEmail();
        await new AccountMails(fixture).ConfirmedAsync(fixture.DefaultTenant, email);
        using var browser = fixture.NewBrowser();
        var (code, pkce) = await OidcFlow.CodeAsync(browser, email, AccountDocuments.GoodPassword);
        var accessToken = (await OidcFlow.RedeemCodeAsync(browser, code, pkce))["access_token"]!.GetValue<string>();
        using var graphql = SecondGraphQL(accessToken);
        Assert.Equal(HttpStatusCode.OK, (await graphql.SendAsync("{ myVerification { verified } }")).Status);

        _validationClock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await graphql.SendAsync("{ myVerification { verified } }")).Status);

        _validationClock.Advance(TimeSpan.FromSeconds(30) + OidcSetup.ClockSkew + TimeSpan.FromSeconds(5));

        var refused = await graphql.SendAsync("{ myVerification { verified } }");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("UNAUTHENTICATED", refused.FirstCode ?? JsonNode.Parse(refused.Body)?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
    }

    private Browser SecondBrowser() => new(_secondAddress, "127.0.0.1", fixture.BaseAddress.Port);

    private GraphQLClient SecondGraphQL(string token)
    {
        var client = new GraphQLClient(_secondAddress, null, token);
        client.Http.DefaultRequestHeaders.Host = fixture.BaseAddress.Authority;
        return client;
    }
}
