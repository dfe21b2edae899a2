using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Civic.Tests.Api;

/// <summary>Posts real GraphQL documents over HTTP, as a front-end would.</summary>
public sealed class GraphQLClient : IDisposable
{
    private static readonly SocketsHttpHandler Handler = new() { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private readonly HttpClient _http;

    public GraphQLClient(Uri baseAddress, string? tenant, string? token)
    {
        _http = new HttpClient(Handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (tenant is not null)
        {
            _http.DefaultRequestHeaders.Add("X-Civic-Tenant", tenant);
        }

        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public HttpClient Http => _http;

    public async Task<GraphQLResult> SendAsync(string query, object? variables = null)
    {
        using var response = await _http.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResult(response.StatusCode, body);
    }

    /// <summary>Sends and asserts there were no errors; returns <c>data</c>.</summary>
    public async Task<JsonNode> OkAsync(string query, object? variables = null)
    {
        var result = await SendAsync(query, variables);
        Assert.True(result.Errors is null, $"Unexpected errors ({result.Status}): {result.Body}");
        return result.Data ?? throw new Xunit.Sdk.XunitException("No data in: " + result.Body);
    }

    public void Dispose() => _http.Dispose();
}

public sealed class GraphQLResult
{
    public GraphQLResult(HttpStatusCode status, string body)
    {
        Status = status;
        Body = body;
        try
        {
            Json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            Json = null;
        }
    }

    public HttpStatusCode Status { get; }

    public string Body { get; }

    public JsonNode? Json { get; }

    public JsonNode? Data => Json?["data"];

    public JsonArray? Errors => Json?["errors"] as JsonArray;

    public string? FirstCode => Errors?.FirstOrDefault()?["extensions"]?["code"]?.GetValue<string>();
}
