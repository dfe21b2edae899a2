using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Civic.Api.Live;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// One <c>graphql-transport-ws</c> connection: <c>connection_init</c> (the bearer token as
/// <c>Authorization</c> in its payload, the tenant from the host, the X-Civic-Tenant header or the
/// payload's <c>tenant</c>) then <c>connection_ack</c>; <c>subscribe</c> runs a subscription, query or
/// mutation, answered with <c>next</c>, <c>error</c>, <c>complete</c>; <c>ping</c>/<c>pong</c>. Protocol
/// errors close the socket: 4400 bad message, 4401 subscribe before the ack or the init's token expired, 4403 refused token, 4408
/// no init in time, 4409 an id already running, 4429 a second init or over a limit, 1008 a consumer
/// too slow to drain <see cref="LiveOptions.MaxQueuedMessages"/>, 1009 a message too large.
/// Every operation runs in its own service scope, authenticated again with the init's token, so its
/// tenant, role and loaders are those of a fresh HTTP request.
/// </summary>
internal sealed class GraphQLWebSocketConnection
{
    private static readonly TimeSpan CloseHandshake = TimeSpan.FromSeconds(5);

    /// <summary>The close code of a consumer too slow to drain its queue (policy violation).</summary>
    private const int SlowConsumer = 1008;

    private readonly WebSocket _socket;
    private readonly HttpContext _upgrade;
    private readonly GraphQLExecution _execution;
    private readonly GraphQLRequestReader _reader;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly LiveConnections _connections;
    private readonly LiveOptions _options;
    private readonly GraphQLWebSocketAuthentication _identity;
    private readonly SharedSubscriptions _shares;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GraphQLWebSocketOutbox _outbox;
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _lock = new();
    private (int Code, string Reason)? _close;
    private bool _initReceived;
    private volatile bool _acknowledged;
    private string? _memberKey;
    private ITimer? _expiry;

    public GraphQLWebSocketConnection(WebSocket socket, HttpContext upgrade, GraphQLExecution execution, GraphQLRequestReader reader,
        IGraphQLTextSerializer serializer, LiveConnections connections, SharedSubscriptions shares, IServiceScopeFactory scopes, TimeProvider time,
        ILogger logger)
    {
        _socket = socket;
        _upgrade = upgrade;
        _execution = execution;
        _reader = reader;
        _serializer = serializer;
        _connections = connections;
        _options = connections.Options;
        _identity = new GraphQLWebSocketAuthentication(upgrade, scopes);
        _shares = shares;
        _time = time;
        _logger = logger;
        _outbox = new GraphQLWebSocketOutbox(socket, _options.MaxQueuedMessages);
    }

    public async Task RunAsync()
    {
        var sending = _outbox.RunAsync(() => _close is { Code: SlowConsumer }, () => _close, _closing.Token);
        using var initTimer = _time.CreateTimer(_ =>
        {
            if (!_acknowledged)
            {
                Close(4408, "Connection initialisation timeout");
            }
        }, null, _options.InitTimeout, Timeout.InfiniteTimeSpan);
        using var aborted = _upgrade.RequestAborted.Register(() => _closing.Cancel());
        LiveMetrics.Connected();
        try
        {
            await ReceiveLoopAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away, or did not answer our close in time.
        }
        finally
        {
            foreach (var id in _operations.Keys)
            {
                Stop(id);
            }

            LiveMetrics.Disconnected();
            Close(1000, "Normal closure");
            _expiry?.Dispose();
            await sending;
            if (_memberKey is not null)
            {
                _connections.Release(_memberKey);
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (_socket.State == WebSocketState.Open || _socket.State == WebSocketState.CloseSent)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), _closing.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > _options.MaxMessageBytes)
            {
                Close(1009, "Message too large");
                return;
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            if (result.MessageType != WebSocketMessageType.Text)
            {
                Close(4400, "Messages are JSON text");
                return;
            }

            if (_close is null)
            {
                await HandleAsync(buffer.WrittenMemory);
            }

            buffer.Clear();
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> bytes)
    {
        var (json, invalid) = _reader.ParseMessage(bytes);
        if (json is null)
        {
            Close(4400, invalid?.Message.Length <= 120 ? invalid.Message : "Invalid message");
            return;
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                Close(4400, "Invalid message: an object with a string 'type' was expected");
                return;
            }

            var payload = root.TryGetProperty("payload", out var p) ? p : default;
            switch (typeElement.GetString())
            {
                case "connection_init":
                    await InitAsync(payload);
                    break;
                case "ping":
                    Send(Message("pong", null, null));
                    break;
                case "pong":
                    break;
                case "subscribe":
                    Subscribe(root, payload);
                    break;
                case "complete":
                    if (Id(root) is { } id)
                    {
                        Stop(id);
                    }

                    break;
                default:
                    Close(4400, "Invalid message type");
                    break;
            }
        }
    }

