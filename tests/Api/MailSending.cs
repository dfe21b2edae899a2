using Civic.Grains.Interfaces;
using Civic.Grains.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Civic.Tests.Api;

/// <summary>
/// The silo's mail sender over real SMTP (a sink the fixture starts): what grains enqueue arrives in the right
/// language with its links, escaped in HTML, with the tenant's own template when it wrote one; an SMTP server that
/// is down delays a mail, never loses or doubles it; senders sharing a database send each row once.
/// </summary>
[Collection("api-mail")]
public sealed class MailSending(MailApiFixture api)
{
    private const string Link = "https://demo.civic.example/confirm?token=abc123&next=%2Fvotes";

    [Fact]
    public async Task An_enqueued_mail_arrives_over_smtp_in_french_with_the_tenant_name_and_the_full_link()
    {
        var tenant = await api.NewTenantAsync();
        var to = MailApiFixture.NewRecipient("alice");
        await api.Outbox.EnqueueAsync(tenant, to, MailKinds.ConfirmEmail, "fr", new Dictionary<string, string> { ["link"] = Link, ["name"] = "Alice" });

        var message = Assert.Single(await api.Mail.WaitForAsync(to));
        Assert.Equal($"Test city {tenant} : confirmez votre adresse e-mail", message.Subject);
        Assert.Equal("civic@tests.example", message.From.Mailboxes.Single().Address);
        Assert.Equal($"Test city {tenant}", message.From.Mailboxes.Single().Name);
        Assert.Contains("Bonjour Alice,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(Link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://demo.civic.example/confirm?token=abc123&amp;next=%2Fvotes\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(">https://demo.civic.example/confirm?token=abc123&amp;next=%2Fvotes</a>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(MailKinds.ConfirmEmail, message.Headers[MailRenderer.KindHeader]);

        var row = Assert.Single(await api.RowsWhenAsync(to, r => r.All(x => x.Sent), "the row marked sent"));
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.Error);
    }

