using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>
/// Hostile requests at the GraphQL transport of the real host: broken bodies, headers, methods, GET
/// parameters and documents at and past every bound. Each gets its exact status and code, a JSON
/// body without a stack trace or a .NET type name, and, where a mutation was inside, no change.
/// </summary>
[Collection("api")]
public sealed class TransportHostile(ApiFixture api)
{
    private const string Ok = "data";

    /// <summary>The mutation every hostile body below wraps: valid, it creates a campaign.</summary>
    private static string MutationBody() =>
        JsonSerializer.Serialize(new { query = Documents.CreateCampaign, variables = Documents.NewCampaign() });

    public static TheoryData<string, string, int, string> Bodies() => new()
    {
        // name, body (with \xNN for raw bytes, see Bytes), status, code
        { "invalid UTF-8 in query", """{"query":"{ __typename \xFF }"}""", 400, "INVALID_JSON" },
        { "invalid UTF-8 in a variable", """{"query":"{ __typename }","variables":{"a":"\xC3"}}""", 400, "INVALID_JSON" },
        { "overlong UTF-8", """{"query":"{ __typename \xC0\xAF }"}""", 400, "INVALID_JSON" },
        { "UTF-8 encoded surrogate", """{"query":"{ __typename \xED\xA0\x80 }"}""", 400, "INVALID_JSON" },
        { "invalid UTF-8 in a key", """{"query":"{ __typename }","variables":{"\xFE":1}}""", 400, "INVALID_JSON" },
        { "lone high surrogate in query", """{"query":"{ __typename } # \ud800"}""", 400, "INVALID_JSON" },
        { "lone low surrogate in query", """{"query":"{ __typename } # \udc00"}""", 400, "INVALID_JSON" },
        { "reversed surrogates", """{"query":"{ __typename } # \udc00\ud800"}""", 400, "INVALID_JSON" },
        { "high surrogate then text", """{"query":"{ __typename } # \ud800x"}""", 400, "INVALID_JSON" },
        { "lone surrogate in a variable", """{"query":"{ __typename }","variables":{"a":"\ud800"}}""", 400, "INVALID_JSON" },
        { "lone surrogate in a variable name", """{"query":"{ __typename }","variables":{"\udfff":1}}""", 400, "INVALID_JSON" },
        { "lone surrogate in operationName", """{"query":"{ __typename }","operationName":"\ud834"}""", 400, "INVALID_JSON" },
        { "lone surrogate in extensions", """{"query":"{ __typename }","extensions":{"x":["\ud800"]}}""", 400, "INVALID_JSON" },
        { "paired surrogates are fine", """{"query":"{ __typename } # \ud83d\ude00"}""", 200, Ok },
        { "escaped backslash before u", """{"query":"{ __typename } # \\ud800"}""", 200, Ok },
        { "byte order mark", "\\xEF\\xBB\\xBF{\"query\":\"{ __typename }\"}", 200, Ok },
        { "byte order mark only", "\\xEF\\xBB\\xBF", 400, "BAD_REQUEST" },
        { "empty body", "", 400, "BAD_REQUEST" },
        { "raw NUL in a string", "{\"query\":\"{ __typename \x00 }\"}", 400, "INVALID_JSON" },
        { "raw NUL outside strings", "{\"query\":\"{ __typename }\"\x00}", 400, "INVALID_JSON" },
        { "escaped NUL in query", """{"query":"{ __typename \u0000 }"}""", 400, "SYNTAX_ERROR" },
        { "duplicate query", """{"query":"{ __typename }","query":"mutation { x }"}""", 400, "INVALID_JSON" },
        { "duplicate key in variables", """{"query":"{ __typename }","variables":{"a":1,"a":2}}""", 400, "INVALID_JSON" },
        { "huge exponent", """{"query":"{ __typename }","variables":{"a":1e999999}}""", 200, Ok },
        { "number of 65 digits", "{\"query\":\"{ __typename }\",\"variables\":{\"a\":" + new string('9', 65) + "}}", 400, "BAD_REQUEST" },
        { "number of 64 digits", "{\"query\":\"{ __typename }\",\"variables\":{\"a\":" + new string('9', 64) + "}}", 200, Ok },
        { "number of a million digits", "{\"query\":\"{ __typename }\",\"variables\":{\"a\":" + new string('7', 1_000_000) + "}}", 400, "BAD_REQUEST" },
        { "JSON nesting 64", Nested(62), 200, Ok },
        { "JSON nesting 65", Nested(63), 400, "INVALID_JSON" },
        { "JSON nesting 128", Nested(126), 400, "INVALID_JSON" },
        { "JSON nesting 129", Nested(127), 400, "INVALID_JSON" },
        { "JSON nesting 100000", Nested(100_000), 400, "INVALID_JSON" },
        { "batched requests", """[{"query":"{ __typename }"},{"query":"{ __typename }"}]""", 400, "BAD_REQUEST" },
        { "a string", "\"{ __typename }\"", 400, "BAD_REQUEST" },
        { "a number", "42", 400, "BAD_REQUEST" },
        { "null", "null", 400, "BAD_REQUEST" },
        { "no query", "{}", 400, "BAD_REQUEST" },
        { "query is a number", """{"query":1}""", 400, "BAD_REQUEST" },
        { "variables is an array", """{"query":"{ __typename }","variables":[1]}""", 400, "BAD_REQUEST" },
        { "operationName is an object", """{"query":"{ __typename }","operationName":{}}""", 400, "BAD_REQUEST" },
        { "trailing garbage", """{"query":"{ __typename }"} x""", 400, "INVALID_JSON" },
        { "truncated", """{"query":"{ __typename }""", 400, "INVALID_JSON" },
        { "JSON comment", """{"query":"{ __typename }" /* c */}""", 400, "INVALID_JSON" },
        { "single quotes", "{'query':'{ __typename }'}", 400, "INVALID_JSON" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Hostile_body_is_refused_with_its_code(string name, string body, int status, string code)
    {
        var response = await PostAsync(Bytes(body));

        AssertAnswer(response, status, code, name);
    }

    public static TheoryData<string, string, int, string> MutationBodies() => new()
    {
        // name, how the valid mutation body is spoiled, status, code
        { "invalid UTF-8 in the input", "utf8", 400, "INVALID_JSON" },
        { "lone surrogate in the input", "surrogate", 400, "INVALID_JSON" },
        { "duplicate query key", "duplicate", 400, "INVALID_JSON" },
        { "batched", "batch", 400, "BAD_REQUEST" },
        { "too many tokens", "tokens", 400, "DOCUMENT_TOO_LARGE" },
        { "too long", "length", 400, "DOCUMENT_TOO_LARGE" },
        { "too deep", "nesting", 400, "DOCUMENT_TOO_LARGE" },
        { "JSON too deep", "json-depth", 400, "INVALID_JSON" },
        { "number too long", "number", 400, "BAD_REQUEST" },
    };

    [Theory]
    [MemberData(nameof(MutationBodies))]
    public async Task Hostile_mutation_body_changes_nothing(string name, string spoil, int status, string code)
    {
        var tenant = await api.NewTenantAsync();
        var valid = MutationBody();
        var body = spoil switch
        {
            "utf8" => Bytes(valid.Replace("\"title\":\"", "\"title\":\"\\xFF", StringComparison.Ordinal)),
            "surrogate" => Encoding.UTF8.GetBytes(valid.Replace("\"title\":\"", "\"title\":\"\\ud800", StringComparison.Ordinal)),
            "duplicate" => Encoding.UTF8.GetBytes(valid.Insert(1, "\"query\":\"{ __typename }\",")),
            "batch" => Encoding.UTF8.GetBytes("[" + valid + "," + valid + "]"),
            "tokens" => WithQuery(Documents.CreateCampaign + string.Concat(Enumerable.Repeat(" fragment X on Query { __typename }", 400))),
            "length" => WithQuery(Documents.CreateCampaign + new string(' ', 16 * 1024)),
            "nesting" => WithQuery(Documents.CreateCampaign.Replace("createCampaign(input: $input)",
                "createCampaign(input: $input, x: " + new string('[', 70) + new string(']', 70) + ")", StringComparison.Ordinal)),
            "json-depth" => Encoding.UTF8.GetBytes(valid.Insert(valid.Length - 2, ",\"deep\":" + new string('[', 70) + new string(']', 70))),
            "number" => Encoding.UTF8.GetBytes(valid.Insert(valid.Length - 2, ",\"n\":" + new string('1', 100))),
            _ => throw new ArgumentOutOfRangeException(nameof(spoil)),
        };
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        var response = await PostAsync(body, tenant, api.Tokens.Issue(tenant, "admin", Civic.Grains.Interfaces.Role.Admin));

        AssertAnswer(response, status, code, name);
        var after = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        before.AssertSameAs(after, name + " must not write");
        Assert.Equal(0, await CampaignCountAsync(tenant));

        byte[] WithQuery(string query) =>
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query, variables = Documents.NewCampaign() }));
    }

    [Fact]
    public async Task The_valid_mutation_those_cases_spoil_does_write()
    {
        var tenant = await api.NewTenantAsync();
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        var response = await PostAsync(Encoding.UTF8.GetBytes(MutationBody()), tenant,
            api.Tokens.Issue(tenant, "admin", Civic.Grains.Interfaces.Role.Admin));

        AssertAnswer(response, 200, Ok, "valid mutation");
        Assert.Equal(1, await CampaignCountAsync(tenant));
        var after = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        Assert.Throws<Xunit.Sdk.TrueException>(() => before.AssertSameAs(after, "the snapshot sees a campaign"));
    }

    public static TheoryData<string, string, int, string> Documents_at_and_past_bounds() => new()
    {
        { "16384 characters", Padded("{ __typename }", 16 * 1024), 200, Ok },
        { "16385 characters", Padded("{ __typename }", 16 * 1024 + 1), 400, "DOCUMENT_TOO_LARGE" },
        { "a megabyte of one field", Repeat("{ ", "__typename ", "}", 90_000), 400, "DOCUMENT_TOO_LARGE" },
        // 15 tokens around the list: 2000 passes the token count (and fails validation: $v is unused).
        { "2000 tokens", Repeat("query($v: [Int] = [", "1 ", "]) { __typename }", 1_985), 400, "NO_UNUSED_VARIABLES" },
        { "2001 tokens", Repeat("query($v: [Int] = [", "1 ", "]) { __typename }", 1_986), 400, "DOCUMENT_TOO_LARGE" },
        { "500 fields", Repeat("{", " __typename", " }", 500), 200, Ok },
        { "501 fields", Repeat("{", " __typename", " }", 501), 400, "DOCUMENT_TOO_LARGE" },
        { "500 fields through spreads", "{ " + string.Concat(Enumerable.Repeat("...F ", 99)) + "} fragment F on Query { " + string.Concat(Enumerable.Repeat("__typename ", 5)) + "}", 200, Ok },
        { "fields multiplied by spreads", "{ " + string.Concat(Enumerable.Repeat("...F ", 100)) + "} fragment F on Query { " + string.Concat(Enumerable.Repeat("__typename ", 5)) + "}", 400, "DOCUMENT_TOO_LARGE" },
        { "fragment bomb", FragmentBomb(40), 400, "DOCUMENT_TOO_LARGE" },
        { "fragment cycle", "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }", 400, "NO_FRAGMENT_CYCLES" },
        { "fragment chain past nesting", FragmentChain(70), 400, "DOCUMENT_TOO_LARGE" },
        { "list nesting 128", "{ __type(name: " + new string('[', 128) + "\"Query\"" + new string(']', 128) + ") { name } }", 400, "DOCUMENT_TOO_LARGE" },
        { "list nesting 129", "{ __type(name: " + new string('[', 129) + "\"Query\"" + new string(']', 129) + ") { name } }", 400, "DOCUMENT_TOO_LARGE" },
        { "selection nesting 1000", string.Concat(Enumerable.Repeat("{a", 1_000)) + new string('}', 1_000), 400, "DOCUMENT_TOO_LARGE" },
        { "depth 15", "{ __schema { queryType " + OfType(12) + " } }", 200, Ok },
        { "depth 16", "{ __schema { queryType " + OfType(13) + " } }", 400, "COMPLEXITY" },
        { "30 aliases", Aliases(30), 200, Ok },
        { "31 aliases", Aliases(31), 400, "MAX_ALIASES_EXCEEDED" },
        { "introspection lists nested 3", "{ __schema { types { fields { args { name } } } } }", 200, Ok },
        { "introspection lists nested 4", "{ __schema { types { fields { args { type { fields { name } } } } } } }", 400, "COMPLEXITY" },
        { "object fields do not count as lists", "{ __schema { types { fields { type { fields { name } } } } } }", 200, Ok },
        { "introspection lists via a fragment", "{ __schema { types { ...T } } } fragment T on __Type { fields { type { fields { args { name } } } } }", 400, "COMPLEXITY" },
        { "standard introspection", StandardIntrospection.Query, 200, Ok },
        { "unterminated string", "{ __type(name: \"Query) { name } }", 400, "SYNTAX_ERROR" },
        { "many operations, none chosen", Repeat("", "query Q{__typename} ", "", 10), 400, "NO_OPERATION_NAME" },
        { "subscription", "subscription { __typename }", 400, "SUBSCRIPTION_NOT_SUPPORTED" },
        { "duplicate directives", "{ __typename @skip(if: false) @skip(if: false) }", 400, "UNIQUE_DIRECTIVES_PER_LOCATION" },
    };

    [Theory]
    [MemberData(nameof(Documents_at_and_past_bounds))]
    public async Task Document_at_or_past_a_bound(string name, string query, int status, string code)
    {
        var response = await PostAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query })));

        AssertAnswer(response, status, code, name);
    }

    [Fact]
    public async Task Standard_introspection_query_returns_the_schema()
    {
        var response = await PostAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query = StandardIntrospection.Query })));

        AssertAnswer(response, 200, Ok, "introspection");
        var schema = JsonNode.Parse(response.Body)!["data"]!["__schema"]!;
        Assert.Equal("Query", schema["queryType"]!["name"]!.GetValue<string>());
        Assert.Contains(schema["types"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "Mutation");
    }

    public static TheoryData<string, string?, string?, int, string> Headers() => new()
    {
        // name, content type, accept, status, code
        { "text/plain", "text/plain", null, 415, "UNSUPPORTED_MEDIA_TYPE" },
        { "form", "application/x-www-form-urlencoded", null, 415, "UNSUPPORTED_MEDIA_TYPE" },
        { "no content type", null, null, 415, "UNSUPPORTED_MEDIA_TYPE" },
        { "graphql media type", "application/graphql", null, 415, "UNSUPPORTED_MEDIA_TYPE" },
        { "latin-1 charset", "application/json; charset=iso-8859-1", null, 415, "UNSUPPORTED_MEDIA_TYPE" },
        { "UTF-8 charset", "application/json; charset=utf-8", null, 200, Ok },
        { "accept html", "application/json", "text/html", 406, "NOT_ACCEPTABLE" },
        { "accept json", "application/json", "application/json", 200, Ok },
        { "accept anything", "application/json", "*/*", 200, Ok },
        { "garbage accept is no accept", "application/json", ";;;=", 200, Ok },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task Hostile_headers_are_refused_with_their_code(string name, string? contentType, string? accept, int status, string code)
    {
        var response = await PostAsync(Encoding.UTF8.GetBytes("""{"query":"{ __typename }"}"""), contentType: contentType, accept: accept);

        AssertAnswer(response, status, code, name);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public async Task Other_methods_get_405(string method)
    {
        using var client = api.Client(null, null);
        using var request = new HttpRequestMessage(new HttpMethod(method), "/graphql")
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json"),
        };
        using var response = await client.Http.SendAsync(request);

        AssertAnswer(new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync()), 405, "METHOD_NOT_ALLOWED", method);
    }

    public static TheoryData<string, string, int, string> GetQueries() => new()
    {
        // name, raw query string, status, code
        { "no query", "", 400, "BAD_REQUEST" },
        { "query twice", "query=%7B__typename%7D&query=%7B__typename%7D", 400, "BAD_REQUEST" },
        { "variables not JSON", "query=%7B__typename%7D&variables=%7Bx", 400, "INVALID_JSON" },
        { "variables an array", "query=%7B__typename%7D&variables=%5B1%5D", 400, "BAD_REQUEST" },
        { "variables with a lone surrogate", "query=%7B__typename%7D&variables=%7B%22a%22%3A%22%5Cud800%22%7D", 400, "INVALID_JSON" },
        { "variables too deep", "query=%7B__typename%7D&variables=" + Uri.EscapeDataString("{\"a\":" + new string('[', 70) + new string(']', 70) + "}"), 400, "INVALID_JSON" },
        { "variables with a long number", "query=%7B__typename%7D&variables=" + Uri.EscapeDataString("{\"a\":" + new string('1', 80) + "}"), 400, "BAD_REQUEST" },
        { "variables with duplicate keys", "query=%7B__typename%7D&variables=" + Uri.EscapeDataString("{\"a\":1,\"a\":2}"), 400, "INVALID_JSON" },
        { "extensions not JSON", "query=%7B__typename%7D&extensions=nope", 400, "INVALID_JSON" },
        { "variable of the wrong type", "query=" + Uri.EscapeDataString("query($n: Boolean!) { __typename @skip(if: $n) }") + "&variables=" + Uri.EscapeDataString("{\"n\":\"abc\"}"), 400, "INVALID_VALUE" },
        { "fragment bomb", "query=" + Uri.EscapeDataString(FragmentBomb(30)), 400, "DOCUMENT_TOO_LARGE" },
        { "a mutation", "query=" + Uri.EscapeDataString("mutation { __typename }"), 405, "METHOD_NOT_ALLOWED" },
        { "invalid percent-encoded UTF-8", "query=%7B__typename%7D%20%23%FF", 200, Ok },
    };

    [Theory]
    [MemberData(nameof(GetQueries))]
    public async Task Hostile_get_is_refused_like_post(string name, string queryString, int status, string code)
    {
        using var client = api.Client(null, null);
        using var response = await client.Http.GetAsync("/graphql?" + queryString);

        AssertAnswer(new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync()), status, code, name);
    }

    [Fact]
    public async Task Get_mutation_changes_nothing()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        using var response = await admin.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString(Documents.CreateCampaign)
            + "&variables=" + Uri.EscapeDataString(JsonSerializer.Serialize(Documents.NewCampaign())));

        AssertAnswer(new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync()), 405, "METHOD_NOT_ALLOWED", "GET mutation");
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "a GET mutation must not write");
    }

    public sealed record Answer(int Status, string Body);

    /// <summary>Exact status and first error code (or "data"), a JSON body, no stack trace, no .NET type name.</summary>
    internal static void AssertAnswer(Answer response, int status, string code, string because)
    {
        Assert.True(response.Status == status, $"{because}: expected {status}, got {response.Status}: {Short(response.Body)}");
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(response.Body);
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"{because}: the body is not JSON: {Short(response.Body)}");
        }

        var actual = json?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>() ?? (json?["data"] is not null ? Ok : null);
        Assert.True(actual == code, $"{because}: expected {code}, got {actual}: {Short(response.Body)}");
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("GraphQL.", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
    }

    private async Task<Answer> PostAsync(
        byte[] body, string? tenant = null, string? token = null,
        string? contentType = "application/json", string? accept = "application/graphql-response+json")
    {
        using var client = api.Client(tenant, token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        request.Headers.Accept.Clear();
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.Http.SendAsync(request);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> CampaignCountAsync(string tenant)
    {
        using var admin = api.Admin(tenant);
        var result = await admin.SendAsync("{ campaigns(first: 50) { edges { node { id } } } }");
        return result.Data?["campaigns"]?["edges"]?.AsArray().Count ?? -1;
    }

    /// <summary>The text as bytes, where <c>\xNN</c> (the four characters) stands for the raw byte NN.</summary>
    private static byte[] Bytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        var utf8 = Encoding.UTF8;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 2, 2), 16));
                i += 3;
            }
            else if (char.IsHighSurrogate(text[i]))
            {
                bytes.AddRange(utf8.GetBytes(text.Substring(i, 2)));
                i++;
            }
            else
            {
                bytes.AddRange(utf8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    private static string Nested(int arrays) =>
        "{\"query\":\"{ __typename }\",\"variables\":{\"a\":" + new string('[', arrays) + new string(']', arrays) + "}}";

    private static string Padded(string query, int length) => query + new string(' ', length - query.Length);

    private static string Repeat(string head, string unit, string tail, int times) =>
        head + string.Concat(Enumerable.Repeat(unit, times)) + tail;

    private static string FragmentBomb(int levels)
    {
        var text = new StringBuilder("{ ...F0 }");
        for (var i = 0; i < levels; i++)
        {
            text.Append($" fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}");
        }

        return text.Append($" fragment F{levels} on Query {{ __typename }}").ToString();
    }

    private static string FragmentChain(int length)
    {
        var text = new StringBuilder("{ ...F0 }");
        for (var i = 0; i < length; i++)
        {
            text.Append($" fragment F{i} on Query {{ ...F{i + 1} }}");
        }

        return text.Append($" fragment F{length} on Query {{ __typename }}").ToString();
    }

    private static string OfType(int levels) =>
        string.Concat(Enumerable.Repeat("{ ofType ", levels)) + "{ name }" + string.Concat(Enumerable.Repeat(" }", levels));

    private static string Aliases(int count) =>
        "{ " + string.Concat(Enumerable.Range(0, count).Select(i => $"a{i}: __typename ")) + "}";

    private static string Short(string body) => body.Length > 400 ? body[..400] + "..." : body;
}
