using System.Globalization;
using System.Text.RegularExpressions;
using Civic.Grains.Mail;
using MimeKit;

namespace Civic.Tools.DevHost;

/// <summary>
/// <c>mail [N] [--data DIR]</c>: the last N mails (default 10) that <c>./civic up</c> wrote to DIR/mail, oldest first,
/// each with its time, recipient, kind and subject, then the links it holds (to open a confirmation by hand).
/// </summary>
public static class MailCommand
{
    public const int DefaultCount = 10;

    public static int Run(string[] args)
    {
        var line = new CommandLine(args);
        var data = Path.GetFullPath(line.Get("data") ?? Path.Combine(Environment.CurrentDirectory, ".civic"));
        var count = line.Positional.Count == 0 ? DefaultCount
            : int.TryParse(line.Positional[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw new ArgumentException("mail: N must be a positive number.");
        foreach (var text in MailListing.Lines(Path.Combine(data, "mail"), count))
        {
            Console.WriteLine(text);
        }

        return 0;
    }
}

/// <summary>What <c>./civic mail</c> prints, from the .eml files a directory delivery wrote.</summary>
public static partial class MailListing
{
    /// <summary>The lines for the last <paramref name="count"/> mails of <paramref name="directory"/>, oldest first.</summary>
    public static IReadOnlyList<string> Lines(string directory, int count)
    {
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).TakeLast(count).ToArray()
            : [];
        if (files.Length == 0)
        {
            return [$"No mail in {directory} yet."];
        }

        var lines = new List<string>();
        foreach (var file in files)
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(file);
            }
            catch (FormatException)
            {
                lines.Add($"{Path.GetFileName(file)}: not a readable message");
                continue;
            }

            var to = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
            var kind = message.Headers[MailRenderer.KindHeader] is { Length: > 0 } k ? $"  [{k}]" : "";
            lines.Add($"{message.Date.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z  {to}{kind}  {message.Subject}");
            foreach (var link in Links(message))
            {
                lines.Add("    " + link);
            }
        }

        return lines;
    }

    /// <summary>The http(s) links of the message's text part (or its HTML part when it has no text), each once, in order.</summary>
    public static IReadOnlyList<string> Links(MimeMessage message)
    {
        var text = message.TextBody ?? message.HtmlBody ?? "";
        return [.. LinkPattern().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ')')).Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
