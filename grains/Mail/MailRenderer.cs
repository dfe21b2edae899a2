using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Civic.Grains.Interfaces;
using MimeKit;
using MimeKit.Utils;

namespace Civic.Grains.Mail;

/// <summary>One row of the outbox as the sender claimed it.</summary>
public sealed record OutgoingMail(long Id, string Tenant, string Recipient, string Kind, string Locale, IReadOnlyDictionary<string, string> Values, int Attempts);

/// <summary>A mail that cannot be made (a kind without a template, a missing link, a bad address): retrying changes nothing.</summary>
public sealed class MailRenderException(string message) : Exception(message);

/// <summary>
/// Makes the MIME message of a mail from its template, pure: the plain part prints every value as is, the HTML part
/// encodes every literal and every value (a name cannot inject markup) and prints links in full as their own text.
/// </summary>
public static partial class MailRenderer
{
    /// <summary>Headers that tell which outbox row and kind a message is (support, tests, a relay's logs).</summary>
    public const string IdHeader = "X-Civic-Mail";
    public const string KindHeader = "X-Civic-Kind";
    public const string TenantHeader = "X-Civic-Tenant";

    public static MimeMessage Render(OutgoingMail mail, TemplateText template, string locale, string tenantName, MailboxAddress from, DateTimeOffset date)
    {
        var info = MailTemplateRules.Kinds.TryGetValue(mail.Kind, out var known)
            ? known
            : throw new MailRenderException($"no template knows the kind '{mail.Kind}'");
        var values = Values(mail, tenantName, info);
        if (!MailboxAddress.TryParse(mail.Recipient, out var to) || to.Address.IndexOf('@') <= 0)
        {
            throw new MailRenderException("the recipient is not an e-mail address");
        }

        var subject = TextRules.ToLine(Plain(MailTemplateRules.Parse(template.Subject), values)).Trim();
        var segments = MailTemplateRules.Parse(template.Text.Trim());
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        message.Subject = subject;
        message.Date = date;
        message.MessageId = MimeUtils.GenerateMessageId(from.Domain is { Length: > 0 } domain ? domain : "civic.localhost");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(IdHeader, mail.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.Add(KindHeader, mail.Kind);
        message.Headers.Add(TenantHeader, mail.Tenant);
        message.Body = new BodyBuilder
        {
            TextBody = Plain(segments, values) + "\n",
            HtmlBody = Html(segments, values, subject, tenantName, locale),
        }.ToMessageBody();
        return message;
    }

    /// <summary>The text part: literals and values as they are.</summary>
    public static string Plain(IReadOnlyList<TemplateSegment> segments, IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            text.Append(segment.Literal ?? values.GetValueOrDefault(segment.Placeholder!, ""));
        }

        return text.ToString();
    }

    /// <summary>The HTML part: a paragraph per blank-line-separated block, every text encoded, links as anchors showing the full address.</summary>
    public static string Html(IReadOnlyList<TemplateSegment> segments, IReadOnlyDictionary<string, string> values, string subject, string tenantName, string locale)
    {
        var inline = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Literal is { } literal)
            {
                inline.Append(WebUtility.HtmlEncode(literal));
                continue;
            }

            var value = values.GetValueOrDefault(segment.Placeholder!, "");
            var encoded = WebUtility.HtmlEncode(value);
            inline.Append(IsWebLink(value) ? $"<a href=\"{encoded}\">{encoded}</a>" : encoded);
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(WebUtility.HtmlEncode(locale)).Append("\">\n<head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</title></head>\n")
            .Append("<body style=\"font-family: sans-serif; line-height: 1.5; color: #1a1a1a;\">\n")
            .Append("<p style=\"font-weight: bold;\">").Append(WebUtility.HtmlEncode(tenantName)).Append("</p>\n");
        foreach (var paragraph in BlankLines().Split(inline.ToString().Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            if (!string.IsNullOrWhiteSpace(paragraph))
            {
                html.Append("<p>").Append(paragraph.Trim().Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>\n");
            }
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>An absolute http(s) address: the only kind of value the HTML part makes a link of.</summary>
    public static bool IsWebLink(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !value.Any(char.IsWhiteSpace);

    /// <summary>The row's values on one line each, the tenant's name as {{tenant}}; a missing required value cannot be sent.</summary>
    private static Dictionary<string, string> Values(OutgoingMail mail, string tenantName, MailKindInfo info)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mail.Values)
        {
            values[key] = TextRules.ToLine(value ?? "");
        }

        values[MailTemplateRules.Tenant] = TextRules.ToLine(tenantName);
        foreach (var required in info.Required)
        {
            if (string.IsNullOrWhiteSpace(values.GetValueOrDefault(required)))
            {
                throw new MailRenderException($"the {mail.Kind} mail has no {required}");
            }
        }

        return values;
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();
}
