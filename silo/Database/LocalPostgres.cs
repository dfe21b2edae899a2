using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Civic.Silo.Database;

/// <summary>
/// A PostgreSQL server run from the local binaries: throw-away for tests and the benchmark, or embedded
/// (a kept data directory) for <c>./civic up</c>. Listens on 127.0.0.1 only, with no unix socket; when this
/// process is root the server runs as an unprivileged OS user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed partial class LocalPostgres : IAsyncDisposable
{
    private const string LogFileName = "civic-postgres.log";

    private readonly LocalPostgresOptions _options;
    private readonly string _binDirectory;
    private readonly string? _temporaryRoot;
    private readonly string? _runAsUser;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _running;
    private bool _disposed;

    private LocalPostgres(LocalPostgresOptions options, string binDirectory, string dataDirectory, string? temporaryRoot, string? runAsUser, int port)
    {
        _options = options;
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        _temporaryRoot = temporaryRoot;
        _runAsUser = runAsUser;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string LogFile => Path.Combine(DataDirectory, LogFileName);

    public bool IsTemporary => _temporaryRoot is not null;

    public bool IsRunning => _running;

    /// <summary>Finds initdb/pg_ctl: env CIVIC_PG_BIN, then <c>pg_config --bindir</c>, then the highest /usr/lib/postgresql/*/bin, then PATH.</summary>
    public static string? FindBinDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CIVIC_PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return HasServerBinaries(fromEnv) ? fromEnv : null;
        }

        try
        {
            var (exit, output) = RunProcess("pg_config", ["--bindir"], workingDirectory: null, timeout: TimeSpan.FromSeconds(10));
            var dir = output.Trim();
            if (exit == 0 && HasServerBinaries(dir))
            {
                return dir;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not installed: try the other places.
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var best = Directory.EnumerateDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.Version >= 0 && HasServerBinaries(x.Dir))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault();
            if (best is not null)
            {
                return best;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasServerBinaries);
    }

    /// <summary>Initialises the data directory when needed (an initialised one is reused) and starts the server.</summary>
    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bin = options.BinDirectory ?? FindBinDirectory()
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found. Set CIVIC_PG_BIN to their directory.");
        var runAs = IsRoot() ? ResolveUnprivilegedUser(options.OsUser) : null;

        string? temporaryRoot = null;
        string dataDirectory;
        if (options.DataDirectory is null)
        {
            temporaryRoot = Path.Combine(Path.GetTempPath(), "civic-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(temporaryRoot);
            dataDirectory = Path.Combine(temporaryRoot, "data");
        }
        else
        {
            dataDirectory = Path.GetFullPath(options.DataDirectory);
        }

        var port = options.Port != 0 ? options.Port : FreeLoopbackPort();
        var server = new LocalPostgres(options, bin, dataDirectory, temporaryRoot, runAs, port);
        try
        {
            await server.InitialiseIfNeededAsync(ct);
            await server.StartServerAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connection string for a database of this server.</summary>
    public string ConnectionString(string database = "postgres")
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = _options.SuperUser,
            Database = database,
        };
        if (_options.Password is not null)
        {
            builder.Password = _options.Password;
        }

        return builder.ConnectionString;
    }

    /// <summary>Creates the database when it does not exist yet and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' must match {DatabaseName()}.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                return ConnectionString(name);
            }
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Created concurrently by another caller: the database exists, which is what was asked.
        }

        return ConnectionString(name);
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>) and keeps the data directory.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await StopServerAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts the same server again, on the same port and data directory.</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(ct);
        try
        {
            if (!_running)
            {
                await StartServerAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _gate.WaitAsync();
        try
        {
            await StopServerAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            Log($"stopping PostgreSQL failed: {e.Message}");
        }
        finally
        {
            _gate.Release();
        }

        if (_temporaryRoot is not null)
        {
            try
            {
                Directory.Delete(_temporaryRoot, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log($"could not delete {_temporaryRoot}: {e.Message}");
            }
        }
    }

    private async Task InitialiseIfNeededAsync(CancellationToken ct)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            Log($"reusing PostgreSQL data directory {DataDirectory}");
            EnsureOwnership(DataDirectory);
            return;
        }

        Directory.CreateDirectory(DataDirectory);
        if (_temporaryRoot is not null)
        {
            EnsureOwnership(_temporaryRoot);
        }
        else
        {
            EnsureParentIsReachable();
        }

        EnsureOwnership(DataDirectory);
        var args = new List<string>
        {
            "-D", DataDirectory, "-U", _options.SuperUser, "-E", "UTF8", "--locale=C", "--no-instructions",
        };
        string? passwordFile = null;
        if (_options.Password is not null)
        {
            passwordFile = Path.Combine(Path.GetDirectoryName(DataDirectory)!, $".civic-pw-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(passwordFile, _options.Password + "\n", ct);
            EnsureOwnership(passwordFile);
            args.AddRange(["--pwfile", passwordFile, "--auth-host=scram-sha-256", "--auth-local=scram-sha-256"]);
        }
        else
        {
            args.AddRange(["--auth-host=trust", "--auth-local=trust"]);
        }

        if (!_options.Durable)
        {
            args.Add("--no-sync");
        }

        try
        {
            var (exit, output) = await RunServerToolAsync("initdb", args, ct);
            if (exit != 0)
            {
                throw new InvalidOperationException($"initdb failed (exit {exit}) for {DataDirectory}:\n{output}");
            }
        }
        finally
        {
            if (passwordFile is not null)
            {
                File.Delete(passwordFile);
            }
        }
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        await RemoveStalePidFileAsync(ct);

        var settings = new List<string>
        {
            $"-p {Port}",
            "-c listen_addresses=127.0.0.1",
            "-c unix_socket_directories=''",
            $"-c max_connections={_options.MaxConnections}",
            "-c timezone=UTC",
            "-c log_timezone=UTC",
        };
        if (!_options.Durable)
        {
            settings.AddRange(["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]);
        }

        var (exit, output) = await RunServerToolAsync(
            "pg_ctl",
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", ((int)_options.StartTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", string.Join(' ', settings)],
            ct);
        if (exit != 0)
        {
            throw new InvalidOperationException($"pg_ctl start failed (exit {exit}) for {DataDirectory} on port {Port}:\n{output}\n--- {LogFile} ---\n{ReadLogTail()}");
        }

        _running = true;
        await WaitUntilAcceptingConnectionsAsync(ct);
        Log($"PostgreSQL running on 127.0.0.1:{Port}, data {DataDirectory}");
    }

    private async Task StopServerAsync(CancellationToken ct)
    {
        if (!_running)
        {
            return;
        }

        var (exit, output) = await RunServerToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w"], ct);
        _running = false;
        if (exit != 0)
        {
            throw new InvalidOperationException($"pg_ctl stop failed (exit {exit}) for {DataDirectory}:\n{output}");
        }

        // Pooled connections point at a server that is gone; let callers reconnect cleanly after a restart.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A postmaster.pid left by a crash blocks a start when its pid was reused; a running server is stopped first.</summary>
    private async Task RemoveStalePidFileAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        var (status, _) = await RunServerToolAsync("pg_ctl", ["status", "-D", DataDirectory], ct);
        if (status == 0)
        {
            Log($"a server is already running on {DataDirectory}: stopping it to restart on port {Port}");
            var (exit, output) = await RunServerToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w"], ct);
            if (exit != 0)
            {
                throw new InvalidOperationException($"pg_ctl stop of the server already running on {DataDirectory} failed (exit {exit}):\n{output}");
            }
        }
        else if (File.Exists(pidFile))
        {
            Log($"removing stale {pidFile}");
            File.Delete(pidFile);
        }
    }

    private async Task WaitUntilAcceptingConnectionsAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < _options.StartTimeout)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(ConnectionString()) { Pooling = false, Timeout = 5 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(ct);
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                last = e;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }

        throw new InvalidOperationException(
            $"PostgreSQL on 127.0.0.1:{Port} did not accept connections within {_options.StartTimeout}: {last?.Message}\n--- {LogFile} ---\n{ReadLogTail()}", last);
    }

    private string ReadLogTail()
    {
        try
        {
            if (!File.Exists(LogFile))
            {
                return "(no log file)";
            }

            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var length = stream.Length;
            stream.Seek(Math.Max(0, length - 8000), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})";
        }
    }

    private Task<(int ExitCode, string Output)> RunServerToolAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var exe = Path.Combine(_binDirectory, tool);
        string fileName;
        var argv = new List<string>();
        if (_runAsUser is null)
        {
            fileName = exe;
        }
        else
        {
            fileName = "runuser";
            argv.AddRange(["-u", _runAsUser, "--", exe]);
        }

        argv.AddRange(args);
        Log($"$ {fileName} {string.Join(' ', argv)}");
        return Task.Run(() => RunProcess(fileName, argv, workingDirectory: "/", timeout: _options.StartTimeout + TimeSpan.FromSeconds(30)), ct);
    }

    private void EnsureOwnership(string path)
    {
        if (_runAsUser is null)
        {
            return;
        }

        var (exit, output) = RunProcess("chown", ["-R", $"{_runAsUser}:", path], workingDirectory: null, timeout: TimeSpan.FromMinutes(2));
        if (exit != 0)
        {
            throw new InvalidOperationException($"chown of {path} to {_runAsUser} failed: {output}");
        }

        if (!OperatingSystem.IsWindows() && Directory.Exists(path))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>As root, the server user must be able to reach the data directory: fail early and clearly if a parent is closed to it.</summary>
    private void EnsureParentIsReachable()
    {
        if (_runAsUser is null)
        {
            return;
        }

        var parent = Path.GetDirectoryName(DataDirectory)!;
        var (exit, _) = RunProcess("runuser", ["-u", _runAsUser, "--", "test", "-x", parent], workingDirectory: "/", timeout: TimeSpan.FromSeconds(10));
        if (exit != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL runs as '{_runAsUser}' (this process is root), but that user cannot reach {parent}. " +
                $"Put the data directory where '{_runAsUser}' can traverse every parent folder, or open them (chmod o+x).");
        }
    }

    private void Log(string message) => _options.Log?.Invoke(message);

    private static (int ExitCode, string Output) RunProcess(string fileName, IEnumerable<string> args, string? workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}");
        }

        output.Append(stdout.GetAwaiter().GetResult()).Append(stderr.GetAwaiter().GetResult());
        return (process.ExitCode, output.ToString());
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return false;
        }

        return GetEffectiveUserId() == 0;
    }

    private static string ResolveUnprivilegedUser(string? configured)
    {
        var user = configured ?? Environment.GetEnvironmentVariable("CIVIC_PG_USER");
        user = string.IsNullOrWhiteSpace(user) ? "postgres" : user;
        int exit;
        string output;
        try
        {
            (exit, output) = RunProcess("id", ["-u", user], workingDirectory: null, timeout: TimeSpan.FromSeconds(10));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Running as root: PostgreSQL must run as an unprivileged user, but 'id' is not available to check one.", e);
        }

        if (exit != 0 || output.Trim() == "0")
        {
            throw new InvalidOperationException(
                $"Running as root: PostgreSQL refuses to run as root and the unprivileged OS user '{user}' does not exist. " +
                "Create it (useradd -r postgres) or set CIVIC_PG_USER to an existing non-root user.");
        }

        return user;
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
