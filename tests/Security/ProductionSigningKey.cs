using Civic.Grains.Interfaces;
using Civic.Silo.Hosting;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Civic.Tests.Security;

/// <summary>
/// Outside Development, Civic refuses to start with a key anyone can know: none, one shorter than 32
/// bytes, or one published in this repository (the old docker-compose default, the tests', the bench's).
/// </summary>
public sealed class ProductionSigningKey : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        await PostgresServerFixture.AcquireAsync();
        _connectionString = await PostgresServerFixture.CreateMigratedDatabaseAsync("keys");
    }

    public Task DisposeAsync() => PostgresServerFixture.ReleaseAsync();

    private Task<WebApplication> BuildAsync(string environment, string? key, string? authority = null, bool acceptDevelopmentTokens = false) =>
        SiloHost.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Civic"] = _connectionString,
                ["Civic:HostApi"] = "true",
                ["Jwt:SigningKey"] = key,
                ["Jwt:Authority"] = authority,
                ["Jwt:AcceptDevelopmentTokens"] = acceptDevelopmentTokens ? "true" : null,
                ["Logging:LogLevel:Default"] = "Warning",
            });
        }, quiet: true, environment: environment);

    public static TheoryData<string, string?, string> Refused => new()
    {
        { "Production", ApiFixture.SigningKey, "published with Civic" },
        { "Production", "civic-dev-only-signing-key-change-me-0123456789", "published with Civic" },
        { "Staging", "civic-bench-signing-key-0123456789abcdef", "published with Civic" },
        { "Production", null, "Configure Jwt:Authority" },
        { "Production", "", "Configure Jwt:Authority" },
        { "Production", "too-short", "at least 32 bytes" },
        { "Development", "too-short", "at least 32 bytes" },
        { "Development", null, "Configure Jwt:Authority" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Refuses_to_start_with_a_key_anyone_can_know(string environment, string? key, string message)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => BuildAsync(environment, key));
        Assert.Contains(message, refused.Message);
    }

    [Theory]
    [InlineData("Production", "a-secret-of-our-own-at-least-thirty-two-bytes-long", null)]
    [InlineData("Production", null, "https://login.example/realms/civic")]
    [InlineData("Development", ApiFixture.SigningKey, null)]
    public async Task Starts_with_a_key_of_its_own_an_authority_or_the_development_key_in_Development(string environment, string? key, string? authority)
    {
        await using var app = await BuildAsync(environment, key, authority);
        Assert.NotNull(app.Services);
    }

    [Theory]
    [InlineData("Production", false, false)]
    [InlineData("Production", true, true)]
    [InlineData("Development", false, true)]
    public async Task Outside_Development_a_development_token_works_for_the_operator_only_unless_accepted_on_purpose(
        string environment, bool acceptDevelopmentTokens, bool memberAccepted)
    {
        const string Key = "a-secret-of-our-own-at-least-thirty-two-bytes-long";
        await using var app = await BuildAsync(environment, Key, acceptDevelopmentTokens: acceptDevelopmentTokens);
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        var tokens = new Civic.Api.Auth.DevTokens(new Civic.Api.Auth.JwtSettings { SigningKey = Key }, TimeProvider.System);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..8];

        using var operatorClient = new GraphQLClient(address, null, tokens.Issue("platform", "root", Role.Operator));
        var created = await operatorClient.SendAsync("mutation($input: CreateTenantInput!) { createTenant(input: $input) { slug } }",
            new { input = new { slug = tenant, name = "Ville test" } });
        Assert.True(created.Status == System.Net.HttpStatusCode.OK && created.Errors is null, created.Body);

        using var member = new GraphQLClient(address, tenant, tokens.Issue(tenant, "alice", Role.Member));
        var answer = await member.SendAsync("{ myVerification { verified } }");
        if (memberAccepted)
        {
            Assert.True(answer.Status == System.Net.HttpStatusCode.OK && answer.Errors is null, answer.Body);
        }
        else
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, answer.Status);
            Assert.Equal("UNAUTHENTICATED", answer.FirstCode);
        }

        await app.StopAsync();
    }
}
