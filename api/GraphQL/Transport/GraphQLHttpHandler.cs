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
internal sealed class GraphQLHttpHandler
{
    private readonly IDocumentExecuter _executer;
    private readonly GraphQLDocumentBuilder _documentBuilder;
    private readonly GraphQLDocumentLimits _limits;
    private readonly IGraphQLSerializer _serializer;
    private readonly GraphQLRequestReader _reader;
    private readonly GraphQLTransportOptions _options;
    private readonly IValidationRule[] _validationRules;
    private readonly ILogger _logger;
    private readonly Func<UnhandledExceptionContext, Task> _onUnhandledException;

    public GraphQLHttpHandler(
        IDocumentExecuter executer,
        IGraphQLSerializer serializer,
        IOptions<GraphQLTransportOptions> options,
        ILogger<GraphQLHttpHandler> logger)
    {
        _executer = executer;
        _serializer = serializer;
        _options = options.Value;
        _reader = new GraphQLRequestReader(serializer, _options.MaxJsonDepth, _options.MaxDocumentLength);
        _documentBuilder = new GraphQLDocumentBuilder { MaxDepth = _options.MaxNesting };
        _limits = new GraphQLDocumentLimits(_options);
        _logger = logger;
        _validationRules = BuildValidationRules(_options);
        _onUnhandledException = OnUnhandledException;
    }

    private static IValidationRule[] BuildValidationRules(GraphQLTransportOptions options)
    {
        var rules = new List<IValidationRule>(DocumentValidator.CoreRules)
        {
            new ComplexityValidationRule(new ComplexityOptions
            {
                MaxDepth = options.MaxDepth,
                MaxComplexity = options.MaxComplexity,
                DefaultComplexityImpactDelegate = ImpactOutsideIntrospection,
            }),
            new MaxAliasesValidationRule(options.MaxAliases),
        };
        if (!options.Introspection)
        {
            rules.Add(NoIntrospectionValidationRule.Instance);
        }

        return [.. rules];
    }

    /// <summary>
    /// GraphQL.NET's default impact, except that introspection counts nothing: its list multipliers
    /// put the standard introspection query far over any useful limit for data. Introspection is
    /// bounded by <see cref="GraphQLDocumentLimits"/> instead (fields, nesting, and at most
    /// <see cref="GraphQLDocumentLimits.MaxIntrospectionListNesting"/> nested introspection lists).
    /// </summary>
    private static readonly Func<FieldImpactContext, FieldComplexityResult> GraphQLDefaultImpact =
        new ComplexityOptions().DefaultComplexityImpactDelegate;

    private static FieldComplexityResult ImpactOutsideIntrospection(FieldImpactContext context)
    {
        var field = context.FieldDefinition.Name;
        if (field is "__schema" or "__type" or "__typename"
            || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal))
        {
            return new FieldComplexityResult(0, 0);
        }

        return GraphQLDefaultImpact(context);
    }

    public async Task HandleAsync(HttpContext context)
    {
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

        if (_limits.CheckText(graphQLRequest.Query!) is { } tooLarge)
        {
            await WriteTransportErrorAsync(context, mediaType, tooLarge);
            return;
        }

        GraphQLDocument? document;
        try
        {
            document = TryParse(graphQLRequest.Query!);
        }
        catch (GraphQLMaxDepthExceededException)
        {
            await WriteTransportErrorAsync(context, mediaType, GraphQLDocumentLimits.TooLarge(
                $"The GraphQL document nests deeper than {_options.MaxNesting} syntax nodes."));
            return;
        }

        if (document is not null && _limits.CheckDocument(document) is { } overLimits)
        {
            await WriteTransportErrorAsync(context, mediaType, overLimits);
            return;
        }

        if (document is not null)
        {
            var operation = SelectOperation(document, graphQLRequest.OperationName);
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

        var options = new ExecutionOptions
        {
            Schema = context.RequestServices.GetRequiredService<ISchema>(),
            Query = graphQLRequest.Query,
            Document = document,
            OperationName = graphQLRequest.OperationName,
            Variables = graphQLRequest.Variables,
            Extensions = graphQLRequest.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            UserContext = new GraphQLUserContext(context),
            CancellationToken = context.RequestAborted,
            ThrowOnUnhandledException = false,
            UnhandledExceptionDelegate = _onUnhandledException,
        };
        options.ValidationRules = _validationRules;

        ExecutionResult result;
        try
        {
            result = await _executer.ExecuteAsync(options);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        await WriteResultAsync(context, mediaType, StatusFor(mediaType, result), result);
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

    private GraphQLDocument? TryParse(string query)
    {
        try
        {
            return _documentBuilder.Build(query);
        }
        catch (Exception ex) when (ex is (GraphQLParserException or ExecutionError) and not GraphQLMaxDepthExceededException)
        {
            // Let the executer parse it again and report the error the standard way.
            return null;
        }
    }

    /// <summary>The operation a request runs: the named one, or the only one; null when ambiguous or absent.</summary>
    internal static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        GraphQLOperationDefinition? selected = null;
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation)
            {
                continue;
            }

            if (string.IsNullOrEmpty(operationName))
            {
                if (selected is not null)
                {
                    return null;
                }

                selected = operation;
            }
            else if (operation.Name is { } name && name.Value.Span.SequenceEqual(operationName))
            {
                return operation;
            }
        }

        return selected;
    }

    private Task OnUnhandledException(UnhandledExceptionContext context)
    {
        var exception = context.OriginalException;
        if (CivicErrorInfoProvider.FindDomainException(exception) is { } domain)
        {
            _logger.LogDebug("GraphQL field {Path} refused with {Code}: {Message}",
                context.FieldContext?.Path, domain.Code, domain.Message);
        }
        else
        {
            _logger.LogError(exception, "Unhandled exception while executing GraphQL field {Path}",
                context.FieldContext?.Path);
        }

        return Task.CompletedTask;
    }

    private static ExecutionResult ErrorResult(string code, string message) => new()
    {
        Executed = false,
        Errors = [new ExecutionError(message) { Code = code }],
    };

    private Task WriteTransportErrorAsync(HttpContext context, string mediaType, TransportError error) =>
        WriteResultAsync(context, mediaType, error.StatusCode, ErrorResult(error.Code, error.Message));

    private async Task WriteResultAsync(HttpContext context, string mediaType, int statusCode, ExecutionResult result)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = mediaType + "; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers[HeaderNames.Vary] = HeaderNames.Accept;
        await _serializer.WriteAsync(response.Body, result, context.RequestAborted);
    }
}
