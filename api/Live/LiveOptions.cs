namespace Civic.Api.Live;

/// <summary>Limits of the live transport (GraphQL over WebSocket), bound from the <c>Live</c> section.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>Active operations (subscriptions, queries, mutations) one connection may hold; more close it with 4429.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 20;

    /// <summary>Open connections from one client address (after the proxies' forwarding); more are closed with 4429.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 200;

    /// <summary>Open connections of one member (the token's subject) across the tenant; more are closed with 4429.</summary>
    public int MaxConnectionsPerMember { get; set; } = 10;

    /// <summary>How long a connection may wait before connection_init; then it is closed with 4408.</summary>
    public TimeSpan InitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Least time between two values of one subscription: values between are coalesced (the last one wins).</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Messages queued for one socket; a consumer that lets more pile up is closed (1008 "slow consumer").</summary>
    public int MaxQueuedMessages { get; set; } = 64;

    /// <summary>Largest message a client may send, in bytes; larger ones close the connection with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>How often an API node refreshes its watch of each topic (and so resumes after a silo failure).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
