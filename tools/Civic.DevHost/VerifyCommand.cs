using System.Globalization;
using Civic.Grains.Interfaces;
using Civic.Grains.Pabulib;
using Civic.Grains.Votes.Counting;

namespace Civic.Tools.DevHost;

/// <summary>
/// <c>verify-pb PATH...</c>: counts each Pabulib file (a folder stands for its <c>.pb</c> files, recursively)
/// with the file's own rule, in-process, and compares with what the file records: the <c>selected</c> column
/// when it has one, else each project's <c>votes</c> and <c>score</c>. One line per file (<c>match</c>,
/// <c>MISMATCH</c> with the differing project ids, or <c>skipped</c> with the reason), then the summary
/// <c>N files, N match, N mismatch, N skipped</c>. Exit code 1 on any mismatch, 2 without a path, else 0.
/// </summary>
public static class VerifyCommand
{
    public enum Outcome
    {
        Match,
        Mismatch,
        Skipped,
    }

    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: verify-pb PATH... (.pb files or folders of them)");
            return 2;
        }

        int files = 0, match = 0, mismatch = 0, skipped = 0;
        foreach (var path in args.SelectMany(Expand))
        {
            files++;
            var (outcome, detail) = File.Exists(path) ? Verify(path) : (Outcome.Skipped, "no such file or folder");
            var word = outcome switch { Outcome.Match => "match", Outcome.Mismatch => "MISMATCH", _ => "skipped" };
            output.WriteLine($"{word} {path}" + (detail.Length > 0 ? ": " + detail : ""));
            match += outcome == Outcome.Match ? 1 : 0;
            mismatch += outcome == Outcome.Mismatch ? 1 : 0;
            skipped += outcome == Outcome.Skipped ? 1 : 0;
        }

        output.WriteLine($"{files} files, {match} match, {mismatch} mismatch, {skipped} skipped");
        return mismatch > 0 ? 1 : 0;
    }

    /// <summary>Counts one file and compares it with what the file records.</summary>
    public static (Outcome Outcome, string Detail) Verify(string path)
    {
        PbFile file;
        PbElection pb;
        CountResult result;
        try
        {
            file = PbReader.Read(path);
            pb = PbElections.From(file);
            result = VoteCounting.Count(pb.Election, pb.Rule);
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException
            or CivicException or IOException or UnauthorizedAccessException)
        {
            return (Outcome.Skipped, ex.Message);
        }

        var rule = PbElections.RuleName(pb.Rule) ?? pb.Rule.ToString();
        if (file.ProjectExtraColumns.Contains("selected", StringComparer.OrdinalIgnoreCase))
        {
            var recorded = file.Projects.Where(p => file.ProjectValue(p, "selected")?.Trim() == "1").Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var counted = result.Selected.ToHashSet(StringComparer.Ordinal);
            var extra = counted.Except(recorded).Order(StringComparer.Ordinal).ToList();
            var missing = recorded.Except(counted).Order(StringComparer.Ordinal).ToList();
            return extra.Count == 0 && missing.Count == 0
                ? (Outcome.Match, $"{rule}, {counted.Count} selected")
                : (Outcome.Mismatch, $"{rule}: counted but not selected by the city [{string.Join(",", extra)}], selected by the city but not counted [{string.Join(",", missing)}]");
        }

        var hasVotes = file.ProjectExtraColumns.Contains("votes", StringComparer.OrdinalIgnoreCase);
        var hasScore = file.ProjectExtraColumns.Contains("score", StringComparer.OrdinalIgnoreCase);
        if (!hasVotes && !hasScore)
        {
            return (Outcome.Skipped, "the file records neither selected projects nor votes or scores");
        }

        var differing = new List<string>();
        foreach (var (project, tally) in file.Projects.Zip(result.Projects))
        {
            var votesDiffer = hasVotes && !Same(file.ProjectValue(project, "votes"), tally.Ballots);
            var scoreDiffer = hasScore && !Same(file.ProjectValue(project, "score"), tally.Score);
            if (votesDiffer || scoreDiffer)
            {
                differing.Add(project.Id);
            }
        }

        return differing.Count == 0
            ? (Outcome.Match, "scores (the file records no selection)")
            : (Outcome.Mismatch, $"scores differ for [{string.Join(",", differing)}]");
    }

    private static bool Same(string? recorded, long counted) =>
        decimal.TryParse(recorded?.Trim(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
        && value == counted;

    private static IEnumerable<string> Expand(string path) => Directory.Exists(path)
        ? Directory.EnumerateFiles(path, "*.pb", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        : [path];
}
