using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Civic.Bench;

/// <summary>
/// wrk, the HTTP load generator the end-to-end scenarios run in its own process (<see cref="WrkScenario"/>,
/// <see cref="ColdStartScenario"/>): finding it, the Lua script that posts the GraphQL <c>pledge</c> mutation and
/// checks each answer, and one run read back from the script's summary line.
/// </summary>
public static class Wrk
{
    private const string PledgeDocument = """
        mutation Pledge($input: PledgeInput!) {
          pledge(input: $input) { contribution { id amount { amount currency } } raised { amount } replayed }
        }
        """;

    /// <summary>The wrk executable on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);

    /// <summary>Runs wrk once for <paramref name="duration"/> with a script of <see cref="PledgeScript"/> and reads back its civic-wrk line.</summary>
    public static async Task<WrkOutcome> RunAsync(string wrk, int threads, int connections, TimeSpan duration, string script, Uri endpoint, string run)
    {
        var info = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", ((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "60s", "-s", script, endpoint.ToString(), "--", run,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {wrk}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        var fields = output.Split('\n').Where(l => l.StartsWith("civic-wrk ", StringComparison.Ordinal))
            .SelectMany(l => l["civic-wrk ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        if (process.ExitCode != 0 || !fields.ContainsKey("acked"))
        {
            throw new InvalidOperationException($"wrk failed (exit {process.ExitCode}):\n{output}\n{await stderr}");
        }

        double Number(string key) => double.Parse(fields[key], CultureInfo.InvariantCulture);
        var bad = (long)Number("bad");
        var socketErrors = (long)Number("socket_errors");
        var firstBad = output.Split('\n').FirstOrDefault(l => l.StartsWith("civic-wrk-first-bad ", StringComparison.Ordinal));
        return new WrkOutcome(
            (long)Number("acked"), (long)Number("acked_sum"), Number("duration_us") / 1e6,
            Number("p50_us") / 1000, Number("p99_us") / 1000, Number("max_us") / 1000,
            bad + socketErrors,
            bad > 0 ? firstBad?["civic-wrk-first-bad ".Length..] : socketErrors > 0 ? $"wrk socket errors: {fields.GetValueOrDefault("socket_detail")}" : null);
    }

    /// <summary>
    /// The wrk script: caller n of each thread pledges as member (n mod callers) with a key unique to the run, the
    /// thread and the request, and the amounts of <see cref="Amounts"/>; each answer must be 200, carry no error,
    /// not be a replay and name an amount, which is summed for the correctness check.
    /// </summary>
    public static string PledgeScript(string tenant, string campaign, IEnumerable<string> tokens) => $$"""
        -- Written by the Civic benchmark (bench/Wrk.cs) for one run; holds the members' tokens for the benchmark's database.
        local tokens = { {{string.Join(", ", tokens.Select(t => "\"" + t + "\""))}} }
        local document = [==[{{JsonSerializer.Serialize(PledgeDocument)}}]==]
        local campaign = "{{campaign}}"
        local tenant = "{{tenant}}"
        local threads = {}
        local created = 0

        function setup(thread)
          thread:set("index", created)
          created = created + 1
          table.insert(threads, thread)
        end

        function init(args)
          run = args[1] or "run"
          n = 0
          acked = 0
          acked_sum = 0
          bad = 0
          first_bad = ""
        end

        function request()
          n = n + 1
          local worker = (n + index) % #tokens
          local amount = 100 + (worker * 7919 + n * 104729) % 9900
          local body = '{"query":' .. document .. ',"variables":{"input":{"campaignId":"' .. campaign .. '","amount":' ..
            string.format("%d", amount) .. ',"idempotencyKey":"' .. run .. "-" .. index .. "-" .. n .. '"' .. string.rep("}", 3)
          return wrk.format("POST", "/graphql", {
            ["Content-Type"] = "application/json",
            ["Accept"] = "application/graphql-response+json",
            ["Authorization"] = "Bearer " .. tokens[worker + 1],
            ["X-Civic-Tenant"] = tenant,
          }, body)
        end

        function response(status, headers, body)
          local amount = body:match('"amount":{"amount":(%d+)')
          if status == 200 and amount and not body:find('"errors"', 1, true) and body:find('"replayed":false', 1, true) then
            acked = acked + 1
            acked_sum = acked_sum + tonumber(amount)
          else
            bad = bad + 1
            if first_bad == "" then first_bad = status .. " " .. body:sub(1, 300):gsub("\n", " ") end
          end
        end

        function done(summary, latency, requests)
          local a, s, b, first = 0, 0, 0, ""
          for _, thread in ipairs(threads) do
            a = a + thread:get("acked")
            s = s + thread:get("acked_sum")
            b = b + thread:get("bad")
            if first == "" then first = thread:get("first_bad") end
          end
          local e = summary.errors
          io.write(string.format("civic-wrk requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d acked=%d acked_sum=%d bad=%d socket_errors=%d socket_detail=connect:%d,read:%d,write:%d,timeout:%d\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max, a, s, b,
            e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
          if first ~= "" then io.write("civic-wrk-first-bad " .. first .. "\n") end
        end
        """;
}

/// <summary>What one wrk run counted: acknowledged pledges and their sum, its duration and latency percentiles, errors.</summary>
public sealed record WrkOutcome(long Acked, long AckedSum, double Seconds, double P50Ms, double P99Ms, double MaxMs, long Errors, string? FirstError);
