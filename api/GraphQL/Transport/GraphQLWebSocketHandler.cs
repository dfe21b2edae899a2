using System.Net.WebSockets;
using Civic.Api.Live;
using GraphQL;
using Microsoft.Extensions.Options;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// Accepts WebSocket upgrades on the GraphQL endpoint for the <c>graphql-transport-ws</c> protocol
/// and runs one <see cref="GraphQLWebSocketConnection"/> per socket. A client that does not offer
/// the protocol is closed with 4406; a client address over <see cref="LiveOptions.MaxConnectionsPerAddress"/> with 4429.
/// </summary>
internal sealed class GraphQLWebSocketHandler(
    GraphQLExecution execution,
    IGraphQLTextSerializer serializer,
    IGraphQLSerializer inputs,
    LiveConnections connections,
    SharedSubscriptions shares,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<GraphQLWebSocketConnection> logger)
{
    public const string Protocol = "graphql-transport-ws";

    private readonly GraphQLRequestReader _reader = new(inputs, execution.Options.MaxJsonDepth, execution.Options.MaxDocumentLength);

    public async Task HandleAsync(HttpContext context)
    {
        var offered = context.WebSockets.WebSocketRequestedProtocols.Contains(Protocol);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(offered ? Protocol : null);
        if (!offered)
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)4406, "Subprotocol not acceptable", context.RequestAborted);
            return;
        }

        var address = "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!connections.TryTake(address, connections.Options.MaxConnectionsPerAddress))
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)4429, "Too many connections from this address", context.RequestAborted);
            return;
        }

        try
        {
            var connection = new GraphQLWebSocketConnection(socket, context, execution, _reader, serializer, connections, shares, scopes, time, logger);
            await connection.RunAsync();
        }
        finally
        {
            connections.Release(address);
        }
    }
}
