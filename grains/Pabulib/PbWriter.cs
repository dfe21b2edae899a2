using System.Globalization;
using System.Text;

namespace Civic.Grains.Pabulib;

/// <summary>
/// Writes a <see cref="PbFile"/> as Pabulib text (LF line ends, UTF-8 without BOM when saved). Columns come out
/// as <c>project_id;cost;extra...</c> and <c>voter_id;vote[;points];extra...</c>; costs are written exactly
/// without trailing zeros (<c>4000.0</c> becomes <c>4000</c>). Voter ids are written as given: pseudonymising
/// them is the caller's job.
/// </summary>
public static class PbWriter
{
    public static void Write(PbFile file, string path) =>
        File.WriteAllText(path, Write(file), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    public static string Write(PbFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sb = new StringBuilder();
        sb.Append("META\nkey;value\n");
        foreach (var pair in file.Meta)
        {
            Row(sb, [pair.Key, pair.Value]);
        }

        sb.Append("PROJECTS\n");
        Row(sb, ["project_id", "cost", .. file.ProjectExtraColumns]);
        foreach (var p in file.Projects)
        {
            Check(p.Extra.Length == file.ProjectExtraColumns.Length, $"Project '{p.Id}' has {p.Extra.Length} extra values for {file.ProjectExtraColumns.Length} columns.");
            Row(sb, [Id(p.Id), FormatNumber(p.Cost), .. p.Extra]);
        }

        sb.Append("VOTES\n");
        Row(sb, file.HasPoints
            ? ["voter_id", "vote", "points", .. file.VoteExtraColumns]
            : ["voter_id", "vote", .. file.VoteExtraColumns]);
        foreach (var v in file.Votes)
        {
            Check(v.Extra.Length == file.VoteExtraColumns.Length, $"Vote '{v.VoterId}' has {v.Extra.Length} extra values for {file.VoteExtraColumns.Length} columns.");
            Check(!file.HasPoints || v.Points.Length == v.Vote.Length, $"Vote '{v.VoterId}' has {v.Points.Length} points for {v.Vote.Length} projects.");
            var vote = string.Join(',', v.Vote.Select(Id));
            if (file.HasPoints)
            {
                Row(sb, [Id(v.VoterId), vote, string.Join(',', v.Points.Select(p => p.ToString(CultureInfo.InvariantCulture))), .. v.Extra]);
            }
            else
            {
                Row(sb, [Id(v.VoterId), vote, .. v.Extra]);
            }
        }

        return sb.ToString();
    }

    /// <summary>An exact decimal without trailing zeros, invariant culture.</summary>
    public static string FormatNumber(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Id(string id)
    {
        Check(id.Length > 0 && id.Trim() == id && !id.Contains(','), $"'{id}' cannot be a Pabulib id (empty, padded or with a comma).");
        return id;
    }

    private static void Row(StringBuilder sb, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(';');
            }

            var f = fields[i];
            if (f.AsSpan().IndexOfAny(";\"\n\r") >= 0)
            {
                sb.Append('"').Append(f.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                sb.Append(f);
            }
        }

        sb.Append('\n');
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
