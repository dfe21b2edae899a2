using System.Globalization;
using Npgsql;

namespace Civic.Bench;

/// <summary>
/// The CPU time the bench's PostgreSQL server has spent so far: the postmaster and every process it forked
/// (backends, WAL writer, checkpointer...), read from <c>/proc/&lt;pid&gt;/stat</c> (world-readable, whatever user the
/// server runs as). A child's time moves from its own utime+stime into the postmaster's cutime+cstime when it
/// exits and is reaped, so live children plus the postmaster's reaped-children time is continuous across
/// connections that come and go; the delta over a window is the server's CPU in that window. Linux only:
/// elsewhere <see cref="ProcessorTime"/> answers null and the bench prints n/a.
/// </summary>
public sealed class PostgresCpu
{
    private readonly int _postmaster;
    private readonly double _ticksPerSecond;

    private PostgresCpu(int postmaster, double ticksPerSecond)
    {
        _postmaster = postmaster;
        _ticksPerSecond = ticksPerSecond;
    }

    /// <summary>Finds the postmaster behind <paramref name="connectionString"/>: the parent of this session's backend.</summary>
    public static async Task<PostgresCpu?> FindAsync(string connectionString)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return Stat(backend) is { } stat && stat.Parent > 1
            ? new PostgresCpu(stat.Parent, ClockTicksPerSecond())
            : null;
    }

    /// <summary>The server's CPU time so far (user + system), or null when its processes cannot be read.</summary>
    public TimeSpan? ProcessorTime()
    {
        if (Stat(_postmaster) is not { } postmaster)
        {
            return null;
        }

        var ticks = postmaster.Own + postmaster.ReapedChildren;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != _postmaster && Stat(pid) is { } child && child.Parent == _postmaster)
            {
                ticks += child.Own + child.ReapedChildren;
            }
        }

        return TimeSpan.FromSeconds(ticks / _ticksPerSecond);
    }

    private readonly record struct ProcStat(int Parent, long Own, long ReapedChildren);

    /// <summary>Fields 4 (ppid), 14-17 (utime, stime, cutime, cstime) of /proc/pid/stat; the name (field 2) may hold spaces.</summary>
    private static ProcStat? Stat(int pid)
    {
        string line;
        try
        {
            line = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // exited meanwhile: its time is in its parent's cutime now
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }

    /// <summary>USER_HZ: 100 on every Linux this runs on; sysconf is not reachable from managed code without P/Invoke.</summary>
    private static double ClockTicksPerSecond() => 100.0;
}