    [Fact]
    public async Task A_mail_in_english_uses_the_english_template_and_an_unknown_locale_falls_back_to_the_tenant_locale()
    {
        var tenant = await NewTenantAsync("en");
        var english = MailApiFixture.NewRecipient("bob");
        var german = MailApiFixture.NewRecipient("carl");
        await api.Outbox.EnqueueAsync(tenant, english, MailKinds.ResetPassword, "en-GB", new Dictionary<string, string> { ["link"] = Link, ["name"] = "Bob" });
        await api.Outbox.EnqueueAsync(tenant, german, MailKinds.ResetPassword, "de", new Dictionary<string, string> { ["link"] = Link, ["name"] = "Carl" });

        var first = Assert.Single(await api.Mail.WaitForAsync(english));
        Assert.Equal($"English city {tenant}: choose a new password", first.Subject);
        Assert.Contains("Hello Bob,", first.TextBody, StringComparison.Ordinal);
        Assert.Contains(Link, first.TextBody, StringComparison.Ordinal);

        // No German template: the tenant's own locale (en), not French.
        var second = Assert.Single(await api.Mail.WaitForAsync(german));
        Assert.Equal($"English city {tenant}: choose a new password", second.Subject);

        // A French tenant's mail in an unknown locale is French.
        var french = await api.NewTenantAsync();
        var dora = MailApiFixture.NewRecipient("dora");
        await api.Outbox.EnqueueAsync(french, dora, MailKinds.ResetPassword, "xx", new Dictionary<string, string> { ["link"] = Link, ["name"] = "Dora" });
        Assert.StartsWith("Bonjour Dora", Assert.Single(await api.Mail.WaitForAsync(dora)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_are_html_encoded_in_the_html_part_and_printed_as_is_in_the_text_part()
    {
        var tenant = await api.NewTenantAsync();
        var to = MailApiFixture.NewRecipient("eve");
        const string Name = "<script>alert('x')</script> & \"Eve\"";
        await api.Outbox.EnqueueAsync(tenant, to, MailKinds.ExportReady, "en", new Dictionary<string, string>
        {
            ["link"] = "javascript:alert(1)",
            ["name"] = Name,
        });

        var message = Assert.Single(await api.Mail.WaitForAsync(to));
        Assert.Contains("Hello " + Name + ",", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Eve&quot;", message.HtmlBody, StringComparison.Ordinal);

        // Only http(s) links become anchors: anything else is printed as text.
        Assert.DoesNotContain("href=\"javascript:", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("javascript:alert(1)", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_smtp_is_down_the_mail_waits_and_arrives_exactly_once_after_the_retry_sweep()
    {
        var tenant = await api.NewTenantAsync();
        var to = MailApiFixture.NewRecipient("frank");
        var options = api.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        await api.Mail.StopAsync();
        try
        {
            await api.Outbox.EnqueueAsync(tenant, to, MailKinds.UnlockAccount, "fr", new Dictionary<string, string> { ["link"] = Link, ["name"] = "Frank" });
            var failed = Assert.Single(await api.RowsWhenAsync(to, r => r.Count == 1 && r[0].Error is not null, "the first attempt to fail"));
            Assert.Equal(1, failed.Attempts);
            Assert.False(failed.Sent);
            Assert.Contains("Socket", failed.Error, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await api.Mail.StartAsync();
        }

        // Up again, but nothing is due before the retry wait: sweeps now send nothing.
        api.Clock.Advance(options.SweepEvery);
        await Task.Yield();
        Assert.Empty(api.Mail.To(to));

        // Past the wait, the next sweep (the sender's timer on the business clock) sends it.
        api.Clock.Advance(options.FirstRetryAfter + options.SweepEvery);
        var message = Assert.Single(await api.Mail.WaitForAsync(to));
        Assert.Equal($"Test city {tenant} : votre compte est verrouillé", message.Subject);
        var sent = Assert.Single(await api.RowsWhenAsync(to, r => r.All(x => x.Sent), "the row marked sent"));
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.Error);

        // More sweeps much later: still one mail.
        for (var i = 0; i < 5; i++)
        {
            api.Clock.Advance(options.Lease);
            await api.Services.GetRequiredService<MailSender>().SendDueAsync();
        }

        Assert.Single(api.Mail.To(to));
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_is_tried_a_bounded_number_of_times_with_growing_waits_then_stays_unsent()
    {
        var tenant = await api.NewTenantAsync();
        var to = MailApiFixture.NewRecipient("gus");
        var options = api.Services.GetRequiredService<IOptions<MailOptions>>().Value;

        // No template knows this kind (a grain newer than this silo, say): every attempt fails.
        await api.Outbox.EnqueueAsync(tenant, to, "no-such-kind", "fr", new Dictionary<string, string> { ["link"] = Link });
        var first = Assert.Single(await api.RowsWhenAsync(to, r => r.Count == 1 && r[0].Attempts == 1 && r[0].Error is not null, "the first attempt"));
        Assert.Contains("no-such-kind", first.Error, StringComparison.Ordinal);

        // The second try comes after the first wait, the third only after the doubled one.
        api.Clock.Advance(options.FirstRetryAfter + options.SweepEvery);
        // Failed, not only claimed: a claim moves the next try a lease away, a failure only the retry wait.
        await api.RowsWhenAsync(to, r => r[0].Attempts == 2 && r[0].NextTryAt < api.Clock.GetUtcNow() + options.Lease - TimeSpan.FromMinutes(1), "the second attempt to fail");
        api.Clock.Advance(options.FirstRetryAfter + options.SweepEvery);
        await api.Services.GetRequiredService<MailSender>().SendDueAsync();
        Assert.Equal(2, Assert.Single(await api.RowsAsync(to)).Attempts);
        api.Clock.Advance(options.FirstRetryAfter);
        await api.RowsWhenAsync(to, r => r[0].Attempts == MailApiFixture.MaxAttempts, "the last attempt");

        // Given up: much later it is still unsent, with its error, and no more attempts.
        for (var i = 0; i < 5; i++)
        {
            api.Clock.Advance(options.MaxRetryAfter);
            await api.Services.GetRequiredService<MailSender>().SendDueAsync();
        }

        var last = Assert.Single(await api.RowsAsync(to));
        Assert.Equal(MailApiFixture.MaxAttempts, last.Attempts);
        Assert.False(last.Sent);
        Assert.NotNull(last.Error);
        Assert.Empty(api.Mail.To(to));
    }

    [Fact]
    public async Task Several_senders_on_one_database_send_each_row_once()
    {
        var tenant = await api.NewTenantAsync();

        // Written by an outbox no sender listens to, so that every sender below starts from the same rows.
        var quiet = new MailOutbox(api.Database, api.Services.GetRequiredService<DomainClock>());
        var recipients = Enumerable.Range(0, 40).Select(i => MailApiFixture.NewRecipient("voter" + i)).ToArray();
        foreach (var to in recipients)
        {
            await quiet.EnqueueAsync(tenant, to, MailKinds.ConfirmEmail, "en", new Dictionary<string, string> { ["link"] = Link, ["name"] = "Voter" });
        }

        var settings = api.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        var small = Options.Create(new MailOptions
        {
            Smtp = settings.Smtp,
            From = settings.From,
            BatchSize = 3,
            MaxAttempts = settings.MaxAttempts,
            Lease = settings.Lease,
        });
        var senders = Enumerable.Range(0, 4).Select(_ => ActivatorUtilities.CreateInstance<MailSender>(
            api.Services, small, ActivatorUtilities.CreateInstance<SmtpMailDelivery>(api.Services, small))).ToArray();
        var claims = await Task.WhenAll(senders.Select(async sender =>
        {
            var claimed = 0;
            while (await sender.SendDueAsync() is var n and > 0)
            {
                claimed += n;
            }

            return claimed;
        }));

        foreach (var to in recipients)
        {
            var row = Assert.Single(await api.RowsWhenAsync(to, r => r.All(x => x.Sent), "every row marked sent"));
            Assert.Equal(1, row.Attempts); // claimed once: a second claim would have counted a second attempt
        }

        foreach (var to in recipients)
        {
            Assert.Single(await api.Mail.WaitForAsync(to));
        }

        Assert.Equal(recipients.Length, claims.Sum()); // every row claimed by exactly one of the senders
    }

    private async Task<string> NewTenantAsync(string locale)
    {
        var slug = "t" + Guid.NewGuid().ToString("N")[..10];
        await api.Grains.GetGrain<ITenantGrain>(slug).CreateAsync(
            new CreateTenant("English city " + slug, locale, new Branding("#000000", "#ffffff", null), [TenantModule.Votes], []),
            new Actor(slug, "operator", Role.Operator));
        return slug;
    }
}
