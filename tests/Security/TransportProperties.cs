using System.Text;
using System.Text.Json;
using Civic.Tests.Api;
using CsCheck;

namespace Civic.Tests.Security;

/// <summary>
/// Random bodies and query strings at the real host: whatever arrives, the answer is never a 5xx,
/// always a JSON body, an error carries a code, and nothing shows a stack trace or a .NET type.
/// </summary>
[Collection("api")]
public sealed class TransportProperties(ApiFixture api)
{
    private const long Iterations = 150;

    /// <summary>Text a hostile client would type: any UTF-16 unit (lone surrogates and NUL included), GraphQL punctuation, escapes.</summary>
    private static readonly Gen<string> HostileText = Gen.OneOf(
        Gen.Char.Array[0, 24].Select(chars => new string(chars)),
        Pick("{", "}", "[", "]", "\\ud800", "\\udc00", "\\u0000", "\0", "\"", "\\", "...", "@", "$", "#", "__schema", "mutation", "\ud83d\ude00", "1e999")
            .Array[0, 30].Select(string.Concat));

    private static readonly Gen<string> JsonValue = Gen.OneOf(
        HostileText.Select(t => JsonSerializer.Serialize(t)),
        HostileText.Select(t => "\"" + t + "\""),
        Gen.Int[1, 300].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[1, 300].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)),
        Gen.Int[1, 200].Select(digits => new string('9', digits)),
        Pick("null", "true", "{}", "[]", "-0", "1e999999", "{\"a\":1,\"a\":2}"));

    private static readonly Gen<byte[]> Bodies = Gen.OneOf(
        Gen.Byte.Array[0, 200],
        Gen.Select(JsonValue, JsonValue, JsonValue, JsonValue, (query, variables, operationName, extensions) => Encoding.UTF8.GetBytes(
            $"{{\"query\":{query},\"variables\":{variables},\"operationName\":{operationName},\"extensions\":{extensions}}}")),
        Gen.Select(HostileText, Gen.Byte.Array[0, 8], (query, junk) =>
            Encoding.UTF8.GetBytes("{\"query\":\"" + query).Concat(junk).Concat("\"}"u8.ToArray()).ToArray()));

    private static Gen<string> Pick(params string[] choices) => Gen.Int[0, choices.Length - 1].Select(i => choices[i]);

    [Fact]
    public async Task Random_bodies_never_get_a_server_error()
    {
        using var client = api.Client(null, null);
        await Bodies.SampleAsync(async body =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            using var response = await client.Http.PostAsync("/graphql", content);
            AssertWellFormed((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public async Task Random_query_strings_never_get_a_server_error()
    {
        using var client = api.Client(null, null);
        var parameters = Gen.Select(HostileText, JsonValue, HostileText, (query, variables, operationName) =>
            $"query={Uri.EscapeDataString(query)}&variables={Uri.EscapeDataString(variables)}&operationName={Uri.EscapeDataString(operationName)}");
        await parameters.SampleAsync(async parameter =>
        {
            using var response = await client.Http.GetAsync("/graphql?" + parameter);
            AssertWellFormed((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }, iter: Iterations, threads: 1);
    }

    private static void AssertWellFormed(int status, string body)
    {
        Assert.True(status < 500, $"status {status}: {body}");
        using var json = JsonDocument.Parse(body);
        if (json.RootElement.TryGetProperty("errors", out var errors))
        {
            foreach (var error in errors.EnumerateArray())
            {
                Assert.False(string.IsNullOrEmpty(error.GetProperty("extensions").GetProperty("code").GetString()), body);
            }
        }
        else
        {
            Assert.True(json.RootElement.TryGetProperty("data", out _), body);
        }

        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}
