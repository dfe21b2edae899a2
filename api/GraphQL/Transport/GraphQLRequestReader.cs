using System.Text.Json;
using Civic.Api.Hosting;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;

namespace Civic.Api.GraphQL.Transport;

/// <summary>A request the transport refuses before execution: HTTP status, error code and message.</summary>
public sealed record TransportError(int StatusCode, string Code, string Message);

/// <summary>
/// Reads a <see cref="GraphQLRequest"/> from a POST JSON body or a GET query string, checking
/// the shape of every parameter so that malformed requests get a 400 with a precise message.
/// </summary>
internal sealed class GraphQLRequestReader(IGraphQLSerializer serializer)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public async Task<(GraphQLRequest? Request, TransportError? Error)> ReadPostAsync(
        HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        if (await RequestBodies.ReadBoundedAsync(request, maxBodyBytes, cancellationToken) is not { } body)
        {
            return (null, TooLarge(maxBodyBytes));
        }

        if (body.Length == 0)
        {
            return (null, BadRequest("The request body is empty; expected a JSON object with a 'query'."));
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, new TransportError(StatusCodes.Status400BadRequest, TransportErrorCodes.InvalidJson,
                $"The request body is not valid JSON: {ex.Message}"));
        }

        using (json)
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

            var query = root.TryGetProperty("query", out var q) ? q : default;
            var operationName = root.TryGetProperty("operationName", out var o) ? o : default;
            var variables = root.TryGetProperty("variables", out var v) ? v : default;
            var extensions = root.TryGetProperty("extensions", out var e) ? e : default;
            return Build(query, operationName, variables, extensions);
        }
    }

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

        try
        {
            using var json = JsonDocument.Parse(text, DocumentOptions);
            return ReadMap(json.RootElement, name);
        }
        catch (JsonException ex)
        {
            return (null, BadRequest($"The '{name}' parameter is not valid JSON: {ex.Message}"));
        }
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

        return (serializer.ReadNode<Inputs>(element), null);
    }

    private static TransportError BadRequest(string message) =>
        new(StatusCodes.Status400BadRequest, TransportErrorCodes.BadRequest, message);

    private static TransportError TooLarge(long maxBodyBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, TransportErrorCodes.PayloadTooLarge,
            $"The request body is larger than the {maxBodyBytes} bytes allowed.");
}
