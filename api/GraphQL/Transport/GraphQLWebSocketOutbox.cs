using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// The send side of one WebSocket connection: a bounded queue drained by one loop. A message that does not fit is
/// refused (the connection closes the consumer as too slow); pooled messages go back to the pool once sent or dropped.
/// </summary>
internal sealed class GraphQLWebSocketOutbox(WebSocket socket, int capacity)
{
    private readonly Channel<Outgoing> _queue = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: the consumer is too slow
    });

    /// <summary>Queues a message; false (and the message released) when the queue is full or completed.</summary>
    public bool TryQueue(Outgoing message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }

        message.Return();
        return false;
    }

    /// <summary>No more messages: the loop sends what is queued, then the close.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>
    /// Sends the queued messages in order, skipping them once <paramref name="dropping"/> says so (what a slow consumer has
    /// not read is dropped), then the close <paramref name="close"/> answers.
    /// </summary>
    public async Task RunAsync(Func<bool> dropping, Func<(int Code, string Reason)?> close, CancellationToken token)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(token))
            {
                try
                {
                    if (!dropping())
                    {
                        await socket.SendAsync(message.Bytes.AsMemory(0, message.Length), WebSocketMessageType.Text, endOfMessage: true, token);
                    }
                }
                finally
                {
                    message.Return();
                }
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived && close() is { } closing)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)closing.Code, closing.Reason, token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ChannelClosedException)
        {
            socket.Abort();
        }
    }
}

/// <summary>A message for the socket: <see cref="Length"/> bytes of <see cref="Bytes"/>, rented from the shared pool when <see cref="Pooled"/>.</summary>
internal readonly record struct Outgoing(byte[] Bytes, int Length, bool Pooled)
{
    public static Outgoing Of(byte[] message) => new(message, message.Length, Pooled: false);

    /// <summary><paramref name="prefix"/>, the shared <paramref name="payload"/> and a closing brace, in a pooled buffer.</summary>
    public static Outgoing Frame(byte[] prefix, byte[] payload)
    {
        var length = prefix.Length + payload.Length + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        prefix.CopyTo(buffer, 0);
        payload.CopyTo(buffer, prefix.Length);
        buffer[length - 1] = (byte)'}';
        return new Outgoing(buffer, length, Pooled: true);
    }

    public void Return()
    {
        if (Pooled)
        {
            ArrayPool<byte>.Shared.Return(Bytes);
        }
    }
}
