using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// The one place that turns errors into what clients see: a domain <see cref="CivicException"/>
/// keeps its code and message; GraphQL errors (syntax, validation, coercion, limits, or an
/// <see cref="ExecutionError"/> a resolver throws) keep theirs; anything else is masked as
/// <c>INTERNAL</c> unless the host is Development and <c>GraphQL:ExposeExceptions</c> is set.
/// </summary>
public sealed class CivicErrorInfoProvider : IErrorInfoProvider
{
    public const string InternalMessage = "An internal error occurred";

    /// <summary>Code given to a GraphQL error that carries none of its own.</summary>
    public const string DefaultCode = ErrorCodes.GraphQLError;

    private readonly bool _exposeExceptions;

    public CivicErrorInfoProvider(IOptions<GraphQLTransportOptions> options, IHostEnvironment environment)
    {
        _exposeExceptions = options.Value.ExposeExceptions && environment.IsDevelopment();
    }

    public ErrorInfo GetInfo(ExecutionError error)
    {
        ArgumentNullException.ThrowIfNull(error);

        if (FindDomainException(error) is { } domain)
        {
            return Info(domain.Message, domain.Code);
        }

        if (error is UnhandledError)
        {
            var original = error.InnerException;
            if (original is ExecutionError inner)
            {
                return Info(inner.Message, inner.Code ?? DefaultCode);
            }

            if (!_exposeExceptions || original is null)
            {
                return Info(InternalMessage, ErrorCodes.Internal);
            }

            var exposed = Info(original.Message, ErrorCodes.Internal);
            exposed.Extensions!["details"] = original.ToString();
            return exposed;
        }

        return Info(error.Message, error.Code ?? DefaultCode);
    }

    /// <summary>The domain exception behind an error, looking through wrappers and aggregates.</summary>
    public static CivicException? FindDomainException(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                case CivicException domain:
                    return domain;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    break;
                default:
                    exception = exception.InnerException;
                    break;
            }
        }

        return null;
    }

    private static ErrorInfo Info(string message, string code)
    {
        GraphQLMetrics.Error(code);
        return new ErrorInfo
        {
            Message = message,
            Extensions = new Dictionary<string, object?> { ["code"] = code },
        };
    }
}
