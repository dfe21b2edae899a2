using System.Text.Json;
using Civic.Tools.DevHost.Live;

namespace Civic.Tools.DevHost.Chaos;

/// <summary>
/// A resident watching the chaos campaign live: <c>campaignUpdated</c> over graphql-transport-ws on one API node,
/// reconnecting (to the next node, as a client behind a load balancer lands elsewhere) whenever the subscription
/// ends: an API node killed, the cluster unavailable. Each connection starts with the current value, so after the
/// faults the watcher must come to the campaign's final total (<see cref="SeesAsync"/>).
/// </summary>
public sealed class ChaosWatch(IReadOnlyList<Uri> apiNodes, string tenant, string campaignId, int home)
{
    private const string Document = "subscription($id: ID!) { campaignUpdated(id: $id) { raised { amount } } }";

    /// <summary>A reconnecting client's pause between two tries (the site's graphql-ws client backs off too).</summary>
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(500);

    private readonly Lock _lock = new();
    private long _raised = -1;
    private (long Total, TaskCompletionSource Seen)? _awaited;

    /// <summary>Connections opened (the first, then one per reconnection).</summary>
    public int Connections { get; private set; }

    public long Raised
    {
        get
        {
            lock (_lock)
            {
                return _raised;
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            var node = apiNodes[(home + attempt) % apiNodes.Count];
            try
            {
                var uri = new UriBuilder(node) { Scheme = node.Scheme == "https" ? "wss" : "ws", Path = "/graphql" }.Uri;
                using var socket = await WsSubscriber.ConnectAsync(uri, tenant, Document, new { id = campaignId }, OnData);
                Connections++;
                await socket.Ended.WaitAsync(stop);
                await Task.Delay(Backoff, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or InvalidOperationException or OperationCanceledException or HttpRequestException)
            {
                // The node is down or refused the upgrade: try the next one after the pause.
                await Task.Delay(Backoff, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Whether the watcher shows <paramref name="total"/> within <paramref name="patience"/>.</summary>
    public async Task<bool> SeesAsync(long total, TimeSpan patience)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_raised == total)
            {
                return true;
            }

            _awaited = (total, seen);
        }

        try
        {
            await seen.Task.WaitAsync(patience);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void OnData(JsonElement data, long at)
    {
        var raised = data.GetProperty("campaignUpdated").GetProperty("raised").GetProperty("amount").GetInt64();
        lock (_lock)
        {
            _raised = raised;
            if (_awaited is { } awaited && awaited.Total == raised)
            {
                awaited.Seen.TrySetResult();
            }
        }
    }
}
