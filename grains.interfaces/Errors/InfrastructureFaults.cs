using System.Data.Common;
using System.Net.Sockets;
using Orleans.Serialization;

namespace Civic.Grains.Interfaces;

/// <summary>
/// The one classification of infrastructure faults (a dead or busy silo, a lost connection, PostgreSQL down or
/// restarting) into the two codes a client can act on: <see cref="ErrorCodes.Unavailable"/> when nothing was
/// recorded, <see cref="ErrorCodes.OutcomeUnknown"/> when a write may have been. The silo's grain call filter
/// turns every fault into a <see cref="CivicException"/> before it crosses to the API (Npgsql's exceptions do
/// not travel well), and the API classifies what the cluster client itself throws.
/// </summary>
public static class InfrastructureFaults
{
    public const string UnavailableMessage = "The service is busy or restarting and nothing was recorded: try again in a moment.";

    public const string OutcomeUnknownMessage =
        "The service failed while this change was being recorded; it may or may not have been: send it again with the same idempotency key, or check before repeating a change that has none.";

    /// <summary>What a client sees for a fault: a Civic error that passes as it is, or a fault translated; null for a bug.</summary>
    /// <param name="mayHaveWritten">The failed call could have recorded something before the fault (a write, not a read).</param>
    public static CivicException? Translate(Exception exception, bool mayHaveWritten)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Find<CivicException>(exception) is { } civic)
        {
            return civic;
        }

        if (!IsFault(exception))
        {
            return null;
        }

        return mayHaveWritten && !NotDelivered(exception)
            ? new CivicException(ErrorCodes.OutcomeUnknown, OutcomeUnknownMessage)
            : new CivicException(ErrorCodes.Unavailable, UnavailableMessage);
    }

    /// <summary>
    /// A fault of the cluster or the database rather than of the request: a timeout, any Orleans runtime error
    /// (<c>SiloUnavailableException</c>, <c>OrleansMessageRejectionException</c>, <c>ClientNotAvailableException</c>,
    /// a gateway too busy, a storage ETag conflict), a database error (Npgsql's exceptions are
    /// <see cref="DbException"/>s), a socket or stream error, or one of those that could not be deserialised.
    /// </summary>
    public static bool IsFault(Exception exception)
    {
        var depth = 0;
        for (Exception? e = exception; e is not null && depth < 16; e = Inner(e), depth++)
        {
            switch (e)
            {
                case CivicException:
                    return false;
                case TimeoutException or OrleansException or DbException or IOException or SocketException:
                    return true;
                case UnavailableExceptionFallbackException fallback when fallback.ExceptionType is { } type && IsInfrastructureType(type):
                    return true;
                // A silo that could not even send its exception back (Orleans has no codec for Npgsql's): what it failed
                // on is named in the message; seen under `./civic chaos` while PostgreSQL restarts.
                case Orleans.Serialization.CodecNotFoundException codec when NamesInfrastructureType(codec.Message):
                    return true;
            }
        }

        return false;
    }

    private static bool IsInfrastructureType(string type) =>
        type.StartsWith("Npgsql", StringComparison.Ordinal) || type.StartsWith("Orleans", StringComparison.Ordinal)
        || type.StartsWith("System.Net", StringComparison.Ordinal) || type.StartsWith("System.IO", StringComparison.Ordinal);

    private static bool NamesInfrastructureType(string message) =>
        message.Split(' ').Any(word => IsInfrastructureType(word.TrimEnd('.')));

    /// <summary>
    /// The call never ran: the runtime refused the message before any grain code saw it (a rejection other than
    /// a silo that died holding it), or the client had no gateway to send it to.
    /// </summary>
    private static bool NotDelivered(Exception exception) =>
        Find<SiloUnavailableException>(exception) is null
        && (Find<OrleansMessageRejectionException>(exception) is not null || Find<ClientNotAvailableException>(exception) is not null
            || Find<GatewayTooBusyException>(exception) is not null);

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        var depth = 0;
        for (Exception? e = exception; e is not null && depth < 16; e = Inner(e), depth++)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception? Inner(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e.InnerException;
}
