using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Civic.Tools.DevHost.Chaos;

/// <summary>What the clients saw: every write they were told was recorded, every key they sent, every failed attempt.</summary>
public sealed class ChaosHistory
{
    public ConcurrentDictionary<(string Member, string Key), AckedPledge> Pledges { get; } = new();

    /// <summary>Every (member, idempotency key) a client sent at least once, acknowledged or not.</summary>
    public ConcurrentDictionary<(string Member, string Key), bool> PledgeKeysSent { get; } = new();

    public ConcurrentDictionary<string, bool> Voters { get; } = new();

    public ConcurrentDictionary<string, bool> VotersSent { get; } = new();

    /// <summary>Failed attempts by what the client got: an HTTP status and GraphQL code, or the transport error.</summary>
    public ConcurrentDictionary<string, int> Failures { get; } = new();

    /// <summary>
    /// Every acknowledged write as its client lived it, in seconds from the start of the load: when its first attempt
    /// was sent and when the attempt that was acknowledged answered (retries between). Recoveries are measured from these.
    /// </summary>
    public ConcurrentBag<ChaosWrite> Writes { get; } = [];

    public void Failed(string what) => Failures.AddOrUpdate(what, 1, (_, n) => n + 1);
}

/// <summary>One acknowledged write: its kind (pledge or ballot), when its first attempt was sent and when it was acknowledged.</summary>
public sealed record ChaosWrite(string Kind, double Sent, double Acked);

public sealed record AckedPledge(string ContributionId, long Amount, string Status);

/// <summary>
/// A closed loop of residents pledging and voting through both API nodes, each retrying a failed attempt with the
/// same idempotency key on the other node (as a client behind a load balancer would) until it is acknowledged.
/// </summary>
public sealed class ChaosLoad(IReadOnlyList<Uri> apiNodes, string tenant, string campaignId, string voteId, string optionId,
    Func<string, string> tokenFor, ChaosHistory history, Stopwatch clock)
{
    private const string PledgeDocument =
        "mutation($input: PledgeInput!) { pledge(input: $input) { contribution { id amount { amount } status } replayed } }";

    private const string BallotDocument = "mutation($input: CastBallotInput!) { castBallot(input: $input) { voteId } }";

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), MaxConnectionsPerServer = 256 })
    {
        Timeout = TimeSpan.FromSeconds(40), // longer than Orleans' response timeout: the client sees what the API answers
    };

    /// <summary>Runs <paramref name="pledgers"/> and <paramref name="voters"/> loops until <paramref name="stop"/>, then
    /// finishes the writes in flight (retrying them) until <paramref name="drain"/> passes.</summary>
    public async Task RunAsync(int pledgers, int voters, CancellationToken stop, TimeSpan drain)
    {
        using var drained = new CancellationTokenSource();
        stop.Register(() => drained.CancelAfter(drain));
        var loops = Enumerable.Range(0, pledgers).Select(w => PledgeLoopAsync(w, stop, drained.Token))
            .Concat(Enumerable.Range(0, voters).Select(w => VoteLoopAsync(w, stop, drained.Token)));
        await Task.WhenAll(loops);
    }

    private async Task PledgeLoopAsync(int worker, CancellationToken stop, CancellationToken drained)
    {
        var member = $"chaos-{worker}";
        var token = tokenFor(member);
        for (var seq = 0; !stop.IsCancellationRequested; seq++)
        {
            var key = $"k{worker}-{seq}";
            var amount = 100L + (seq % 50);
            history.PledgeKeysSent[(member, key)] = true;
            var input = new { input = new { campaignId, amount, idempotencyKey = key } };
            var sent = clock.Elapsed.TotalSeconds;
            for (var attempt = 0; !drained.IsCancellationRequested; attempt++)
            {
                var answer = await SendAsync(apiNodes[(worker + attempt) % apiNodes.Count], token, PledgeDocument, input);
                if (answer?["data"]?["pledge"]?["contribution"] is JsonObject contribution)
                {
                    history.Pledges[(member, key)] = new AckedPledge(contribution["id"]!.GetValue<string>(),
                        contribution["amount"]!["amount"]!.GetValue<long>(), contribution["status"]!.GetValue<string>());
                    history.Writes.Add(new ChaosWrite("pledge", sent, clock.Elapsed.TotalSeconds));
                    break;
                }

                await BackOffAsync(attempt, drained);
            }
        }
    }

    private async Task VoteLoopAsync(int worker, CancellationToken stop, CancellationToken drained)
    {
        for (var seq = 0; !stop.IsCancellationRequested; seq++)
        {
            var voter = $"voter-{worker}-{seq}";
            var token = tokenFor(voter);
            history.VotersSent[voter] = true;
            var input = new { input = new { voteId, choices = new[] { optionId } } };
            var failedBefore = false;
            var sent = clock.Elapsed.TotalSeconds;
            for (var attempt = 0; !drained.IsCancellationRequested; attempt++)
            {
                var answer = await SendAsync(apiNodes[(worker + attempt + 1) % apiNodes.Count], token, BallotDocument, input);
                var code = answer?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
                // ALREADY_VOTED after a failed attempt: that attempt was recorded (its answer was lost).
                if (answer?["data"]?["castBallot"] is JsonObject || (failedBefore && code == "ALREADY_VOTED"))
                {
                    history.Voters[voter] = true;
                    history.Writes.Add(new ChaosWrite("ballot", sent, clock.Elapsed.TotalSeconds));
                    break;
                }

                failedBefore = true;
                await BackOffAsync(attempt, drained);
            }
        }
    }

    /// <summary>The answer's JSON when it is one GraphQL can act on; null (and the failure counted) otherwise.</summary>
    private async Task<JsonNode?> SendAsync(Uri node, string token, string query, object variables)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, "graphql"))
            {
                Content = JsonContent.Create(new { query, variables }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("X-Civic-Tenant", tenant);
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            JsonNode? json = null;
            try
            {
                json = body.Length > 0 ? JsonNode.Parse(body) : null;
            }
            catch (System.Text.Json.JsonException)
            {
                // not JSON: counted below by its status
            }

            var code = json?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
            if (json?["data"] is JsonObject data && data.Count > 0 && data.First().Value is not null)
            {
                return json;
            }

            history.Failed($"{(int)response.StatusCode} {code ?? (body.Length == 0 ? "(empty body)" : "(no code)")}");
            return json;
        }
        catch (HttpRequestException e)
        {
            history.Failed($"transport {e.HttpRequestError}");
        }
        catch (TaskCanceledException)
        {
            history.Failed("transport timeout (40 s)");
        }

        return null;
    }

    private static async Task BackOffAsync(int attempt, CancellationToken drained)
    {
        try
        {
            // Retry pacing of a well-behaved client (not a wait for a condition): 50 ms doubling to 1 s.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 << Math.Min(attempt, 5))), drained);
        }
        catch (OperationCanceledException)
        {
            // the drain is over: the caller's loop ends
        }
    }
}
