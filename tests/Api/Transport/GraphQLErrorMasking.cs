using System.Net;
using Xunit;
using static Civic.Tests.Api.Transport.TransportResponse;

namespace Civic.Tests.Api.Transport;

/// <summary>Domain errors reach clients with their code; unexpected exceptions never leak.</summary>
public sealed class GraphQLErrorMasking(TransportHostFixture fixture) : IClassFixture<TransportHostFixture>
{
    private readonly TransportHost _host = fixture.Host;

    [Fact]
    public async Task Domain_error_keeps_its_code_and_message()
    {
        var response = await PostQueryAsync(_host, "{ hello forbidden }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("FORBIDDEN", response.ErrorCode);
        Assert.Equal("You may not read this campaign.", response.ErrorMessage);
        Assert.Equal("forbidden", response.SingleError.GetProperty("path")[0].GetString());
        Assert.Equal("Hello, world!", response.Data.GetProperty("hello").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Data.GetProperty("forbidden").ValueKind);
    }

    [Fact]
    public async Task Execution_error_with_a_code_keeps_it()
    {
        var response = await PostQueryAsync(_host, "{ refused }");

        Assert.Equal("REFUSED", response.ErrorCode);
        Assert.Equal("Refused by the resolver.", response.ErrorMessage);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Unexpected_exception_is_masked(string environment)
    {
        await using var host = await TransportHost.StartAsync(environment: environment);

        var response = await PostQueryAsync(host, "{ hello broken }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("INTERNAL", response.ErrorCode);
        Assert.Equal("An internal error occurred", response.ErrorMessage);
        Assert.DoesNotContain("hunter2", response.Text);
        Assert.DoesNotContain("InvalidOperation", response.Text);
        Assert.DoesNotContain(" at ", response.Text);
        Assert.Equal(["code"], response.SingleError.GetProperty("extensions").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Exception_details_show_only_in_development_with_expose_exceptions()
    {
        var settings = new Dictionary<string, string?> { ["GraphQL:ExposeExceptions"] = "true" };
        await using var production = await TransportHost.StartAsync(settings, "Production");
        await using var development = await TransportHost.StartAsync(settings, "Development");

        var masked = await PostQueryAsync(production, "{ broken }");
        var exposed = await PostQueryAsync(development, "{ broken }");

        Assert.DoesNotContain("hunter2", masked.Text);
        Assert.Equal("INTERNAL", exposed.ErrorCode);
        Assert.Equal(TestQueryGraphType.SecretMessage, exposed.ErrorMessage);
        Assert.Contains("InvalidOperationException", exposed.SingleError.GetProperty("extensions").GetProperty("details").GetString());
    }
}
