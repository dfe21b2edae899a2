using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;
using static Civic.Tests.Grains.GrainTestData;

namespace Civic.Tests.Faults;

/// <summary>
/// PostgreSQL stopped under a pledge load and started again: every failed attempt is 503 with Retry-After and
/// UNAVAILABLE or OUTCOME_UNKNOWN (never a 500, an empty body or INTERNAL); once the database is back, a retry
/// with the same idempotency key answers the first contribution or records it once; an UNAVAILABLE attempt
/// recorded nothing; totals equal the ledger.
/// </summary>
public sealed class PostgresRestartDuringPledges(OwnPostgresHost host) : IClassFixture<OwnPostgresHost>
{
    private const string Pledge = """
        mutation($input: PledgeInput!) {
          pledge(input: $input) { contribution { id status } replayed }
        }
        """;

    private sealed record Attempt(int Worker, string Key, HttpStatusCode Status, bool RetryAfter, string? Code, string? ContributionId, bool Replayed, string Body);

    [Fact]
    public async Task Pledges_during_a_database_restart_fail_as_retryable_codes_and_their_retries_count_once()
    {
        var tenant = await host.NewTenantAsync();
        string campaign;
        using (var admin = host.Admin(tenant))
        {
            campaign = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: 1_000_000_000)))["createCampaign"]!["id"]!.GetValue<string>();
            await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        }

        var members = Enumerable.Range(0, 8).Select(w => host.Member(tenant, $"w{w}")).ToArray();
        var attempts = new ConcurrentQueue<Attempt>();
        var sent = 0;
        using var stop = new CancellationTokenSource();

        async Task LoadAsync(int worker)
        {
            while (!stop.IsCancellationRequested)
            {
                var key = $"k{Interlocked.Increment(ref sent)}";
                var attempt = await SendAsync(worker, members[worker], campaign, key);
                attempts.Enqueue(attempt);
                if (attempt.ContributionId is null && attempt.Status == HttpStatusCode.ServiceUnavailable)
                {
                    // Pacing, as a client honouring Retry-After would (shortened): the load does not spin on a dead database.
                    await Task.Delay(200);
                }
            }
        }

        var load = Enumerable.Range(0, members.Length).Select(w => Task.Run(() => LoadAsync(w))).ToArray();
        int Acked() => attempts.Count(a => a.ContributionId is not null);
        int Failed() => attempts.Count(a => a.ContributionId is null);
        try
        {
            await EventuallyAsync(() => Task.FromResult(Acked()), n => n >= 40, "pledges to flow");
            await host.StopPostgresAsync();
            var failedAtStop = Failed();
            await EventuallyAsync(() => Task.FromResult(Failed()), n => n >= failedAtStop + 20, "pledges to fail while PostgreSQL is down", TimeSpan.FromSeconds(60));
            await host.StartPostgresAsync();
            var ackedAtStart = Acked();
            await EventuallyAsync(() => Task.FromResult(Acked()), n => n >= ackedAtStart + 40, "pledges to flow again once PostgreSQL is back", TimeSpan.FromSeconds(60));
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(load);
        }

        var all = attempts.ToArray();
        var failures = all.Where(a => a.ContributionId is null).ToArray();
        Assert.NotEmpty(failures);
        Assert.All(failures, a =>
        {
            Assert.True(a.Status == HttpStatusCode.ServiceUnavailable && a.RetryAfter
                && a.Code is ErrorCodes.Unavailable or ErrorCodes.OutcomeUnknown,
                $"{a.Key}: expected 503 with Retry-After and UNAVAILABLE or OUTCOME_UNKNOWN, got {(int)a.Status} {a.Code}: {a.Body}");
        });

        // A client retries every failed key with the same key until it is answered.
        var firstAnswers = all.Where(a => a.ContributionId is not null).ToDictionary(a => a.Key, a => a.ContributionId!);
        var retried = new Dictionary<string, Attempt>();
        foreach (var (key, worker) in failures.Select(a => (a.Key, a.Worker)).Distinct())
        {
            retried[key] = await EventuallyAsync(
                () => SendAsync(worker, members[worker], campaign, key), a => a.ContributionId is not null || a.Code is not (ErrorCodes.Unavailable or ErrorCodes.OutcomeUnknown),
                $"the retry of {key} to be answered");
            Assert.True(retried[key].ContributionId is not null, $"retry of {key}: {retried[key].Body}");
        }

        // The ledger holds exactly one row per key answered, the one its answer named; no row for a key never sent.
        var ledger = await LedgerAsync(campaign);
        foreach (var (key, contribution) in firstAnswers.Concat(retried.Select(r => KeyValuePair.Create(r.Key, r.Value.ContributionId!))))
        {
            Assert.True(ledger.TryGetValue(key, out var row), $"acknowledged {key} is missing from the ledger");
            Assert.Equal(contribution, row);
        }

        Assert.Equal(firstAnswers.Count + retried.Count, ledger.Count);

        // UNAVAILABLE promised that nothing was recorded: a key that only ever failed so is recorded by its retry, not replayed.
        var onlyUnavailable = failures.GroupBy(a => a.Key).Where(g => g.All(a => a.Code == ErrorCodes.Unavailable)).Select(g => g.Key).ToArray();
        Assert.All(onlyUnavailable, key => Assert.False(retried[key].Replayed, $"{key} was UNAVAILABLE, yet its retry replayed a recorded contribution"));

        // Totals equal the ledger, as the grain counts them and as the view does.
        using var reader = host.Member(tenant, "reader");
        var summary = (await reader.OkAsync(Documents.Campaign, new { id = campaign }))["campaign"]!;
        var counted = await PostgresServerFixture.ScalarAsync<long>(host.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_counted_contributions where campaign_id = @c", ("c", campaign));
        Assert.Equal(counted, summary["raised"]!["amount"]!.GetValue<long>());

        foreach (var member in members)
        {
            member.Dispose();
        }
    }

    private static async Task<Attempt> SendAsync(int worker, GraphQLClient client, string campaign, string key)
    {
        using var response = await client.Http.PostAsJsonAsync("/graphql",
            new { query = Pledge, variables = new { input = new { campaignId = campaign, amount = 100, idempotencyKey = key } } });
        var body = await response.Content.ReadAsStringAsync();
        var result = new GraphQLResult(response.StatusCode, body);
        var pledge = result.Data?["pledge"] as JsonObject;
        return new Attempt(worker, key, response.StatusCode, response.Headers.RetryAfter is not null, result.FirstCode,
            pledge?["contribution"]?["id"]?.GetValue<string>(), pledge?["replayed"]?.GetValue<bool>() == true, body);
    }

    private async Task<Dictionary<string, string>> LedgerAsync(string campaign)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select idempotency_key, contribution_id from civic_contributions where campaign_id = @c", connection);
        command.Parameters.AddWithValue("c", campaign);
        var rows = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), reader.GetString(1));
        }

        return rows;
    }
}
