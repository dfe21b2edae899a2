using Civic.Grains.Mail;
using Civic.Tools.DevHost;
using MimeKit;

namespace Civic.Tests.Api;

/// <summary>Without SMTP (the embedded default of <c>./civic up</c>) mails become .eml files, and <c>./civic mail</c> lists them.</summary>
[Collection("api-mail-directory")]
public sealed class MailDirectoryMode(MailDirectoryFixture api)
{
    [Fact]
    public async Task Without_smtp_each_mail_is_a_readable_eml_file_and_the_mail_verb_lists_the_last_ones_with_their_links()
    {
        var tenant = await api.NewTenantAsync();
        var recipients = new[] { "ana", "ben", "cleo" }.Select(MailApiFixture.NewRecipient).ToArray();
        for (var i = 0; i < recipients.Length; i++)
        {
            await api.Outbox.EnqueueAsync(tenant, recipients[i], MailKinds.ConfirmEmail, i == 1 ? "en" : "fr",
                new Dictionary<string, string> { ["link"] = $"http://127.0.0.1:5080/confirm?token=t{i}", ["name"] = "N" + i });
        }

        var files = await FilesAsync(recipients.Length);
        Assert.All(files, f => Assert.Matches(@"^\d{8}-\d{9}-\d{10}\.eml$", Path.GetFileName(f)));
        var messages = files.Select(f => MimeMessage.Load(f)).ToArray();
        Assert.Equal(recipients, messages.Select(m => m.To.Mailboxes.Single().Address)); // the names sort as the mails were sent
        Assert.Equal($"Test city {tenant}: confirm your e-mail address", messages[1].Subject);
        Assert.Contains("http://127.0.0.1:5080/confirm?token=t1", messages[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://127.0.0.1:5080/confirm?token=t1\">", messages[1].HtmlBody, StringComparison.Ordinal);

        var lines = MailListing.Lines(api.MailDirectory, 2);
        Assert.Equal(4, lines.Count); // the last two mails, oldest first, each with its one link
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z  " + System.Text.RegularExpressions.Regex.Escape(recipients[1]) + @"  \[confirm-email\]  Test city \w+: confirm your e-mail address$", lines[0]);
        Assert.Equal("    http://127.0.0.1:5080/confirm?token=t1", lines[1]);
        Assert.Contains(recipients[2], lines[2], StringComparison.Ordinal);
        Assert.Contains("confirmez votre adresse e-mail", lines[2], StringComparison.Ordinal);
        Assert.Equal("    http://127.0.0.1:5080/confirm?token=t2", lines[3]);

        Assert.Equal(6, MailListing.Lines(api.MailDirectory, MailCommand.DefaultCount).Count);
    }

    [Fact]
    public void The_mail_verb_says_so_when_there_is_no_mail()
    {
        var empty = Path.Combine(Path.GetTempPath(), "civic-no-mail-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal([$"No mail in {empty} yet."], MailListing.Lines(empty, 10));
    }

    private async Task<string[]> FilesAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var files = Directory.Exists(api.MailDirectory)
                ? Directory.GetFiles(api.MailDirectory, "*.eml").Order(StringComparer.Ordinal).ToArray()
                : [];
            if (files.Length >= count)
            {
                return files;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {count} .eml files in {api.MailDirectory}; {files.Length} written.");
            }

            await Task.Delay(20);
        }
    }
}
