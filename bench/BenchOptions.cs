using System.Globalization;

namespace Civic.Bench;

/// <summary>Command line of the benchmark.</summary>
public sealed record BenchOptions(int Seconds, int WarmupSeconds, int Concurrency, IReadOnlyList<int> Writers, bool Http, bool VoteDay = true)
{
    /// <summary>The live scenario's WebSocket subscribers; 0 skips it (--no-live).</summary>
    public int LiveSubscribers { get; init; } = 5_000;

    /// <summary>Run the viral-idea scenario (--no-viral-idea skips it).</summary>
    public bool ViralIdea { get; init; } = true;

    /// <summary>Run the 1,000,000-ballot vote's reactivation (--no-large-vote skips it).</summary>
    public bool LargeVote { get; init; } = true;

    /// <summary>Run the vote-day replay over HTTP from another process (--no-vote-day-http skips it).</summary>
    public bool VoteDayHttp { get; init; } = true;

    /// <summary>Run the pledge scenarios: the SQL baseline sweep, grain and grain+rw+mf (--no-pledge skips them).</summary>
    public bool Pledge { get; init; } = true;

    /// <summary>Run the cold-start scenario: wrk against a host process just ready, no warm-up (--no-http-cold skips it).</summary>
    public bool HttpCold { get; init; } = true;

    /// <summary>The names <c>--only</c> takes, one per scenario group the other flags skip.</summary>
    public static readonly IReadOnlyList<string> ScenarioNames = ["pledge", "http", "http-cold", "vote-day", "vote-day-http", "live", "viral-idea", "large-vote"];

    /// <summary>The connection counts the baseline is run at; the fastest one is its figure.</summary>
    public static readonly IReadOnlyList<int> DefaultBaselineConnections = [4, 8, 16, 32, 64, 128, 256];

    public IReadOnlyList<int> BaselineConnections { get; init; } = DefaultBaselineConnections;

    public const string Usage = """
        Usage: dotnet run -c Release --project bench -- [--seconds N] [--warmup N] [--concurrency N] [--writers N[,N...]]
                                                        [--baseline-connections N[,N...]] [--no-http] [--no-vote-day]
                                                        [--live-subscribers N] [--no-live] [--no-viral-idea] [--no-large-vote]
                                                        [--no-vote-day-http] [--no-pledge] [--no-http-cold] [--only NAME[,NAME...]] [--help]
          --seconds N       measured duration of each scenario (default 10)
          --warmup N        warm-up before each measured window (default 2)
          --concurrency N   concurrent callers of the grain scenarios, wrk connections of the HTTP one (default 256)
          --baseline-connections LIST
                            connection counts the SQL baseline is swept over, each caller on its own connection;
                            the fastest is the baseline figure (default 4,8,16,32,64,128,256)
          --writers LIST    LedgerOptions.Writers values to run the grain scenario with, e.g. 1,2,4;
                            the first one is used for the HTTP scenario and the summary line
                            (default: the LedgerOptions default)
          --no-http         skip the GraphQL-over-HTTP scenario (wrk against the ./civic up host, each in its own process)
          --no-http-cold    skip the cold-start scenario (http-cold): wrk, 64 connections and 2 threads, posting pledges to
                            a ./civic up host process from the moment it says ready, no warm-up, in 10 s windows for 60 s
                            and one more (warm) window; prints each window and the first 10 s against the warm one
          --no-vote-day     skip the vote-day scenario (Wrocław 2015 replayed through the vote grain)
          --no-vote-day-http
                            skip vote-day over HTTP (the same ballots as GraphQL castBallot requests from a load
                            generator in another process, 1000 WebSocket subscribers watching the participation)
          --live-subscribers N
                            WebSocket subscribers of the live scenario, all on one campaign (default 5000)
          --no-live         skip the live scenario (subscribers watching a campaign while pledges run)
          --no-viral-idea   skip the viral-idea scenario (supports on one idea, comment pages of a 10,000-comment thread)
          --no-large-vote   skip the large-vote scenario (a 1,000,000-ballot vote reactivated from its snapshot)
          --no-pledge       skip the pledge scenarios (the SQL baseline sweep, grain and grain+rw+mf) and their ratios
          --only LIST       run only the scenarios named, e.g. --only vote-day-http; names: pledge, http, http-cold,
                            vote-day, vote-day-http, live, viral-idea, large-vote (the --no-* flags of the others, in any order)
          --help            print this text
        Environment: CIVIC_BENCH_HOST_DLL=PATH runs the http scenarios' host from PATH (another build of
        Civic.DevHost.dll, e.g. a ReadyToRun publish) instead of the one built beside the benchmark.
        """;

    public static BenchOptions Parse(string[] args, int defaultWriters)
    {
        var seconds = 10;
        var warmup = 2;
        var concurrency = 256;
        IReadOnlyList<int> writers = [defaultWriters];
        var http = true;
        var baseline = DefaultBaselineConnections;
        var voteDay = true;
        var live = 5_000;
        var viralIdea = true;
        var largeVote = true;
        var voteDayHttp = true;
        var pledge = true;
        var httpCold = true;
        IReadOnlyList<string>? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--seconds": seconds = Positive(Value(), "--seconds"); break;
                case "--warmup": warmup = NonNegative(Value(), "--warmup"); break;
                case "--concurrency": concurrency = Positive(Value(), "--concurrency"); break;
                case "--writers":
                    writers = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Positive(v, "--writers"))];
                    if (writers.Count == 0)
                    {
                        throw new ArgumentException("--writers needs at least one value.");
                    }

                    break;
                case "--baseline-connections":
                    baseline = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Positive(v, "--baseline-connections"))];
                    if (baseline.Count == 0)
                    {
                        throw new ArgumentException("--baseline-connections needs at least one value.");
                    }

                    break;
                case "--no-http": http = false; break;
                case "--no-vote-day": voteDay = false; break;
                case "--live-subscribers": live = Positive(Value(), "--live-subscribers"); break;
                case "--no-live": live = 0; break;
                case "--no-viral-idea": viralIdea = false; break;
                case "--no-large-vote": largeVote = false; break;
                case "--no-vote-day-http": voteDayHttp = false; break;
                case "--no-pledge": pledge = false; break;
                case "--no-http-cold": httpCold = false; break;
                case "--only":
                    only = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    if (only.Count == 0 || only.Any(n => !ScenarioNames.Contains(n)))
                    {
                        throw new ArgumentException($"--only takes scenario names among {string.Join(", ", ScenarioNames)}, got '{args[i]}'.");
                    }

                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        if (only is not null)
        {
            pledge &= only.Contains("pledge");
            http &= only.Contains("http");
            httpCold &= only.Contains("http-cold");
            voteDay &= only.Contains("vote-day");
            voteDayHttp &= only.Contains("vote-day-http");
            live = only.Contains("live") ? live : 0;
            viralIdea &= only.Contains("viral-idea");
            largeVote &= only.Contains("large-vote");
        }

        return new BenchOptions(seconds, warmup, concurrency, writers, http, voteDay)
        {
            BaselineConnections = baseline, LiveSubscribers = live, ViralIdea = viralIdea, LargeVote = largeVote, VoteDayHttp = voteDayHttp, Pledge = pledge,
            HttpCold = httpCold,
        };
    }

    private static int Positive(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive integer, got '{value}'.");

    private static int NonNegative(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} must be a non-negative integer, got '{value}'.");
}
