using System.Globalization;

namespace Civic.Bench;

/// <summary>Command line of the benchmark.</summary>
public sealed record BenchOptions(int Seconds, int WarmupSeconds, int Concurrency, IReadOnlyList<int> Writers, bool Http, bool VoteDay = true)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench -- [--seconds N] [--warmup N] [--concurrency N] [--writers N[,N...]] [--no-http] [--no-vote-day]
          --seconds N       measured duration of each scenario (default 10)
          --warmup N        warm-up before each measured window (default 2)
          --concurrency N   concurrent callers (default 256)
          --writers LIST    LedgerOptions.Writers values to run the grain scenario with, e.g. 1,2,4;
                            the first one is used for the HTTP scenario and the summary line
                            (default: the LedgerOptions default)
          --no-http         skip the GraphQL-over-HTTP scenario
          --no-vote-day     skip the vote-day scenario (Wrocław 2015 replayed through the vote grain)
        """;

    public static BenchOptions Parse(string[] args, int defaultWriters)
    {
        var seconds = 10;
        var warmup = 2;
        var concurrency = 256;
        IReadOnlyList<int> writers = [defaultWriters];
        var http = true;
        var voteDay = true;
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
                case "--no-http": http = false; break;
                case "--no-vote-day": voteDay = false; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return new BenchOptions(seconds, warmup, concurrency, writers, http, voteDay);
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
