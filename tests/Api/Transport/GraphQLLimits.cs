using System.Net;
using Xunit;
using static Civic.Tests.Api.Transport.TransportResponse;

namespace Civic.Tests.Api.Transport;

/// <summary>Depth, complexity, alias and introspection limits are validation errors.</summary>
public sealed class GraphQLLimits(TransportHostFixture fixture) : IClassFixture<TransportHostFixture>
{
    private readonly TransportHost _host = fixture.Host;

    [Fact]
    public async Task Query_within_the_depth_limit_runs()
    {
        var response = await PostQueryAsync(_host, "{ node { child { child { level } } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(3, response.Data.GetProperty("node").GetProperty("child").GetProperty("child").GetProperty("level").GetInt32());
    }

    [Theory]
    [InlineData(GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Query_deeper_than_the_limit_is_rejected(string accept, HttpStatusCode status)
    {
        var response = await PostQueryAsync(_host, "{ node { child { child { child { child { child { level } } } } } } }", accept: accept);

        Assert.Equal(status, response.Status);
        Assert.Equal("COMPLEXITY", response.ErrorCode);
        Assert.Contains("depth", response.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Query_more_complex_than_the_limit_is_rejected()
    {
        var response = await PostQueryAsync(_host, "{ nodes { children { children { level } } } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("COMPLEXITY", response.ErrorCode);
        Assert.Contains("complexity", response.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Aliases_up_to_the_limit_run()
    {
        var response = await PostQueryAsync(_host, "{ a: hello b: hello c: hello }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, world!", response.Data.GetProperty("c").GetString());
    }

    [Fact]
    public async Task Aliases_over_the_limit_are_rejected()
    {
        var response = await PostQueryAsync(_host, "{ a: hello b: hello ...F } fragment F on Query { c: hello d: hello }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("MAX_ALIASES_EXCEEDED", response.ErrorCode);
    }

    [Fact]
    public async Task Introspection_is_served_by_default()
    {
        var response = await PostQueryAsync(_host, "{ __schema { queryType { name } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Query", response.Data.GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Introspection_can_be_switched_off()
    {
        await using var host = await TransportHost.StartAsync(new Dictionary<string, string?> { ["GraphQL:Introspection"] = "false" });

        var schema = await PostQueryAsync(host, "{ __schema { queryType { name } } }");
        var type = await PostQueryAsync(host, "{ __type(name: \"Query\") { name } }");
        var typename = await PostQueryAsync(host, "{ __typename hello }");
        var standard = await PostQueryAsync(host, Civic.Tests.Security.StandardIntrospection.Query);

        Assert.Equal(HttpStatusCode.BadRequest, schema.Status);
        Assert.Equal("NO_INTROSPECTION", schema.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, type.Status);
        Assert.Equal(HttpStatusCode.BadRequest, standard.Status);
        Assert.Equal("NO_INTROSPECTION", standard.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, typename.Status);
        Assert.Equal("Query", typename.Data.GetProperty("__typename").GetString());
    }
}