    private string? Id(JsonElement root)
    {
        if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 and <= 128 } value)
        {
            return value;
        }

        Close(4400, "Invalid message: a string 'id' was expected");
        return null;
    }

    private async Task InitAsync(JsonElement payload)
    {
        if (_initReceived)
        {
            Close(4429, "Too many initialisation requests");
            return;
        }

        _initReceived = true;
        if (payload.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            Close(4400, "Invalid message: the connection_init payload must be an object");
            return;
        }

        if (payload.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in payload.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (property.NameEquals("Authorization") || property.NameEquals("authorization"))
                {
                    var value = property.Value.GetString()!;
                    _identity.Authorization = value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value : "Bearer " + value;
                }
                else if (property.NameEquals("tenant"))
                {
                    _identity.Tenant = property.Value.GetString();
                }
            }
        }

        var init = new DefaultHttpContext();
        var (scope, request, refused) = await _identity.AuthenticateAsync(init);
        using (scope)
        {
            if (refused is not null)
            {
                Close(refused == ErrorCodes.Unavailable ? 1013 : 4403, refused == ErrorCodes.Unavailable ? "Try again later" : "Forbidden");
                return;
            }

            if (request.UserId is not null)
            {
                var key = "member:" + (request.TokenTenant ?? "") + "/" + request.UserId;
                if (!_connections.TryTake(key, _options.MaxConnectionsPerMember))
                {
                    Close(4429, "Too many connections for this member");
                    return;
                }

                _memberKey = key;
            }

            if (GraphQLWebSocketAuthentication.TokenExpiry(init) is { } expires)
            {
                // The socket lives as long as the token it was opened with: then 4401, and the client signs in again.
                var due = expires - _time.GetUtcNow();
                _expiry = _time.CreateTimer(_ => Close(4401, "Token expired"), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }

        _acknowledged = true;
        Send(Message("connection_ack", null, null));
    }

    private void Subscribe(JsonElement root, JsonElement payload)
    {
        if (!_acknowledged)
        {
            Close(4401, "Unauthorized");
            return;
        }

        if (Id(root) is not { } id)
        {
            return;
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            Close(4400, "Invalid message: the subscribe payload must be an object");
            return;
        }

        var operation = new Operation();
        lock (_lock)
        {
            if (_operations.ContainsKey(id))
            {
                Close(4409, $"Subscriber for {id} already exists");
                return;
            }

            if (_operations.Count >= _options.MaxSubscriptionsPerConnection)
            {
                Close(4429, "Too many subscriptions on this connection");
                return;
            }

            _operations[id] = operation;
        }

        var (request, error) = _reader.ReadObject(payload);
        if (request is null)
        {
            Finish(id, Message("error", id, ErrorsOf(GraphQLExecution.ErrorResult(error!.Code, error.Message))));
            return;
        }

        var variables = SharedSubscriptionKey.CanonicalVariables(payload.TryGetProperty("variables", out var v) ? v : default);
        _ = RunAsync(id, operation, request, variables);
    }

    private async Task RunAsync(string id, Operation operation, GraphQLRequest request, string variables)
    {
        try
        {
            if (_execution.Prepare(request.Query!, out var document) is { } refused)
            {
                Finish(id, Message("error", id, ErrorsOf(GraphQLExecution.ErrorResult(refused.Code, refused.Message))));
                return;
            }

            var context = new DefaultHttpContext();
            var (scope, civic, _) = await _identity.AuthenticateAsync(context);

            // A subscription's stream may outlive this operation (it becomes the share's): its scope and cancellation are
            // the stream's own, cancelled with the operation only until the share takes them.
            var owned = new StreamResources(scope);
            operation.Scope = owned;
            ExecutionResult result;
            using (operation.Cancel.Token.Register(owned.Cancel))
            {
                result = await _execution.ExecuteAsync(request, document, scope.ServiceProvider, context.User,
                    new GraphQLUserContext(context), owned.Token);
            }

            if (result.Streams is { Count: > 0 } streams && result.Errors is not { Count: > 0 } && document is not null)
            {
                var key = SharedSubscriptionKey.Of(civic, scope.ServiceProvider.GetRequiredService<global::GraphQL.Types.ISchema>(), document,
                    request.Query!, request.OperationName, variables, out var field);
                operation.Subscription = _shares.Join(key, field, new Subscriber(this, id), streams.Values.First(), owned, out var started);
                if (started)
                {
                    operation.Scope = null; // the share's now, disposed with its last subscriber
                }

                if (operation.Cancel.IsCancellationRequested)
                {
                    operation.Dispose();
                }

                return;
            }

            var isSubscription = document is not null
                && GraphQLExecution.SelectOperation(document, request.OperationName)?.Operation == OperationType.Subscription;
            if (!result.Executed || isSubscription)
            {
                Finish(id, Message("error", id, ErrorsOf(result)));
                return;
            }

            Send(Encoding.UTF8.GetBytes("{\"id\":" + JsonSerializer.Serialize(id) + ",\"type\":\"next\",\"payload\":" + _serializer.Serialize(result) + "}"));
            Finish(id, Message("complete", id, null));
        }
        catch (OperationCanceledException) when (operation.Cancel.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "GraphQL operation over WebSocket failed");
            Finish(id, Message("error", id, ErrorsOf(GraphQLExecution.ErrorResult(ErrorCodes.Internal, "The operation failed."))));
        }
    }

    private JsonNode? ErrorsOf(ExecutionResult result) => JsonNode.Parse(_serializer.Serialize(result))?["errors"]?.DeepClone();

    /// <summary>Sends the operation's last message and forgets it (the client may reuse its id).</summary>
    private void Finish(string id, byte[] message)
    {
        if (_operations.TryRemove(id, out var operation))
        {
            operation.Dispose();
            Send(message);
        }
    }

    private void Stop(string id)
    {
        if (_operations.TryRemove(id, out var operation))
        {
            operation.Dispose();
        }
    }

    private static byte[] Message(string type, string? id, JsonNode? payload)
    {
        var message = new JsonObject();
        if (id is not null)
        {
            message["id"] = id;
        }

        message["type"] = type;
        if (payload is not null)
        {
            message["payload"] = payload;
        }

        return Encoding.UTF8.GetBytes(message.ToJsonString());
    }

    private void Send(byte[] message) => Send(Outgoing.Of(message));

    private void Send(Outgoing message)
    {
        if (!_outbox.TryQueue(message) && _close is null)
        {
            _connections.SlowConsumerDropped();
            Close(SlowConsumer, "Slow consumer");
        }
    }

    private void Close(int code, string reason)
    {
        lock (_lock)
        {
            if (_close is not null)
            {
                return;
            }

            _close = (code, reason);
        }

        _outbox.Complete();
        _closing.CancelAfter(CloseHandshake);
    }

    /// <summary>
    /// One subscription of this connection in its share: each shared payload is framed as
    /// <c>{"id":"…","type":"next","payload":…}</c> in a pooled buffer (the id written once, JSON-escaped).
    /// </summary>
    private sealed class Subscriber(GraphQLWebSocketConnection connection, string id) : ISharedSubscriber
    {
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes("{\"id\":" + JsonSerializer.Serialize(id) + ",\"type\":\"next\",\"payload\":");

        public void Next(byte[] payload) => connection.Send(Outgoing.Frame(_prefix, payload));

        public void Failed() =>
            connection.Finish(id, Message("error", id, connection.ErrorsOf(GraphQLExecution.ErrorResult(ErrorCodes.Internal, "The subscription failed."))));

        public void Completed() => connection.Finish(id, Message("complete", id, null));
    }

    private sealed class Operation : IDisposable
    {
        public CancellationTokenSource Cancel { get; } = new();

        public IDisposable? Subscription { get; set; }

        public IDisposable? Scope { get; set; }

        public void Dispose()
        {
            Cancel.Cancel();
            Subscription?.Dispose();
            Scope?.Dispose();
        }
    }
}
