using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Civic.Tools.DevHost;

namespace Civic.Bench;

/// <summary>The development host in its own process, as <c>./civic up</c> starts it, but on the benchmark's database.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The environment variable naming another Civic.DevHost.dll to run (default: the one beside the bench).</summary>
    public const string HostDllVariable = "CIVIC_BENCH_HOST_DLL";

    public Uri BaseAddress { get; }

    public Uri Endpoint => new(BaseAddress, "/graphql");

    /// <param name="untilSeeded">
    /// Also wait for the host's "Civic is running" line, which it prints once the demo tenant is seeded: /health/ready
    /// may answer before that, and a caller that uses the demo tenant at once must wait for it.
    /// </param>
    public static async Task<HostProcess> StartAsync(string data, string connectionString, int writers, bool untilSeeded = true)
    {
        var port = EmbeddedHost.FreePort();
        // CIVIC_BENCH_HOST_DLL runs another build of the host, e.g. a ReadyToRun publish, to compare its start.
        var dll = Environment.GetEnvironmentVariable(HostDllVariable) is { Length: > 0 } other
            ? Path.GetFullPath(other)
            : Path.Combine(AppContext.BaseDirectory, "Civic.DevHost.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            dll, "up", "--data", data, "--port", port.ToString(CultureInfo.InvariantCulture), "--connection-string", connectionString,
            "--silo-port", EmbeddedHost.FreePort().ToString(CultureInfo.InvariantCulture),
            "--gateway-port", EmbeddedHost.FreePort().ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        // As the in-process scenarios: the host run as production, the ledger writers measured, quiet logs.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in CivicUnderTest.BenchSettings(writers))
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the development host");
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitReadyAsync(untilSeeded);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The host process's peak resident set (VmHWM), in bytes.</summary>
    public long PeakWorkingSet()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15); // SIGTERM: the host stops gracefully, as on Ctrl-C
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    /// <summary>Keeps the last 60 lines the host wrote, to show if it fails.</summary>
    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.TrimStart().StartsWith("Civic is running", StringComparison.Ordinal))
        {
            _running.TrySetResult();
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 60)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>Polls /health/ready, for at most two minutes, until the host answers 200 (and, if asked, has seeded).</summary>
    private async Task WaitReadyAsync(bool untilSeeded)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    if (untilSeeded)
                    {
                        await _running.Task.WaitAsync(TimeSpan.FromMinutes(2) - deadline.Elapsed);
                    }

                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        string tail;
        lock (_tail)
        {
            tail = string.Join('\n', _tail);
        }

        throw new InvalidOperationException($"The development host did not become ready at {BaseAddress} (exited: {_process.HasExited}); its last lines:\n{tail}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
