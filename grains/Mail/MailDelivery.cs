using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Civic.Grains.Mail;

/// <summary>Where rendered mails go. A sweep opens one session and sends its batch through it.</summary>
public interface IMailDelivery
{
    /// <summary>Opens a session (an SMTP connection); throws when the server cannot be reached, and every mail of the sweep waits.</summary>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Delivery through an SMTP relay (section <c>Mail:Smtp</c>) with MailKit's client.</summary>
public sealed class SmtpMailDelivery(IOptions<MailOptions> options) : IMailDelivery
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Set Mail:Smtp:Host."), smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }

            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            await client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception)
            {
                // The mails of the session are sent or marked already; a failed QUIT changes none of them.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>
/// Delivery without a mail server (<c>./civic up</c>): one .eml file per mail in <see cref="MailOptions.Directory"/>,
/// named <c>yyyyMMdd-HHmmssfff-ID.eml</c> after the message's date (UTC) and outbox id, so names sort by time.
/// A file is written under a temporary name and then renamed, so a reader never sees half a message.
/// </summary>
public sealed class DirectoryMailDelivery(IOptions<MailOptions> options) : IMailDelivery
{
    public string Directory => options.Value.ResolvedDirectory;

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Task.FromResult<IMailSession>(new Session(Directory));
    }

    /// <summary>The file name of a message: its date and its outbox id (or a random suffix when it has none).</summary>
    public static string FileName(MimeMessage message)
    {
        var id = message.Headers[MailRenderer.IdHeader] is { Length: > 0 } header && long.TryParse(header, out var n)
            ? n.ToString("D10", CultureInfo.InvariantCulture)
            : Guid.NewGuid().ToString("N")[..10];
        return message.Date.UtcDateTime.ToString("yyyyMMdd-HHmmssfff", CultureInfo.InvariantCulture) + "-" + id + ".eml";
    }

    private sealed class Session(string directory) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var path = Path.Combine(directory, FileName(message));
            var partial = path + ".part";
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
