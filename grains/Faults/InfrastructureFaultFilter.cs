using System.Reflection;
using Civic.Grains.Interfaces;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Civic.Grains.Faults;

/// <summary>
/// The grain boundary of the silo: no exception of the infrastructure (Npgsql's, a timeout, an Orleans runtime
/// error from a call to another grain) leaves a grain as it is. It leaves as a <see cref="CivicException"/>,
/// which Orleans serialises to the API: <see cref="ErrorCodes.Unavailable"/> from a read, and
/// <see cref="ErrorCodes.OutcomeUnknown"/> from any other call, which may have recorded something before the
/// fault. Grains that know better (the write path knows whether its ledger commit was sent) throw their own
/// Civic error, which passes unchanged; so does every other exception (a bug stays visible as one).
/// </summary>
public sealed class InfrastructureFaultFilter(ILogger<InfrastructureFaultFilter> logger) : IIncomingGrainCallFilter
{
    private static readonly string[] ReadPrefixes = ["Get", "List", "Find", "Search", "Count", "Resolve", "Watch", "Unwatch", "Preview", "Is", "Has"];

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is not CivicException && InfrastructureFaults.IsFault(ex))
        {
            var read = IsRead(context.InterfaceMethod, context.MethodName);
            logger.LogWarning(ex, "{Grain}.{Method} failed on an infrastructure fault; answered as {Code}",
                context.InterfaceName, context.MethodName, read ? ErrorCodes.Unavailable : ErrorCodes.OutcomeUnknown);
            throw InfrastructureFaults.Translate(ex, mayHaveWritten: !read)!;
        }
    }

    /// <summary>A call that records nothing: marked <see cref="ReadOnlyAttribute"/>, or named as a read (<c>GetAsync</c>, <c>ListAsync</c>...).</summary>
    public static bool IsRead(MethodInfo? method, string name) =>
        method?.GetCustomAttribute<ReadOnlyAttribute>() is not null
        || ReadPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)
            && name.Length > prefix.Length && char.IsUpper(name[prefix.Length]));
}
