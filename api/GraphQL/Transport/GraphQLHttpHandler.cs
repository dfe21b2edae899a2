using Civic.Api.Errors;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// Serves one GraphQL-over-HTTP request: method and media type checks, request reading,
/// execution through <see cref="IDocumentExecuter"/> with the singleton <see cref="ISchema"/>,
/// and the status code the negotiated response media type calls for.
/// </summary>
internal sealed class GraphQLHttpHandler(
    GraphQLExecution execution,
    IGraphQLSerializer serializer,
    GraphQLWebSocketHandler webSockets)
{
    private readonly GraphQLRequestReader _reader = new(serializer, execution.Options.MaxJsonDepth, execution.Options.MaxDocumentLength);
    private readonly GraphQLTransportOptions _options = execution.Options;

    public async Task HandleAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            await webSockets.HandleAsync(context);
            return;
        }

        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        var isPost = HttpMethods.IsPost(request.Method);

        if (!isGet && !isPost)
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteTransportErrorAsync(context, GraphQLMediaTypes.Json, new TransportError(
                ErrorCodes.MethodNotAllowed,
                $"Method {request.Method} is not allowed; use POST, or GET for queries."));
            return;
        }

        var mediaType = GraphQLMediaTypes.Negotiate(request.Headers.Accept);
        if (mediaType is null)
        {
            await WriteTransportErrorAsync(context, GraphQLMediaTypes.Json, new TransportError(
                ErrorCodes.NotAcceptable,
                $"The Accept header allows neither {GraphQLMediaTypes.GraphQLResponseJson} nor {GraphQLMediaTypes.Json}."));
            return;
        }

        GraphQLRequest? graphQLRequest;
        TransportError? error;
        if (isPost)
        {
            if (!GraphQLMediaTypes.IsJsonRequest(request.ContentType))
            {
                await WriteTransportErrorAsync(context, mediaType, new TransportError(
                    ErrorCodes.UnsupportedMediaType,
                    $"The request body must be {GraphQLMediaTypes.Json} in UTF-8; got '{request.ContentType}'."));
                return;
            }

            (graphQLRequest, error) = await _reader.ReadPostAsync(request, _options.MaxBodyBytes, context.RequestAborted);
        }
        else
        {
            (graphQLRequest, error) = _reader.ReadGet(request.Query);
        }

        if (error is not null || graphQLRequest is null)
        {
            await WriteTransportErrorAsync(context, mediaType, error!);
            return;
        }

        if (execution.Prepare(graphQLRequest.Query!, out var document) is { } refused)
        {
            await WriteTransportErrorAsync(context, mediaType, refused);
            return;
        }

        GraphQLOperationDefinition? operation = null;
        if (document is not null)
        {
            operation = GraphQLExecution.SelectOperation(document, graphQLRequest.OperationName);
            if (isGet && operation?.Operation == OperationType.Mutation)
            {
                context.Response.Headers.Allow = "POST";
                await WriteTransportErrorAsync(context, mediaType, new TransportError(
                    ErrorCodes.MethodNotAllowed,
                    "Mutations are only accepted over POST."));
                return;
            }

            if (operation?.Operation == OperationType.Subscription)
            {
                await WriteTransportErrorAsync(context, mediaType, new TransportError(
                    ErrorCodes.SubscriptionNotSupported,
                    "Subscriptions are served over WebSocket (graphql-transport-ws), not over HTTP."));
                return;
            }
        }

        ExecutionResult result;
        try
        {
            result = await execution.ExecuteAsync(graphQLRequest, document, context.RequestServices, context.User,
                new GraphQLUserContext(context), context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var status = StatusFor(mediaType, result);
        if (FaultCodes(result) is { } faults)
        {
            // The cluster or the database is degraded: say when to come back. When every root field failed on a
            // fault, the request as a whole did: 503, whatever the media type (the body still says which code).
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            if (faults.AllRootsFailed(operation))
            {
                status = StatusCodes.Status503ServiceUnavailable;
            }
        }

        await WriteResultAsync(context, mediaType, status, result);
    }

    /// <summary>The Retry-After of an answer that failed on an infrastructure fault (seconds).</summary>
    public const string RetryAfterSeconds = "1";

    /// <summary>The executed result's errors, when each is an infrastructure fault (UNAVAILABLE or OUTCOME_UNKNOWN); else null.</summary>
    private static FaultedResult? FaultCodes(ExecutionResult result)
    {
        if (!result.Executed || result.Errors is not { Count: > 0 } errors
            || !errors.All(e => CivicErrorInfoProvider.FindDomainException(e)?.Code is ErrorCodes.Unavailable or ErrorCodes.OutcomeUnknown))
        {
            return null;
        }

        return new FaultedResult([.. errors.Select(e => e.Path?.FirstOrDefault()?.ToString()).OfType<string>()]);
    }

    private sealed record FaultedResult(HashSet<string> FailedRoots)
    {
        /// <summary>Every root field of the operation (fields only: a root fragment counts as answered) has an error under it.</summary>
        public bool AllRootsFailed(GraphQLOperationDefinition? operation) =>
            operation?.SelectionSet.Selections is { Count: > 0 } roots
            && roots.All(s => s is GraphQLField field && FailedRoots.Contains((field.Alias?.Name ?? field.Name).StringValue));
    }

    /// <summary>
    /// With <c>application/json</c> every request that reached GraphQL gets 200. With
    /// <c>application/graphql-response+json</c> a request that never started executing (syntax,
    /// validation, variable coercion, limits) gets 400, or 500 when the server itself failed. Under
    /// either, a request refused before execution with a code that holds over GraphQL (RATE_LIMITED)
    /// gets the status <see cref="ErrorStatus"/> gives it.
    /// </summary>
    private static int StatusFor(string mediaType, ExecutionResult result)
    {
        if (!result.Executed && result.Errors is [{ Code: { } code }, ..] && ErrorStatus.HoldsOverGraphQL(code))
        {
            return ErrorStatus.For(code);
        }

        if (mediaType != GraphQLMediaTypes.GraphQLResponseJson || result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        var serverFault = result.Errors?.Any(e => e is UnhandledError
            && e.InnerException is not ExecutionError
            && CivicErrorInfoProvider.FindDomainException(e) is null) == true;
        return serverFault ? StatusCodes.Status500InternalServerError : StatusCodes.Status400BadRequest;
    }

    private Task WriteTransportErrorAsync(HttpContext context, string mediaType, TransportError error) =>
        WriteResultAsync(context, mediaType, error.StatusCode, GraphQLExecution.ErrorResult(error.Code, error.Message));

    private async Task WriteResultAsync(HttpContext context, string mediaType, int statusCode, ExecutionResult result)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = mediaType + "; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers[HeaderNames.Vary] = HeaderNames.Accept;
        await serializer.WriteAsync(response.Body, result, context.RequestAborted);
    }
}
