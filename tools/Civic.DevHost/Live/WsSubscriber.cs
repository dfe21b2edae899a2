using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Civic.Tools.DevHost.Live;

/// <summary>
/// One anonymous graphql-transport-ws subscription on a real WebSocket: connection_init, connection_ack, one subscribe,
/// then every <c>next</c> payload's data handed to <c>onData</c> with the instant (<see cref="Stopwatch.GetTimestamp"/>)
/// it arrived. Anything else the server sends (error, complete) is kept in <see cref="Problem"/>.
/// </summary>
public sealed class WsSubscriber : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<JsonElement, long> _onData;

    private WsSubscriber(Action<JsonElement, long> onData) => _onData = onData;

    /// <summary>The first message that was not a <c>next</c>, or the receive loop's failure; null while all is well.</summary>
    public string? Problem { get; private set; }

    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the subscription ends: the server closed, failed or completed it (see <see cref="Problem"/>).</summary>
    public Task Ended => _ended.Task;

    private void End(string problem)
    {
        Problem ??= problem;
        _ended.TrySetResult();
    }

    /// <summary>
    /// Connected and subscribed: answers once the socket is open and the subscribe sent (the first push, if any,
    /// arrives through <paramref name="onData"/> like every other).
    /// </summary>
    public static async Task<WsSubscriber> ConnectAsync(Uri uri, string tenant, string query, object variables, Action<JsonElement, long> onData)
    {
        var s = new WsSubscriber(onData);
        try
        {
            s._socket.Options.AddSubProtocol("graphql-transport-ws");
            s._socket.Options.SetRequestHeader("X-Civic-Tenant", tenant);
            s._socket.Options.SetBuffer(1024, 1024);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await s._socket.ConnectAsync(uri, timeout.Token);
            await s.SendAsync("{\"type\":\"connection_init\"}", timeout.Token);
            var buffer = new ArrayBufferWriter<byte>(256);
            var ack = await s.ReceiveAsync(buffer, timeout.Token);
            if (ack is null || !Encoding.UTF8.GetString(buffer.WrittenSpan).Contains("connection_ack", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("No connection_ack: " + Encoding.UTF8.GetString(buffer.WrittenSpan));
            }

            await s.SendAsync(JsonSerializer.Serialize(new { id = "s", type = "subscribe", payload = new { query, variables } }), timeout.Token);
            _ = s.ReceiveLoopAsync();
            return s;
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    private Task SendAsync(string text, CancellationToken ct) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    /// <summary>One whole message into <paramref name="buffer"/>; null when the server closed.</summary>
    private async Task<bool?> ReceiveAsync(ArrayBufferWriter<byte> buffer, CancellationToken ct)
    {
        buffer.Clear();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.GetMemory(512), ct);
            buffer.Advance(result.Count);
        }
        while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

        return result.MessageType == WebSocketMessageType.Close ? null : true;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (await ReceiveAsync(buffer, _stop.Token) is null)
                {
                    End($"closed by the server: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
                    return;
                }

                var at = Stopwatch.GetTimestamp();
                using var json = JsonDocument.Parse(buffer.WrittenMemory);
                var type = json.RootElement.GetProperty("type").GetString();
                if (type == "next" && json.RootElement.GetProperty("payload").TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
                {
                    _onData(data, at);
                }
                else if (type != "ping" && type != "pong")
                {
                    End(Encoding.UTF8.GetString(buffer.WrittenSpan));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            if (!_stop.IsCancellationRequested)
            {
                End(e.GetType().Name + ": " + e.Message);
            }
        }
        catch (Exception e)
        {
            End(e.GetType().Name + ": " + e.Message);
        }
    }

    public void Dispose()
    {
        _ended.TrySetResult();
        _stop.Cancel();
        _socket.Abort();
        _socket.Dispose();
    }
}
