using System.Collections.Frozen;
using Civic.Api.GraphQL.Transport;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace Civic.Api.RateLimiting;

/// <summary>
/// The costly window for GraphQL: before a mutation executes, its root fields are counted (through
/// inline fragments and fragment spreads, over the document the transport already parsed) and each
/// costly one takes a permit. Refused, nothing executes: the answer is a request error RATE_LIMITED
/// with 429 and Retry-After, as for the other limits. Done here, before validation and execution,
/// rather than in resolvers, so a refused document changes nothing and a mutation is never half run.
/// </summary>
public sealed class CostlyOperationLimit(CivicRateLimiter limiter) : IConfigureExecution
{
    /// <summary>Mutations that read files, write many rows or issue legal documents.</summary>
    public static readonly FrozenSet<string> CostlyFields =
        FrozenSet.ToFrozenSet(["importPabulib", "recordPaperBallots", "requestTaxReceipt"], StringComparer.Ordinal);

    /// <summary>Account mutations that send mail or create an account: the account-request window (anonymous callers too).</summary>
    public static readonly FrozenSet<string> AccountFields = FrozenSet.ToFrozenSet(
        ["register", "resendConfirmation", "requestPasswordReset", "changeEmail", "inviteTenantAdmin", "inviteToRole", "acceptInvitation"],
        StringComparer.Ordinal);

    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.UserContext is not GraphQLUserContext { HttpContext: var http })
        {
            return await next(options);
        }

        // The transport hands over the document it parsed; without one the text did not parse, so nothing
        // will execute and there is nothing to count (the executer reports the syntax error).
        var count = options.Document is { } document ? CountCostlyFields(document, options.OperationName) : 0;
        var accountCount = options.Document is { } accountDocument ? CountFields(accountDocument, options.OperationName, AccountFields) : 0;
        if (count == 0 && accountCount == 0)
        {
            return await next(options);
        }

        using var lease = count == 0 ? null : limiter.AcquireCostly(http, count);
        using var accountLease = lease is { IsAcquired: false } || accountCount == 0 ? null : limiter.AcquireAccountRequests(http, accountCount);
        var refused = lease is { IsAcquired: false } ? lease : accountLease is { IsAcquired: false } ? accountLease : null;
        if (refused is null)
        {
            return await next(options);
        }

        // The transport writes this request error with the status ErrorStatus gives RATE_LIMITED (429).
        http.Response.Headers.RetryAfter = CivicRateLimiter.RetryAfterSeconds(refused);
        return new ExecutionResult
        {
            Executed = false,
            Errors = [new ExecutionError(CivicRateLimiter.RefusalMessage) { Code = ErrorCodes.RateLimited }],
        };
    }

    /// <summary>Costly root fields of the operation that would run (aliases count once each).</summary>
    public static int CountCostlyFields(GraphQLDocument document, string? operationName) =>
        CountFields(document, operationName, CostlyFields);

    /// <summary>Root fields of the operation that would run that are in <paramref name="names"/> (aliases count once each).</summary>
    public static int CountFields(GraphQLDocument document, string? operationName, FrozenSet<string> names)
    {
        var operation = GraphQLExecution.SelectOperation(document, operationName);
        if (operation is not { Operation: OperationType.Mutation })
        {
            return 0;
        }

        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
            {
                fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
            }
        }

        return Count(operation.SelectionSet, fragments, [], names);
    }

    private static int Count(GraphQLSelectionSet set, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> entered, FrozenSet<string> names)
    {
        var count = 0;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when names.Contains(field.Name.StringValue):
                    count++;
                    break;
                case GraphQLInlineFragment inline:
                    count += Count(inline.SelectionSet, fragments, entered, names);
                    break;
                case GraphQLFragmentSpread spread when entered.Add(spread.FragmentName.Name.StringValue)
                    && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                    count += Count(fragment.SelectionSet, fragments, entered, names);
                    break;
            }
        }

        return count;
    }
}
