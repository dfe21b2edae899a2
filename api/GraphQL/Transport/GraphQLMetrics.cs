using System.Diagnostics.Metrics;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// Meter <c>Civic.GraphQL</c>: the errors clients were given, by their stable code (HTTP and WebSocket alike, since
/// every error is described by <see cref="CivicErrorInfoProvider"/>). An operator watches <c>UNAVAILABLE</c> and
/// <c>INTERNAL</c> rise on a bad day, <c>RATE_LIMITED</c> on a hostile one.
/// </summary>
public static class GraphQLMetrics
{
    public const string MeterName = "Civic.GraphQL";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "civic.graphql.errors", unit: "{error}", description: "GraphQL errors given to clients, by error code.");

    public static void Error(string code) => Errors.Add(1, new KeyValuePair<string, object?>("code", code));
}
