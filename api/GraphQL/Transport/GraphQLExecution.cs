using System.Security.Claims;
using Civic.Api.Errors;
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

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// What every transport does with a GraphQL request before and while it runs: the document's limits
/// (<see cref="GraphQLDocumentLimits"/>), parsing once, the validation rules (depth, complexity,
/// aliases, introspection) and execution through <see cref="IDocumentExecuter"/>. HTTP
/// (<see cref="GraphQLHttpHandler"/>) and WebSocket (<see cref="GraphQLWebSocketConnection"/>) share it.
/// </summary>
internal sealed class GraphQLExecution
{
    private readonly IDocumentExecuter _executer;
    private readonly GraphQLDocumentBuilder _documentBuilder;
    private readonly GraphQLDocumentLimits _limits;
    private readonly GraphQLTransportOptions _options;
    private readonly IValidationRule[] _validationRules;
    private readonly ILogger _logger;
    private readonly Func<UnhandledExceptionContext, Task> _onUnhandledException;

    public GraphQLExecution(IDocumentExecuter executer, IOptions<GraphQLTransportOptions> options, ILogger<GraphQLExecution> logger)
    {
        _executer = executer;
        _options = options.Value;
        _documentBuilder = new GraphQLDocumentBuilder { MaxDepth = _options.MaxNesting };
        _limits = new GraphQLDocumentLimits(_options);
        _logger = logger;
        _validationRules = BuildValidationRules(_options);
        _onUnhandledException = OnUnhandledException;
    }

    public GraphQLTransportOptions Options => _options;

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

    /// <summary>
    /// Checks the text's limits and parses it once. A refusal is returned; a syntax error leaves the
    /// document null (the executer parses it again and reports it the standard way).
    /// </summary>
    public TransportError? Prepare(string query, out GraphQLDocument? document)
    {
        document = null;
        if (_limits.CheckText(query) is { } tooLarge)
        {
            return tooLarge;
        }

        try
        {
            document = TryParse(query);
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return GraphQLDocumentLimits.TooLarge($"The GraphQL document nests deeper than {_options.MaxNesting} syntax nodes.");
        }

        return document is not null && _limits.CheckDocument(document) is { } overLimits ? overLimits : null;
    }

    private GraphQLDocument? TryParse(string query)
    {
        try
        {
            return _documentBuilder.Build(query);
        }
        catch (Exception ex) when (ex is (GraphQLParserException or ExecutionError) and not GraphQLMaxDepthExceededException)
        {
            return null;
        }
    }

    /// <summary>Runs a prepared request with the transport's validation rules.</summary>
    public Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, GraphQLDocument? document, IServiceProvider services,
        ClaimsPrincipal user, IDictionary<string, object?> userContext, CancellationToken cancellationToken)
    {
        var options = new ExecutionOptions
        {
            Schema = services.GetRequiredService<ISchema>(),
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = services,
            User = user,
            UserContext = userContext,
            CancellationToken = cancellationToken,
            ThrowOnUnhandledException = false,
            UnhandledExceptionDelegate = _onUnhandledException,
        };
        options.ValidationRules = _validationRules;
        return _executer.ExecuteAsync(options);
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
        var mutation = (context.FieldContext?.Operation ?? context.Context?.Operation)?.Operation == OperationType.Mutation;
        if (CivicErrorInfoProvider.FindDomainException(exception) is null
            && Civic.Grains.Interfaces.InfrastructureFaults.Translate(exception, mayHaveWritten: mutation) is { } fault)
        {
            // The cluster client or a read store failed (a silo gone, a timeout, PostgreSQL down): the client is told
            // what it can do (UNAVAILABLE, or OUTCOME_UNKNOWN for a mutation that may have been recorded), never INTERNAL.
            _logger.LogWarning(exception, "GraphQL field {Path} failed on an infrastructure fault; answered {Code}",
                context.FieldContext?.Path, fault.Code);
            context.Exception = fault;
            context.ErrorMessage = fault.Message;
            return Task.CompletedTask;
        }

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

    public static ExecutionResult ErrorResult(string code, string message) => new()
    {
        Executed = false,
        Errors = [new ExecutionError(message) { Code = code }],
    };
}
