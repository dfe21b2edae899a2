using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Mail;

/// <summary>What the template of a kind may name: its values (from the outbox row) and {{tenant}}; <see cref="Required"/> must appear in its text.</summary>
public sealed record MailKindInfo(string Kind, ImmutableArray<string> Placeholders, ImmutableArray<string> Required);

/// <summary>
/// The rules of mail templates, pure: which kinds and locales exist, which placeholders each kind knows, how a
/// requested locale falls back, and what a template an admin writes must hold.
/// </summary>
public static partial class MailTemplateRules
{
    /// <summary>Placeholder of the tenant's name, known to every kind.</summary>
    public const string Tenant = "tenant";

    /// <summary>The locales Civic writes templates in; the first is the last fallback.</summary>
    public static readonly ImmutableArray<string> Locales = ["fr", "en"];

    /// <summary>A template's subject: one line (placeholders included).</summary>
    public static readonly TextRule Subject = TextRule.Line(200);

    /// <summary>A template's text, from which the plain and the HTML parts are made.</summary>
    public static readonly TextRule Text = TextRule.MultiLine(10_000);

    /// <summary>Each kind of <see cref="MailKinds"/> with its placeholders; every kind carries a link, which its text must print.</summary>
    public static readonly ImmutableDictionary<string, MailKindInfo> Kinds = new[]
    {
        Kind(MailKinds.ConfirmEmail, "link", "name"),
        Kind(MailKinds.AlreadyRegistered, "link", "name", "resetLink"),
        Kind(MailKinds.ResetPassword, "link", "name"),
        Kind(MailKinds.UnlockAccount, "link", "name", "until"),
        Kind(MailKinds.ConfirmEmailChange, "link", "name"),
        Kind(MailKinds.Invitation, "link", "role", "inviter"),
        Kind(MailKinds.ExportReady, "link", "name"),
        Kind(MailKinds.ContentHidden, "link", "name", "what", "reason"),
        Kind(MailKinds.ContentRestored, "link", "name", "what", "reason"),
    }.ToImmutableDictionary(k => k.Kind, StringComparer.Ordinal);

    /// <summary>
    /// The locale a mail is written in: the requested one when Civic writes in it (<c>en-GB</c> is <c>en</c>), else
    /// the tenant's default locale, else French.
    /// </summary>
    public static string ResolveLocale(string? requested, string? tenantLocale) =>
        Known(requested) ?? Known(tenantLocale) ?? Locales[0];

    /// <summary>The kind's placeholders, or VALIDATION when Civic knows no such kind.</summary>
    public static MailKindInfo RequireKind(string? kind) =>
        kind is not null && Kinds.TryGetValue(kind, out var info)
            ? info
            : throw new CivicException(ErrorCodes.Validation, $"kind must be one of {string.Join(", ", Kinds.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>VALIDATION unless <paramref name="locale"/> is one Civic writes templates in (exactly: fr or en).</summary>
    public static string RequireLocale(string? locale) =>
        locale is not null && Locales.Contains(locale)
            ? locale
            : throw new CivicException(ErrorCodes.Validation, $"locale must be one of {string.Join(", ", Locales)}.");

    /// <summary>
    /// Checks a template an admin writes: kind and locale known, subject and text within their bounds, every
    /// placeholder one the kind knows (in both), no stray braces, and the kind's required placeholders in the text.
    /// </summary>
    public static void Validate(SetMailTemplate template)
    {
        var info = RequireKind(template.Kind);
        RequireLocale(template.Locale);
        TextRules.Require("subject", template.Subject, Subject);
        TextRules.Require("text", template.Text, Text);
        CheckPlaceholders("subject", template.Subject, info);
        var used = CheckPlaceholders("text", template.Text, info);
        var missing = info.Required.Where(r => !used.Contains(r)).ToArray();
        if (missing.Length > 0)
        {
            throw new CivicException(ErrorCodes.Validation,
                $"text must hold {string.Join(" and ", missing.Select(m => "{{" + m + "}}"))}: the mail is of no use without it.");
        }
    }

    /// <summary>The names a text's placeholders use, in order; VALIDATION naming the first the kind does not know.</summary>
    public static HashSet<string> CheckPlaceholders(string field, string text, MailKindInfo info)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in Parse(text))
        {
            if (segment.Placeholder is not { } name)
            {
                continue;
            }

            if (!info.Placeholders.Contains(name))
            {
                throw new CivicException(ErrorCodes.Validation,
                    $"{field} names {{{{{TextRules.Truncate(name, 40)}}}}}, which a {info.Kind} mail does not know; it knows {string.Join(" ", info.Placeholders.Select(p => "{{" + p + "}}"))}.");
            }

            used.Add(name);
        }

        return used;
    }

    /// <summary>
    /// A text cut into literal runs and placeholders (<c>{{ name }}</c>, spaces inside allowed). A brace pair that is
    /// not a placeholder (<c>{{</c> without its end, <c>{{ two words }}</c>) is VALIDATION: it would be printed as is.
    /// </summary>
    public static IReadOnlyList<TemplateSegment> Parse(string text)
    {
        var segments = new List<TemplateSegment>();
        var at = 0;
        foreach (Match match in PlaceholderPattern().Matches(text))
        {
            if (match.Index > at)
            {
                segments.Add(Literal(text[at..match.Index]));
            }

            segments.Add(new TemplateSegment(null, match.Groups[1].Value));
            at = match.Index + match.Length;
        }

        if (at < text.Length)
        {
            segments.Add(Literal(text[at..]));
        }

        return segments;
    }

    private static TemplateSegment Literal(string run) =>
        run.Contains("{{", StringComparison.Ordinal) || run.Contains("}}", StringComparison.Ordinal)
            ? throw new CivicException(ErrorCodes.Validation, "placeholders are written {{name}}; the text holds a brace pair that is not one.")
            : new TemplateSegment(run, null);

    private static string? Known(string? locale)
    {
        if (string.IsNullOrEmpty(locale) || locale.Length < 2)
        {
            return null;
        }

        var language = locale[..2].ToLowerInvariant();
        return (locale.Length == 2 || locale[2] is '-' or '_') && Locales.Contains(language) ? language : null;
    }

    private static MailKindInfo Kind(string kind, string link, params string[] others) =>
        new(kind, [link, .. others, Tenant], [link]);

    [GeneratedRegex(@"\{\{\s*([a-zA-Z][a-zA-Z0-9_]{0,39})\s*\}\}")]
    private static partial Regex PlaceholderPattern();
}

/// <summary>A piece of a template: a literal run of text, or the name of a placeholder.</summary>
public sealed record TemplateSegment(string? Literal, string? Placeholder);
