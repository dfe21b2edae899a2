using Civic.Grains.Interfaces;
using Civic.Grains.Mail;
using MimeKit;

namespace Civic.Tests.Domain;

/// <summary>The pure rules of mail: locales and their fallback, what a template must hold, the retry waits, the rendering.</summary>
public sealed class MailTemplateRulesTests
{
    [Theory]
    [InlineData("en", "fr", "en")]
    [InlineData("en-GB", "fr", "en")]
    [InlineData("fr_CA", "en", "fr")]
    [InlineData("de", "en", "en")]
    [InlineData("de", "en-US", "en")]
    [InlineData("de", "de", "fr")]
    [InlineData(null, null, "fr")]
    [InlineData("english", "fr", "fr")]
    [InlineData("", "en", "en")]
    public void A_locale_falls_back_to_the_tenant_locale_then_french(string? requested, string? tenant, string expected) =>
        Assert.Equal(expected, MailTemplateRules.ResolveLocale(requested, tenant));

    [Fact]
    public void Civic_own_templates_obey_the_rules_an_admin_must_follow_in_both_locales()
    {
        foreach (var kind in MailTemplateRules.Kinds.Keys)
        {
            foreach (var locale in MailTemplateRules.Locales)
            {
                var text = MailDefaults.Of(kind, locale);
                Assert.NotNull(text);
                MailTemplateRules.Validate(new SetMailTemplate(kind, locale, text.Subject, text.Text));
            }
        }

        Assert.NotEqual(MailDefaults.Of(MailKinds.ConfirmEmail, "fr")!.Text, MailDefaults.Of(MailKinds.ConfirmEmail, "en")!.Text);
    }

    [Fact]
    public void Every_kind_civic_declares_has_a_template()
    {
        var declared = typeof(MailKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        Assert.Equal(declared.Order(), MailTemplateRules.Kinds.Keys.Order());
    }

    [Fact]
    public void Placeholders_may_have_spaces_inside_and_each_is_named_once_in_the_parse()
    {
        var segments = MailTemplateRules.Parse("a {{ link }} b {{name}}");
        Assert.Equal([null, "link", null, "name"], segments.Select(s => s.Placeholder));
        var error = Assert.Throws<CivicException>(() => MailTemplateRules.Validate(
            new SetMailTemplate(MailKinds.ConfirmEmail, "en", "Hi", "{{link}} {{role}}")));
        Assert.Equal(ErrorCodes.Validation, error.Code);
        Assert.Contains("{{role}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_waits_double_from_the_first_and_stop_at_the_cap()
    {
        var options = new MailOptions { FirstRetryAfter = TimeSpan.FromMinutes(1), MaxRetryAfter = TimeSpan.FromHours(6) };
        Assert.Equal(TimeSpan.FromMinutes(1), MailSender.RetryAfter(1, options));
        Assert.Equal(TimeSpan.FromMinutes(2), MailSender.RetryAfter(2, options));
        Assert.Equal(TimeSpan.FromMinutes(16), MailSender.RetryAfter(5, options));
        Assert.Equal(TimeSpan.FromHours(6), MailSender.RetryAfter(10, options));
        Assert.Equal(TimeSpan.FromHours(6), MailSender.RetryAfter(1_000, options));
    }

    [Fact]
    public void A_value_cannot_add_header_lines_or_markup()
    {
        var mail = new OutgoingMail(7, "demo", "someone@example.org", MailKinds.ConfirmEmail, "en",
            new Dictionary<string, string> { ["link"] = "https://x.example/c?a=1&b=2", ["name"] = "Eve\r\nBcc: all@example.org <b>" }, 1);
        var message = MailRenderer.Render(mail, new TemplateText("Hi {{name}}", "Dear {{name}}\n\n{{link}}"), "en", "Demo & Co",
            new MailboxAddress("Demo", "civic@example.org"), DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain("\n", message.Subject, StringComparison.Ordinal);
        Assert.Empty(message.Bcc);
        Assert.Contains("Eve  Bcc: all@example.org &lt;b&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<p style=\"font-weight: bold;\">Demo &amp; Co</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://x.example/c?a=1&amp;b=2\">https://x.example/c?a=1&amp;b=2</a>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("7", message.Headers[MailRenderer.IdHeader]);
    }

    [Fact]
    public void A_mail_without_its_link_or_with_a_bad_recipient_cannot_be_rendered()
    {
        var template = MailDefaults.Of(MailKinds.ResetPassword, "en")!;
        var from = new MailboxAddress("Demo", "civic@example.org");
        var noLink = new OutgoingMail(1, "demo", "a@example.org", MailKinds.ResetPassword, "en", new Dictionary<string, string> { ["name"] = "A" }, 1);
        Assert.Throws<MailRenderException>(() => MailRenderer.Render(noLink, template, "en", "Demo", from, DateTimeOffset.UnixEpoch));
        var badTo = noLink with { Recipient = "not an address", Values = new Dictionary<string, string> { ["link"] = "https://x.example" } };
        Assert.Throws<MailRenderException>(() => MailRenderer.Render(badTo, template, "en", "Demo", from, DateTimeOffset.UnixEpoch));
    }
}
