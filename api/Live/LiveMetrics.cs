using System.Diagnostics.Metrics;

namespace Civic.Api.Live;

/// <summary>
/// Meter <c>Civic.Live</c>: how much work the fan-out does. <c>civic.live.executions</c> counts the executions of a
/// subscription's selection for one new value, by tenant and root field: one per shared subscription (same tenant,
/// visibility, operation, variables and document on this node) and value, whatever the number of its subscribers.
/// <c>civic.live.messages</c> counts the <c>next</c> messages queued to sockets. <c>civic.live.connections</c> is the number
/// of graphql-transport-ws sockets open on this node, <c>civic.live.subscribers</c> the subscriptions running on it by
/// tenant and root field (one per operation of a connection, however many share one execution).
/// </summary>
public static class LiveMetrics
{
    public const string MeterName = "Civic.Live";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Executions = Meter.CreateCounter<long>(
        "civic.live.executions", unit: "{execution}", description: "Subscription payloads executed and serialised (once per shared subscription and value).");

    private static readonly Counter<long> Messages = Meter.CreateCounter<long>(
        "civic.live.messages", unit: "{message}", description: "Subscription payloads queued to sockets.");

    private static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>(
        "civic.live.connections", unit: "{connection}", description: "graphql-transport-ws connections open on this node.");

    private static readonly UpDownCounter<long> Subscribers = Meter.CreateUpDownCounter<long>(
        "civic.live.subscribers", unit: "{subscriber}", description: "Subscriptions running on this node, by tenant and root field.");

    public static void Connected() => Connections.Add(1);

    public static void Disconnected() => Connections.Add(-1);

    public static void Subscribed(string tenant, string field) =>
        Subscribers.Add(1, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("field", field));

    public static void Unsubscribed(string tenant, string field) =>
        Subscribers.Add(-1, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("field", field));

    public static void Executed(string tenant, string field) =>
        Executions.Add(1, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("field", field));

    public static void Queued(string tenant, string field, int messages) =>
        Messages.Add(messages, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("field", field));
}
