using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Civic.Tests.Api.Transport;

/// <summary>A response of the endpoint, read whole, with helpers for the GraphQL body.</summary>
public sealed record TransportResponse(
    HttpStatusCode Status, string? MediaType, string? Charset, string Allow, string Text)
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public JsonElement Body => JsonDocument.Parse(Text).RootElement;

    public JsonElement Data => Body.GetProperty("data");

    public JsonElement SingleError => Assert.Single(Body.GetProperty("errors").EnumerateArray());

    public string? ErrorCode => SingleError.GetProperty("extensions").GetProperty("code").GetString();

    public string? ErrorMessage => SingleError.GetProperty("message").GetString();

    public static async Task<TransportResponse> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new TransportResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentType?.CharSet,
            string.Join(", ", response.Content.Headers.Allow),
            text);
    }

    public static Task<TransportResponse> PostAsync(
        TransportHost host, string body, string? accept = GraphQLResponseJson, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, host.Endpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return SendAsync(host.Client, request);
    }

    public static Task<TransportResponse> PostQueryAsync(
        TransportHost host, string query, object? variables = null, string? accept = GraphQLResponseJson) =>
        PostAsync(host, JsonSerializer.Serialize(new { query, variables }), accept);

    public static Task<TransportResponse> GetAsync(
        TransportHost host, IReadOnlyDictionary<string, string> parameters, string? accept = GraphQLResponseJson)
    {
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Endpoint, "?" + query));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return SendAsync(host.Client, request);
    }
}
