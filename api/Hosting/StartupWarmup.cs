using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Civic.Api.Tenancy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Civic.Api.Hosting;

/// <summary>
/// Runs the request path of a pledge over this node's own HTTP endpoint once the server listens, before
/// /health/ready says ready (issue 16): the first requests of a fresh node otherwise wait, all together, for the
/// JIT of Kestrel's, the authentication's, the tenant lookup's, GraphQL's (parse, validate, variables, execute) and
/// the serializers' code, which put a second-long stall into the first window. It makes no write: the pledge
/// mutations are anonymous (refused as UNAUTHENTICATED before any grain call), the bearer ones carry a token no key
/// signed (refused by the authentication), and none takes a rate-limit permit (<see cref="IsWarmup"/>).
/// A failed or slow warm-up is logged and the node says ready all the same: it only costs the first callers time.
/// <c>Civic:StartupWarmup=false</c> turns it off (the node then says ready as soon as its server listens).
/// </summary>
public sealed class StartupWarmup(IServer server, IConfiguration configuration, ILogger<StartupWarmup> logger) : IHostedLifecycleService
{
    /// <summary>Rounds of the requests below: enough calls for the tiered JIT to count the hot methods past tier 0.</summary>
    private const int Rounds = 32;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The header that marks this process's own warm-up requests, with a value no one else knows.</summary>
    private const string Header = "X-Civic-Warmup";

    private static readonly string Secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    private const string PledgeDocument = """
        mutation Pledge($input: PledgeInput!) {
          pledge(input: $input) { contribution { id amount { amount currency } } raised { amount } replayed }
        }
        """;

    private volatile bool _completed;

    /// <summary>The warm-up has run (or given up): the node may say ready.</summary>
    public bool Completed => _completed;

    /// <summary>A request this process sent itself to warm up: it takes no rate-limit permit.</summary>
    public static bool IsWarmup(HttpContext context) =>
        context.Request.Headers.TryGetValue(Header, out var value) && value.Count == 1
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value.ToString()), Encoding.ASCII.GetBytes(Secret));

    /// <summary>Runs once the server listens (after every hosted service started); the host's start waits for it.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!configuration.GetValue("Civic:StartupWarmup", true))
            {
                return;
            }

            if (LocalEndpoint() is not { } endpoint)
            {
                logger.LogInformation("No plain HTTP address to warm up on; the node says ready without a warm-up");
                return;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Patience);
            await WarmUpAsync(endpoint, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            logger.LogWarning(ex, "The start-up warm-up did not finish; the node says ready without it");
        }
        finally
        {
            _completed = true;
        }
    }

    private async Task WarmUpAsync(Uri endpoint, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = endpoint, Timeout = Patience };
        http.DefaultRequestHeaders.Add(Header, Secret);
        // A name that cannot be a tenant's: the lookup answers "none" without a grain call and remembers nothing, so the
        // warm-up neither reads a tenant nor caches one as missing (./civic up seeds its demo tenant after the start).
        http.DefaultRequestHeaders.Add(TenantResolver.Header, "-");
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        var unsigned = UnsignedToken();
        var answers = (Anonymous: 0, Unsigned: 0);
        for (var round = 0; round < Rounds; round++)
        {
            // Anonymous: parsed, validated, its variables read and its resolver run, which refuses it (no tenant, no member).
            using (var anonymous = await http.PostAsync("/graphql", Body(round), ct))
            {
                await anonymous.Content.ReadAsStringAsync(ct);
                answers.Anonymous = (int)anonymous.StatusCode;
            }

            // A bearer token no key signed: the authentication reads and refuses it (401) before GraphQL.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Body(round) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", unsigned);
            using var refused = await http.SendAsync(request, ct);
            await refused.Content.ReadAsStringAsync(ct);
            answers.Unsigned = (int)refused.StatusCode;
        }

        logger.LogDebug("Start-up warm-up done: {Rounds} rounds on {Endpoint}, answered {Anonymous} (anonymous) and {Unsigned} (unsigned token)",
            Rounds, endpoint, answers.Anonymous, answers.Unsigned);
    }

    private static StringContent Body(int round) => new(
        "{\"query\":" + System.Text.Json.JsonSerializer.Serialize(PledgeDocument) +
        ",\"variables\":{\"input\":{\"campaignId\":\"warm-up\",\"amount\":100,\"idempotencyKey\":\"warm-up-" + round.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}}}",
        Encoding.UTF8, "application/json");

    /// <summary>A well-formed HS256 JWT whose signature is random bytes.</summary>
    private static string UnsignedToken()
    {
        static string Part(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Part(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        var payload = Part(Encoding.UTF8.GetBytes("{\"sub\":\"warm-up\",\"exp\":4102444800}"));
        return header + "." + payload + "." + Part(RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>The first plain HTTP address the server listens on, a wildcard host read as loopback.</summary>
    private Uri? LocalEndpoint()
    {
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            var binding = BindingAddress.Parse(address);
            if (binding.Scheme != "http" || binding.IsUnixPipe)
            {
                continue;
            }

            var host = binding.Host is "+" or "*" or "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : binding.Host;
            return new Uri($"http://{host}:{binding.Port}/");
        }

        return null;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
