using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Civic.Api.Errors;
using Civic.Api.Hosting;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Transport;

namespace Civic.Api.GraphQL.Transport;

/// <summary>A request the transport refuses before execution: HTTP status, error code and message.</summary>
public sealed record TransportError(string Code, string Message)
{
    /// <summary>The status <see cref="ErrorStatus"/> gives the code.</summary>
    public int StatusCode => ErrorStatus.For(Code);
}

/// <summary>
/// Reads a <see cref="GraphQLRequest"/> from a POST JSON body or a GET query string, checking
/// the shape of every parameter so that malformed requests get a 400 with a precise message.
/// </summary>
internal sealed class GraphQLRequestReader(IGraphQLSerializer serializer, int maxJsonDepth, int maxDocumentLength)
{
    /// <summary>Longest JSON number literal read: longer ones are no number a field takes, and cost superlinear time to convert.</summary>
    public const int MaxNumberLength = 64;

    private readonly JsonDocumentOptions _documentOptions = new()
    {
        MaxDepth = maxJsonDepth,
        AllowDuplicateProperties = false,
    };

    public async Task<(GraphQLRequest? Request, TransportError? Error)> ReadPostAsync(
        HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        if (await RequestBodies.ReadBoundedAsync(request, maxBodyBytes, cancellationToken) is not { } body)
        {
            return (null, TooLarge(maxBodyBytes));
        }

        var bytes = body;

        // RFC 8259 lets a parser ignore a byte order mark; System.Text.Json would refuse it.
        if (bytes.Span.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        if (bytes.Length == 0)
        {
            return (null, BadRequest("The request body is empty; expected a JSON object with a 'query'."));
        }

        if (!Utf8.IsValid(bytes.Span))
        {
            return (null, InvalidJson("The request body is not valid UTF-8."));
        }

        var (parsed, invalid) = Parse(bytes, "The request body");
        if (parsed is null)
        {
            return (null, invalid);
        }

        using (var json = parsed)
        {
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                return (null, BadRequest("Batched requests are not supported; send one JSON object per request."));
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, BadRequest("The request body must be a JSON object with a 'query'."));
            }

            return ReadObject(root);
        }
    }

    /// <summary>A request from a JSON object (a POST body, or a WebSocket <c>subscribe</c> message's payload).</summary>
    public (GraphQLRequest? Request, TransportError? Error) ReadObject(JsonElement root)
    {
        var query = root.TryGetProperty("query", out var q) ? q : default;
        var operationName = root.TryGetProperty("operationName", out var o) ? o : default;
        var variables = root.TryGetProperty("variables", out var v) ? v : default;
        var extensions = root.TryGetProperty("extensions", out var e) ? e : default;
        return Build(query, operationName, variables, extensions);
    }

    /// <summary>Parses a JSON message (a WebSocket frame), with the checks of a POST body.</summary>
    public (JsonDocument? Json, TransportError? Error) ParseMessage(ReadOnlyMemory<byte> bytes) =>
        Utf8.IsValid(bytes.Span) ? Parse(bytes, "The message") : (null, InvalidJson("The message is not valid UTF-8."));

    public (GraphQLRequest? Request, TransportError? Error) ReadGet(IQueryCollection parameters)
    {
        foreach (var name in (string[])["query", "operationName", "variables", "extensions"])
        {
            if (parameters.TryGetValue(name, out var values) && values.Count > 1)
            {
                return (null, BadRequest($"The '{name}' parameter is given more than once."));
            }
        }

        var query = parameters["query"].ToString();
        if (string.IsNullOrEmpty(query))
        {
            return (null, BadRequest("The 'query' parameter is required."));
        }

        var operationName = parameters["operationName"].ToString();
        var (variables, variablesError) = ReadJsonParameter(parameters, "variables");
        if (variablesError is not null)
        {
            return (null, variablesError);
        }

        var (extensions, extensionsError) = ReadJsonParameter(parameters, "extensions");
        if (extensionsError is not null)
        {
            return (null, extensionsError);
        }

        return (new GraphQLRequest
        {
            Query = query,
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            Variables = variables,
            Extensions = extensions,
        }, null);
    }

    private (Inputs? Value, TransportError? Error) ReadJsonParameter(IQueryCollection parameters, string name)
    {
        var text = parameters[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        byte[] bytes;
        try
        {
            bytes = utf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return (null, InvalidJson($"The '{name}' parameter holds a lone surrogate."));
        }

        var (json, invalid) = Parse(bytes, $"The '{name}' parameter");
        if (json is null)
        {
            return (null, invalid);
        }

        using (json)
        {
            return ReadMap(json.RootElement, name);
        }
    }

    /// <summary>
    /// Parses JSON that is known to be valid UTF-8, then checks what <see cref="JsonDocument"/> leaves
    /// to the reader of a value: every string and property name must decode to valid UTF-16 (an
    /// escaped lone surrogate such as <c>\ud800</c> does not), and numbers must be of a sane length.
    /// The messages give the position only: never the parser's own text, which names .NET types.
    /// </summary>
    private (JsonDocument? Json, TransportError? Error) Parse(ReadOnlyMemory<byte> bytes, string what)
    {
        var reader = new Utf8JsonReader(bytes.Span, new JsonReaderOptions { MaxDepth = _documentOptions.MaxDepth });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.String or JsonTokenType.PropertyName
                        when reader.ValueIsEscaped && !EscapesAreValidUnicode(reader.ValueSpan):
                        return (null, InvalidJson($"{what} holds a string that is not valid Unicode (a lone surrogate escape) at byte {reader.TokenStartIndex}."));
                    case JsonTokenType.Number when reader.ValueSpan.Length > MaxNumberLength:
                        return (null, BadRequest($"{what} holds a number longer than {MaxNumberLength} characters at byte {reader.TokenStartIndex}."));
                }
            }

            return (JsonDocument.Parse(bytes, _documentOptions), null);
        }
        catch (JsonException ex)
        {
            var depth = reader.CurrentDepth >= _documentOptions.MaxDepth - 1
                ? $" (JSON may nest at most {_documentOptions.MaxDepth} levels)"
                : "";
            return (null, InvalidJson($"{what} is not valid JSON{depth}: error at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}."));
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Whether the <c>\u</c> escapes of a raw JSON string (as the reader validated it) pair every
    /// surrogate. A scan of the raw bytes: System.Text.Json would only say so by throwing from
    /// <c>GetString</c>, after unescaping the whole string.
    /// </summary>
    private static bool EscapesAreValidUnicode(ReadOnlySpan<byte> raw)
    {
        var pendingHigh = false;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                if (pendingHigh)
                {
                    return false;
                }

                continue;
            }

            i++;
            if (raw[i] != (byte)'u')
            {
                if (pendingHigh)
                {
                    return false;
                }

                continue;
            }

            Utf8Parser.TryParse(raw.Slice(i + 1, 4), out ushort unit, out _, 'X');
            i += 4;
            var isHigh = unit is >= 0xD800 and <= 0xDBFF;
            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (pendingHigh != isLow)
            {
                return false;
            }

            pendingHigh = isHigh;
        }

        return !pendingHigh;
    }

    private (GraphQLRequest? Request, TransportError? Error) Build(
        JsonElement query, JsonElement operationName, JsonElement variables, JsonElement extensions)
    {
        if (query.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return (null, BadRequest("The 'query' parameter is required."));
        }

        if (query.ValueKind != JsonValueKind.String)
        {
            return (null, BadRequest("The 'query' parameter must be a string."));
        }

        // Refused before it is unescaped (the handler checks the decoded length): no escape is longer than six bytes.
        if (JsonMarshal.GetRawUtf8Value(query).Length - 2 > 6L * maxDocumentLength)
        {
            return (null, GraphQLDocumentLimits.TooLarge($"The GraphQL document is longer than the {maxDocumentLength} characters allowed."));
        }

        if (operationName.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String))
        {
            return (null, BadRequest("The 'operationName' parameter must be a string or null."));
        }

        var (variableInputs, variablesError) = ReadMap(variables, "variables");
        if (variablesError is not null)
        {
            return (null, variablesError);
        }

        var (extensionInputs, extensionsError) = ReadMap(extensions, "extensions");
        if (extensionsError is not null)
        {
            return (null, extensionsError);
        }

        return (new GraphQLRequest
        {
            Query = query.GetString(),
            OperationName = operationName.ValueKind == JsonValueKind.String ? operationName.GetString() : null,
            Variables = variableInputs,
            Extensions = extensionInputs,
        }, null);
    }

    private (Inputs? Value, TransportError? Error) ReadMap(JsonElement element, string name)
    {
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return (null, null);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, BadRequest($"The '{name}' parameter must be a JSON object or null."));
        }

        try
        {
            return (serializer.ReadNode<Inputs>(element), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException
            or OverflowException or NotSupportedException or ArgumentException)
        {
            return (null, BadRequest($"The '{name}' parameter could not be read as GraphQL input values."));
        }
    }

    private static TransportError InvalidJson(string message) =>
        new(ErrorCodes.InvalidJson, message);

    private static TransportError BadRequest(string message) =>
        new(ErrorCodes.BadRequest, message);

    private static TransportError TooLarge(long maxBodyBytes) =>
        new(ErrorCodes.PayloadTooLarge,
            $"The request body is larger than the {maxBodyBytes} bytes allowed.");
}
