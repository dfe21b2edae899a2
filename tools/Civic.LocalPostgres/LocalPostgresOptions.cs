namespace Civic.Tools.Postgres;

/// <summary>How <see cref="LocalPostgres"/> runs its throw-away or embedded PostgreSQL server.</summary>
public sealed class LocalPostgresOptions
{
    /// <summary>Data directory; null creates a fresh temporary folder that is deleted on dispose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>True keeps fsync on, as in production; false turns fsync, synchronous_commit and full_page_writes off for fast tests.</summary>
    public bool Durable { get; init; } = true;

    /// <summary>Superuser password; null means trust authentication (the server only listens on 127.0.0.1).</summary>
    public string? Password { get; init; }

    public int MaxConnections { get; init; } = 200;

    /// <summary>Directory holding initdb and pg_ctl; null uses <see cref="LocalPostgres.FindBinDirectory"/>.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>OS user the server runs as when this process is root; null uses env CIVIC_PG_USER, then "postgres", then "civic-pg" (created).</summary>
    public string? OsUser { get; init; }

    /// <summary>Superuser name created by initdb.</summary>
    public string SuperUser { get; init; } = "postgres";

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Receives progress lines (commands run, server log on failure).</summary>
    public Action<string>? Log { get; init; }
}
