using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Civic.Grains.Pabulib;

/// <summary>
/// Parses Pabulib <c>.pb</c> text: sections META, PROJECTS, VOTES, each a line with its name then a header row;
/// fields separated by <c>;</c> with CSV quoting (<c>"</c>, doubled inside quotes, newlines allowed in quotes).
/// Throws <see cref="FormatException"/> with a line number on malformed input.
/// </summary>
public static class PbReader
{
    public static PbFile Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));

    public static PbFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var meta = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var projects = ImmutableArray.CreateBuilder<PbProject>();
        var votes = ImmutableArray.CreateBuilder<PbVote>();
        ImmutableArray<string> projectExtra = [];
        ImmutableArray<string> voteExtra = [];
        var hasPoints = false;
        var sectionsSeen = new HashSet<string>(StringComparer.Ordinal);

        string? section = null;
        string[]? header = null;
        int[] extraAt = [];
        int idAt = -1, secondAt = -1, pointsAt = -1;
        var rows = new RowReader(text);
        while (rows.Next(out var row, out var line))
        {
            if (row.Count == 1 && row[0].Length == 0)
            {
                continue;
            }

            if (row.Count == 1 && SectionName(row[0]) is { } name)
            {
                if (!sectionsSeen.Add(name))
                {
                    throw new FormatException($"Line {line}: section {name} appears twice.");
                }

                section = name;
                header = null;
                continue;
            }

            if (section is null)
            {
                throw new FormatException($"Line {line}: data before the first section (META, PROJECTS or VOTES).");
            }

            if (header is null)
            {
                header = [.. row.Select(h => h.Trim())];
                (idAt, secondAt, pointsAt) = section switch
                {
                    "META" => (0, 1, -1),
                    "PROJECTS" => (Column(header, "project_id", line), Column(header, "cost", line), -1),
                    _ => (Column(header, "voter_id", line), Column(header, "vote", line), Array.IndexOf(header, "points")),
                };
                extraAt = [.. Enumerable.Range(0, header.Length).Where(i => i != idAt && i != secondAt && i != pointsAt)];
                if (section == "PROJECTS")
                {
                    projectExtra = [.. extraAt.Select(i => header[i])];
                }
                else if (section == "VOTES")
                {
                    voteExtra = [.. extraAt.Select(i => header[i])];
                    hasPoints = pointsAt >= 0;
                }

                continue;
            }

            if (row.Count > header.Length)
            {
                throw new FormatException($"Line {line}: {row.Count} fields under a header of {header.Length}.");
            }

            string Field(int i) => i < row.Count ? row[i] : "";
            switch (section)
            {
                case "META":
                    meta.Add(new(Field(0).Trim(), Field(1)));
                    break;
                case "PROJECTS":
                    projects.Add(new PbProject(Id(Field(idAt), line), Cost(Field(secondAt), line), [.. extraAt.Select(Field)]));
                    break;
                default:
                    var vote = List(Field(secondAt));
                    var points = pointsAt < 0 ? [] : Points(List(Field(pointsAt)), line);
                    if (pointsAt >= 0 && points.Length != vote.Length)
                    {
                        throw new FormatException($"Line {line}: {vote.Length} projects but {points.Length} points.");
                    }

                    votes.Add(new PbVote(Id(Field(idAt), line), vote, points, [.. extraAt.Select(Field)]));
                    break;
            }
        }

        if (!sectionsSeen.Contains("PROJECTS"))
        {
            throw new FormatException("The file has no PROJECTS section.");
        }

        return new PbFile(meta.ToImmutable(), projectExtra, projects.ToImmutable(), voteExtra, hasPoints, votes.ToImmutable());
    }

    /// <summary>Converts a decimal as written (<c>4000</c>, <c>4000.0</c>, <c>1.5e3</c>) exactly.</summary>
    public static decimal ParseNumber(string text) =>
        decimal.Parse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture);

    private static string? SectionName(string field) => field.Trim().ToUpperInvariant() switch
    {
        "META" => "META",
        "PROJECTS" => "PROJECTS",
        "VOTES" => "VOTES",
        _ => null,
    };

    private static int Column(string[] header, string name, int line)
    {
        var i = Array.IndexOf(header, name);
        return i >= 0 ? i : throw new FormatException($"Line {line}: the header has no '{name}' column.");
    }

    private static string Id(string value, int line)
    {
        var id = value.Trim();
        return id.Length > 0 ? id : throw new FormatException($"Line {line}: an empty id.");
    }

    private static decimal Cost(string value, int line)
    {
        try
        {
            return ParseNumber(value);
        }
        catch (FormatException)
        {
            throw new FormatException($"Line {line}: '{value}' is not a cost.");
        }
    }

    private static ImmutableArray<string> List(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return [];
        }

        var parts = trimmed.Split(',');
        var builder = ImmutableArray.CreateBuilder<string>(parts.Length);
        foreach (var part in parts)
        {
            builder.Add(part.Trim());
        }

        return builder.MoveToImmutable();
    }

    private static ImmutableArray<int> Points(ImmutableArray<string> values, int line)
    {
        var builder = ImmutableArray.CreateBuilder<int>(values.Length);
        foreach (var v in values)
        {
            var number = ParseNumber(v);
            if (number != decimal.Truncate(number) || number < int.MinValue || number > int.MaxValue)
            {
                throw new FormatException($"Line {line}: points '{v}' are not a whole number.");
            }

            builder.Add((int)number);
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Splits text into rows of fields: <c>;</c> separators, <c>"</c> quoting, LF or CRLF line ends.</summary>
    private sealed class RowReader(string text)
    {
        private readonly StringBuilder _field = new();
        private readonly List<string> _row = [];
        private int _pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        private int _line;

        public bool Next(out List<string> row, out int line)
        {
            row = _row;
            line = _line + 1;
            if (_pos >= text.Length)
            {
                return false;
            }

            _row.Clear();
            _field.Clear();
            _line++;
            var quoted = false;
            while (_pos < text.Length)
            {
                var ch = text[_pos++];
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (_pos < text.Length && text[_pos] == '"')
                        {
                            _field.Append('"');
                            _pos++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            _line++;
                        }

                        _field.Append(ch);
                    }
                }
                else if (ch == '"')
                {
                    quoted = true;
                }
                else if (ch == ';')
                {
                    _row.Add(_field.ToString());
                    _field.Clear();
                }
                else if (ch == '\n')
                {
                    break;
                }
                else if (ch != '\r' || (_pos < text.Length && text[_pos] != '\n'))
                {
                    _field.Append(ch);
                }
            }

            if (quoted)
            {
                throw new FormatException($"Line {line}: a quoted field is not closed.");
            }

            _row.Add(_field.ToString());
            return true;
        }
    }
}
