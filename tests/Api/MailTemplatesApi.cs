using Civic.Grains.Mail;

namespace Civic.Tests.Api;

/// <summary>Tenant admins replace Civic's mail templates per kind and locale over GraphQL; the sender then uses theirs.</summary>
[Collection("api-mail")]
public sealed class MailTemplatesApi(MailApiFixture api)
{
    private const string Set = """
        mutation($k: String!, $l: String!, $s: String!, $t: String!) {
          setMailTemplate(kind: $k, locale: $l, subject: $s, text: $t) { kind locale subject text custom placeholders required updatedBy }
        }
        """;
    private const string Reset = "mutation($k: String!, $l: String!) { resetMailTemplate(kind: $k, locale: $l) { kind locale subject custom } }";
    private const string List = "{ mailTemplates { kind locale subject custom } }";
    private const string Link = "https://demo.civic.example/invite?t=xyz";

    [Fact]
    public async Task A_tenant_template_is_used_for_its_kind_and_locale_until_it_is_reset()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var set = (await admin.OkAsync(Set, new
        {
            k = MailKinds.Invitation,
            l = "fr",
            s = "Rejoignez l'équipe de {{ tenant }}",
            t = "{{inviter}} vous propose le rôle {{role}} à {{tenant}}.\n\nAccepter : {{link}}\n\nÀ bientôt !",
        }))["setMailTemplate"]!;
        Assert.True(set["custom"]!.GetValue<bool>());
        Assert.Equal("admin", set["updatedBy"]!.GetValue<string>());
        Assert.Contains("inviter", set["placeholders"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(["link"], set["required"]!.AsArray().Select(p => p!.GetValue<string>()));

        var listed = (await admin.OkAsync(List))["mailTemplates"]!.AsArray();
        Assert.Equal(MailTemplateRules.Kinds.Count * 2, listed.Count);
        var custom = Assert.Single(listed, t => t!["custom"]!.GetValue<bool>())!;
        Assert.Equal((MailKinds.Invitation, "fr"), (custom["kind"]!.GetValue<string>(), custom["locale"]!.GetValue<string>()));

        var to = MailApiFixture.NewRecipient("gina");
        await api.Outbox.EnqueueAsync(tenant, to, MailKinds.Invitation, "fr", new Dictionary<string, string>
        {
            ["link"] = Link, ["role"] = "modérateur", ["inviter"] = "Hélène",
        });
        var message = Assert.Single(await api.Mail.WaitForAsync(to));
        Assert.Equal($"Rejoignez l'équipe de Test city {tenant}", message.Subject);
        Assert.Contains($"Hélène vous propose le rôle modérateur à Test city {tenant}.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Accepter : " + Link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{Link}\">{Link}</a>", message.HtmlBody, StringComparison.Ordinal);

        // The English mail of the same kind keeps Civic's template.
        var english = MailApiFixture.NewRecipient("hugo");
        await api.Outbox.EnqueueAsync(tenant, english, MailKinds.Invitation, "en", new Dictionary<string, string>
        {
            ["link"] = Link, ["role"] = "moderator", ["inviter"] = "Helen",
        });
        Assert.Equal($"Test city {tenant}: Helen invites you", Assert.Single(await api.Mail.WaitForAsync(english)).Subject);

        var reset = (await admin.OkAsync(Reset, new { k = MailKinds.Invitation, l = "fr" }))["resetMailTemplate"]!;
        Assert.False(reset["custom"]!.GetValue<bool>());
        Assert.Equal("{{tenant}} : {{inviter}} vous invite", reset["subject"]!.GetValue<string>());
        var after = MailApiFixture.NewRecipient("ines");
        await api.Outbox.EnqueueAsync(tenant, after, MailKinds.Invitation, "fr", new Dictionary<string, string>
        {
            ["link"] = Link, ["role"] = "modérateur", ["inviter"] = "Hélène",
        });
        Assert.Equal($"Test city {tenant} : Hélène vous invite", Assert.Single(await api.Mail.WaitForAsync(after)).Subject);

        // Another tenant never sees this tenant's templates.
        var other = await api.NewTenantAsync();
        using var otherAdmin = api.Admin(other);
        Assert.DoesNotContain((await otherAdmin.OkAsync(List))["mailTemplates"]!.AsArray(), t => t!["custom"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("confirm-email", "fr", "Bienvenue", "Cliquez : {{link}} {{password}}")] // unknown placeholder
    [InlineData("confirm-email", "fr", "Bienvenue {{who}}", "Cliquez : {{link}}")] // unknown placeholder in the subject
    [InlineData("confirm-email", "fr", "Bienvenue", "Bonjour {{name}}, il n'y a pas de lien.")] // no {{link}}
    [InlineData("confirm-email", "fr", "Bienvenue", "Cliquez : {{link}} {{name")] // a brace pair that is no placeholder
    [InlineData("newsletter", "fr", "Bienvenue", "Cliquez : {{link}}")] // unknown kind
    [InlineData("confirm-email", "de", "Willkommen", "Klicken: {{link}}")] // a locale Civic does not write in
    [InlineData("confirm-email", "fr", "Deux\nlignes", "Cliquez : {{link}}")] // a subject over two lines
    [InlineData("confirm-email", "fr", "Bienvenue", "Nul \u0000 : {{link}}")] // NUL
    public async Task A_template_that_breaks_a_rule_is_refused_with_validation(string kind, string locale, string subject, string text)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var refused = await admin.SendAsync(Set, new { k = kind, l = locale, s = subject, t = text });
        Assert.Equal("VALIDATION", refused.FirstCode);
        Assert.DoesNotContain((await admin.OkAsync(List))["mailTemplates"]!.AsArray(), t => t!["custom"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Texts_over_their_bounds_are_refused()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        Assert.Equal("VALIDATION", (await admin.SendAsync(Set, new { k = "confirm-email", l = "en", s = new string('s', 201), t = "{{link}}" })).FirstCode);
        Assert.Equal("VALIDATION", (await admin.SendAsync(Set, new { k = "confirm-email", l = "en", s = "Hi", t = "{{link}}" + new string('t', 10_000) })).FirstCode);
    }

    [Fact]
    public async Task Only_the_tenant_admins_read_and_change_its_templates()
    {
        var tenant = await api.NewTenantAsync();
        using var member = api.Member(tenant);
        Assert.Equal("FORBIDDEN", (await member.SendAsync(Set, new { k = "confirm-email", l = "en", s = "Hi", t = "{{link}}" })).FirstCode);
        Assert.Equal("FORBIDDEN", (await member.SendAsync(Reset, new { k = "confirm-email", l = "en" })).FirstCode);
        Assert.Equal("FORBIDDEN", (await member.SendAsync(List)).FirstCode);
        using var anonymous = api.Client(tenant, null);
        Assert.Equal("UNAUTHENTICATED", (await anonymous.SendAsync(List)).FirstCode);
    }
}
