using System.Net;
using System.Text;
using Xunit;
using static Civic.Tests.Api.Transport.TransportResponse;

namespace Civic.Tests.Api.Transport;

/// <summary>Methods, media types and status codes of the GraphQL-over-HTTP specification.</summary>
public sealed class GraphQLOverHttp(TransportHostFixture fixture) : IClassFixture<TransportHostFixture>
{
    private readonly TransportHost _host = fixture.Host;

    [Fact]
    public async Task Post_json_runs_a_query_with_variables()
    {
        var response = await PostQueryAsync(_host, "query Hi($name: String) { hello(name: $name) }", new { name = "Lyon" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(GraphQLResponseJson, response.MediaType);
        Assert.Equal("utf-8", response.Charset);
        Assert.Equal("Hello, Lyon!", response.Data.GetProperty("hello").GetString());
        Assert.False(response.Body.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Post_selects_the_named_operation()
    {
        var response = await PostAsync(_host,
            """{"query":"query A { hello } query B { add(a: 2, b: 3) }","operationName":"B","variables":null,"extensions":{"x":1}}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(5, response.Data.GetProperty("add").GetInt32());
        Assert.False(response.Data.TryGetProperty("hello", out _));
    }

    [Fact]
    public async Task Post_runs_a_mutation()
    {
        var response = await PostQueryAsync(_host, "mutation($t: String!) { echo(text: $t) }", new { t = "Grenoble" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Grenoble", response.Data.GetProperty("echo").GetString());
    }

    [Fact]
    public async Task Get_runs_a_query_with_json_variables()
    {
        var response = await GetAsync(_host, new Dictionary<string, string>
        {
            ["query"] = "query Hi($name: String) { hello(name: $name) }",
            ["operationName"] = "Hi",
            ["variables"] = """{"name":"Nantes"}""",
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, Nantes!", response.Data.GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Get_refuses_a_mutation_with_405_allow_post()
    {
        var response = await GetAsync(_host, new Dictionary<string, string> { ["query"] = "mutation { echo(text: \"x\") }" });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST", response.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", response.ErrorCode);
    }

    [Fact]
    public async Task Get_with_malformed_variables_is_400()
    {
        var response = await GetAsync(_host, new Dictionary<string, string>
        {
            ["query"] = "{ hello }",
            ["variables"] = "{not json",
        }, accept: Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("'variables'", response.ErrorMessage);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_are_405(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), _host.Endpoint)
        {
            Content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json"),
        };
        var response = await SendAsync(_host.Client, request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("GET, POST", response.Allow);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task Post_with_a_non_json_content_type_is_415(string? contentType)
    {
        var response = await PostAsync(_host, """{"query":"{ hello }"}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", response.ErrorCode);
    }

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task Malformed_json_is_400_with_a_clear_message(string accept)
    {
        var response = await PostAsync(_host, """{ "query": "{ hello }" """, accept);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(accept, response.MediaType);
        Assert.Equal("INVALID_JSON", response.ErrorCode);
        Assert.StartsWith("The request body is not valid JSON", response.ErrorMessage);
        Assert.False(response.Body.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData("""{"notquery":"{ hello }"}""", "'query' parameter is required")]
    [InlineData("""{"query":null}""", "'query' parameter is required")]
    [InlineData("""{"query":42}""", "'query' parameter must be a string")]
    [InlineData("""{"query":"{ hello }","variables":"x"}""", "'variables' parameter must be a JSON object")]
    [InlineData("""{"query":"{ hello }","variables":[1]}""", "'variables' parameter must be a JSON object")]
    [InlineData("""{"query":"{ hello }","extensions":0}""", "'extensions' parameter must be a JSON object")]
    [InlineData("""{"query":"{ hello }","operationName":false}""", "'operationName' parameter must be a string")]
    [InlineData("""[{"query":"{ hello }"}]""", "Batched requests are not supported")]
    [InlineData("", "request body is empty")]
    public async Task Malformed_parameters_are_400(string body, string expected)
    {
        foreach (var accept in new[] { GraphQLResponseJson, Json })
        {
            var response = await PostAsync(_host, body, accept);

            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("BAD_REQUEST", response.ErrorCode);
            Assert.Contains(expected, response.ErrorMessage);
        }
    }

    [Fact]
    public async Task Parse_error_is_400_with_graphql_response_json()
    {
        var response = await PostQueryAsync(_host, "{ hello", accept: GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("SYNTAX_ERROR", response.ErrorCode);
        Assert.False(response.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Parse_error_is_200_with_application_json()
    {
        var response = await PostQueryAsync(_host, "{ hello", accept: Json);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Json, response.MediaType);
        Assert.Equal("SYNTAX_ERROR", response.ErrorCode);
    }

    [Theory]
    [InlineData(GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Unknown_field_is_a_validation_error(string accept, HttpStatusCode status)
    {
        var response = await PostQueryAsync(_host, "{ nope }", accept: accept);

        Assert.Equal(status, response.Status);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", response.ErrorCode);
        Assert.Contains("nope", response.ErrorMessage);
        Assert.False(response.Body.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData(GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Variable_of_the_wrong_type_is_a_request_error(string accept, HttpStatusCode status)
    {
        var response = await PostQueryAsync(_host, "query($a: Int!) { add(a: $a, b: 1) }", new { a = "three" }, accept);

        Assert.Equal(status, response.Status);
        Assert.Equal("INVALID_VALUE", response.ErrorCode);
        Assert.Contains("$a", response.ErrorMessage);
    }

    [Theory]
    [InlineData(null, Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/json", Json)]
    [InlineData("application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponseJson)]
    [InlineData("application/json, application/graphql-response+json;q=0.5", Json)]
    [InlineData("text/html, application/graphql-response+json;charset=utf-8", GraphQLResponseJson)]
    public async Task Accept_header_chooses_the_response_media_type(string? accept, string expected)
    {
        var response = await PostQueryAsync(_host, "{ hello }", accept: accept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected, response.MediaType);
        Assert.Equal("utf-8", response.Charset);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/plain;q=0.5")]
    [InlineData("application/json;q=0")]
    public async Task Unsupported_accept_is_406(string accept)
    {
        var response = await PostQueryAsync(_host, "{ hello }", accept: accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal("NOT_ACCEPTABLE", response.ErrorCode);
    }

    [Fact]
    public async Task Body_larger_than_the_limit_is_413()
    {
        var padding = new string(' ', 5000);
        var response = await PostAsync(_host, "{\"query\":\"{ hello " + padding + "}\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("PAYLOAD_TOO_LARGE", response.ErrorCode);
    }

    [Fact]
    public async Task Chunked_body_larger_than_the_limit_is_413()
    {
        var padding = new string(' ', 5000);
        using var request = new HttpRequestMessage(HttpMethod.Post, _host.Endpoint)
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"query\":\"{ hello " + padding + "}\"}"))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        var response = await SendAsync(_host.Client, request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("PAYLOAD_TOO_LARGE", response.ErrorCode);
    }

    [Fact]
    public async Task Subscription_over_http_is_refused()
    {
        var response = await PostQueryAsync(_host, "subscription { hello }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("SUBSCRIPTION_NOT_SUPPORTED", response.ErrorCode);
    }

    [Fact]
    public async Task Resolvers_see_the_http_context_through_the_user_context()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _host.Endpoint)
        {
            Content = new StringContent("""{"query":"{ requestHeader(name: \"X-Tenant\") }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Tenant", "lyon");
        var response = await SendAsync(_host.Client, request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("lyon", response.Data.GetProperty("requestHeader").GetString());
    }
}
