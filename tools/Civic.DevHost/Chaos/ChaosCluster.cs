using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Civic.Tools.DevHost.Chaos;

/// <summary>One Civic process of the chaos cluster (a silo or an API node): started, killed, paused and started again.</summary>
public sealed class ChaosProcess(string name, string dll, int httpPort, IReadOnlyDictionary<string, string> environment, string logDirectory)
{
    private Process? _process;
    private int _starts;

    public string Name { get; } = name;

    public int HttpPort { get; } = httpPort;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{httpPort}/");

    public bool Running => _process is { HasExited: false };

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{HttpPort}");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(Path.Combine(logDirectory, $"{Name}.{++_starts}.log")) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => Write(log, $"-- exited {SafeExitCode(process)}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Lines of the log of the process' latest start that contain <paramref name="text"/> (read once it has ended).</summary>
    public int LinesInLog(string text)
    {
        var path = Path.Combine(logDirectory, $"{Name}.{_starts}.log");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>SIGKILL: the process dies at once, mid-request, as a crashed machine would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: a normal stop (what a rolling restart does); waits for the process to end.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Signal(process.Id, Sigterm);
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>SIGSTOP then, after <paramref name="pause"/>, SIGCONT: a process that stops answering without dying (<paramref name="stopped"/> is told when it stopped).</summary>
    public async Task PauseAsync(TimeSpan pause, Action? stopped = null)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Signal(process.Id, Sigstop);
        stopped?.Invoke();
        await Task.Delay(pause);
        Signal(process.Id, Sigcont);
    }

    /// <summary>Waits up to <paramref name="patience"/> for the process to end by itself; whether it did.</summary>
    public async Task<bool> ExitsWithinAsync(TimeSpan patience)
    {
        if (_process is not { } process)
        {
            return true;
        }

        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; false when <paramref name="patience"/> runs out or the process ended.</summary>
    public async Task<bool> WaitReadyAsync(HttpClient http, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < patience)
        {
            if (!Running)
            {
                return false;
            }

            try
            {
                using var answer = await http.GetAsync(new Uri(BaseAddress, "health/ready"));
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            await Task.Delay(200);
        }

        return false;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private const int Sigterm = 15;
    private const int Sigstop = 19;
    private const int Sigcont = 18;

    private static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SA1300, IDE1006 // the C library's name
    private static extern int kill(int pid, int sig);
#pragma warning restore SA1300, IDE1006

    /// <summary>A TCP port nothing listens on now, on loopback.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
