using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace Civic.Tools.Postgres;

/// <summary>
/// A PostgreSQL server run from the local binaries: throw-away for tests and the benchmark, or embedded
/// (a kept data directory) for <c>./civic up</c>. Listens on 127.0.0.1 only, with no unix socket; when this
/// process is root the server runs as an unprivileged OS user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
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

    /// <summary>
    /// Finds initdb/pg_ctl: env CIVIC_PG_BIN (which must then be right), then <c>pg_config --bindir</c>, then the
    /// highest /usr/lib/postgresql/*/bin, then PATH; null when there are none.
    /// </summary>
    public static string? FindBinDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CIVIC_PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return HasServerBinaries(fromEnv)
                ? fromEnv
                : throw new InvalidOperationException($"CIVIC_PG_BIN={fromEnv} has no initdb and pg_ctl.");
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

    /// <summary>
    /// <see cref="FindBinDirectory"/>, and when nothing is found installs the Debian package <c>postgresql</c>
    /// (apt-get, through sudo unless this process is root) and stops the cluster the package starts on port 5432:
    /// Civic never uses it, every run starts its own server in its own folder.
    /// </summary>
    public static string FindOrInstallBinDirectory(Action<string>? log = null)
    {
        if (FindBinDirectory() is { } found)
        {
            return found;
        }

        if (!File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) not found and apt-get is not available: install PostgreSQL 15+ and set CIVIC_PG_BIN to its bin folder.");
        }

        log?.Invoke("PostgreSQL server binaries not found: installing the Debian package postgresql");
        RunAsRootOrThrow(["apt-get", "update", "-qq"]);
        RunAsRootOrThrow(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "postgresql"]);
        if (File.Exists("/usr/bin/pg_lsclusters"))
        {
            var (_, clusters) = RunProcess("pg_lsclusters", ["--no-header"], workingDirectory: null, timeout: TimeSpan.FromSeconds(30));
            foreach (var fields in clusters.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                if (fields.Length >= 4 && fields[3] == "online")
                {
                    log?.Invoke($"stopping the package's own cluster {fields[0]}/{fields[1]}");
                    RunAsRoot(["pg_ctlcluster", fields[0], fields[1], "stop"]);
                }
            }
        }

        return FindBinDirectory()
            ?? throw new InvalidOperationException("PostgreSQL was installed but initdb/pg_ctl are still not found; set CIVIC_PG_BIN.");
    }

    /// <summary>
    /// The OS user the server runs as when this process is root (PostgreSQL refuses to run as root): env
    /// CIVIC_PG_USER, else <c>postgres</c>, else the system user <c>civic-pg</c>, created on first use. Null when not root.
    /// </summary>
    public static string? ServerUser(string? configured = null, Action<string>? log = null) =>
        IsRoot() ? ResolveUnprivilegedUser(configured, log) : null;

    /// <summary>Stops the server running on a data directory (<c>pg_ctl stop -m fast</c>); false when none was running.</summary>
    public static async Task<bool> StopRunningAsync(LocalPostgresOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? throw new ArgumentException("Name the data directory to stop.", nameof(options)));
        var bin = options.BinDirectory ?? FindBinDirectory()
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found. Set CIVIC_PG_BIN to their directory.");
        var server = new LocalPostgres(options, bin, dataDirectory, null, ServerUser(options.OsUser), options.Port);
        var (status, _) = await server.RunServerToolAsync("pg_ctl", ["status", "-D", dataDirectory], ct);
        if (status != 0)
        {
            return false;
        }

        var (exit, output) = await server.RunServerToolAsync("pg_ctl", ["stop", "-D", dataDirectory, "-m", "fast", "-w"], ct);
        return exit == 0 ? true : throw new InvalidOperationException($"pg_ctl stop failed (exit {exit}) for {dataDirectory}:\n{output}");
    }

    /// <summary>Initialises the data directory when needed (an initialised one is reused) and starts the server.</summary>
    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bin = options.BinDirectory ?? FindBinDirectory()
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found: ./civic doctor installs them, or set CIVIC_PG_BIN to their directory.");
        var runAs = ServerUser(options.OsUser, options.Log);

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
        if (!IsPlainName(name))
        {
            throw new ArgumentException($"Database name '{name}' must be a-z or _, then a-z, 0-9 or _ (at most 63).", nameof(name));
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
    public Task StopAsync(CancellationToken ct = default) => StopAsync(immediate: false, ct);

    /// <summary>
    /// Stops the server and keeps the data directory; <paramref name="immediate"/> stops it as a crash does
    /// (<c>-m immediate</c>: no checkpoint, connections cut, crash recovery at the next start).
    /// </summary>
    public async Task StopAsync(bool immediate, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await StopServerAsync(ct, immediate ? "immediate" : "fast");
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

    private async Task StopServerAsync(CancellationToken ct, string mode = "fast")
    {
        if (!_running)
        {
            return;
        }

        var (exit, output) = await RunServerToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", mode, "-w"], ct);
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

    private static string ResolveUnprivilegedUser(string? configured, Action<string>? log)
    {
        var user = configured ?? Environment.GetEnvironmentVariable("CIVIC_PG_USER");
        if (!string.IsNullOrWhiteSpace(user))
        {
            return UserExists(user)
                ? user
                : throw new InvalidOperationException($"CIVIC_PG_USER={user} is not an existing non-root OS user.");
        }

        if (UserExists("postgres"))
        {
            return "postgres";
        }

        const string own = "civic-pg";
        if (!UserExists(own))
        {
            log?.Invoke($"creating the system user {own} to run PostgreSQL (it refuses to run as root)");
            var (exit, output) = RunProcess("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", own], workingDirectory: null, timeout: TimeSpan.FromSeconds(30));
            if (exit != 0 && !UserExists(own))
            {
                throw new InvalidOperationException($"Running as root: PostgreSQL must run as an unprivileged user, and creating {own} failed: {output}");
            }
        }

        return own;
    }

    /// <summary>True when the OS user exists and is not root.</summary>
    private static bool UserExists(string user)
    {
        try
        {
            var (exit, output) = RunProcess("id", ["-u", user], workingDirectory: null, timeout: TimeSpan.FromSeconds(10));
            return exit == 0 && output.Trim() != "0";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Running as root: PostgreSQL must run as an unprivileged user, but 'id' is not available to check one.", e);
        }
    }

    /// <summary>
    /// Runs a command as root, through sudo when this process is not root, with this terminal (sudo may ask for a
    /// password); its standard output goes to standard error, so that a caller's standard output stays its result.
    /// </summary>
    private static int RunAsRoot(IReadOnlyList<string> argv)
    {
        var info = new ProcessStartInfo(IsRoot() ? argv[0] : "sudo") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in IsRoot() ? argv.Skip(1) : argv)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data is not null)
                {
                    Console.Error.WriteLine(line.Data);
                }
            };
            process.BeginOutputReadLine();
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{info.FileName} is not available to run: {string.Join(' ', argv)} (this step needs root)", e);
        }
    }

    private static void RunAsRootOrThrow(IReadOnlyList<string> argv)
    {
        var exit = RunAsRoot(argv);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', argv)} failed (exit {exit}).");
        }
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    /// <summary>A plain identifier: a-z or _ first, then a-z, 0-9 or _, at most 63 characters (PostgreSQL's limit).</summary>
    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 63 && (char.IsAsciiLetterLower(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
