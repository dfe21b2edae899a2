using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Civic.Tests.Api.Live;

/// <summary>A graphql-transport-ws client over a real <see cref="ClientWebSocket"/>, one message at a time.</summary>
public sealed class LiveSocket : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ClientWebSocket _socket = new();

    public static async Task<LiveSocket> ConnectAsync(Uri baseAddress, string? tenant, string protocol = "graphql-transport-ws")
    {
        var live = new LiveSocket();
        live._socket.Options.AddSubProtocol(protocol);
        if (tenant is not null)
        {
            live._socket.Options.SetRequestHeader("X-Civic-Tenant", tenant);
        }

        var uri = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws", Path = "/graphql" }.Uri;
        await live._socket.ConnectAsync(uri, CancellationToken.None);
        return live;
    }

    /// <summary>Connects and initialises with the token; asserts the connection_ack.</summary>
    public static async Task<LiveSocket> InitAsync(Uri baseAddress, string tenant, string? token)
    {
        var live = await ConnectAsync(baseAddress, tenant);
        await live.SendAsync(new { type = "connection_init", payload = token is null ? null : new { Authorization = "Bearer " + token } });
        var ack = await live.ReceiveAsync();
        Assert.Equal("connection_ack", ack?["type"]?.GetValue<string>());
        return live;
    }

    public string? SubProtocol => _socket.SubProtocol;

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>The next message, or null when the server closed the socket (see <see cref="CloseStatus"/>).</summary>
    public async Task<JsonNode?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(message.ToArray());
            }
        }
    }

    /// <summary>Reads until the server closes (at once if it has); answers the close code it sent.</summary>
    public async Task<int?> ClosedWithAsync()
    {
        while (_socket.State == WebSocketState.Open && await ReceiveAsync() is not null)
        {
        }

        return (int?)_socket.CloseStatus;
    }

    public string? CloseReason => _socket.CloseStatusDescription;

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", new CancellationTokenSource(Patience).Token);
            }
            catch (WebSocketException)
            {
            }
        }

        _socket.Dispose();
    }
}
