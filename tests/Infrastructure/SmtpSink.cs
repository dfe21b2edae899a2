using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Civic.Tools.DevHost;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Civic.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port (SmtpServer from NuGet) that keeps every message it receives, for tests
/// that read Civic's mails as a mail server gets them. Its port is fixed when it is made, so a test can stop it
/// (the sender then finds nothing listening) and start it again on the same port.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public int Port { get; } = EmbeddedHost.FreePort();

    public string Host => "127.0.0.1";

    public bool Running => _server is not null;

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    /// <summary>The settings that point a Civic host at this sink (section <c>Mail</c>).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Mail:Smtp:Host", Host),
        new("Mail:Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Mail:Smtp:Security", "None"),
        new("Mail:Smtp:Timeout", "00:00:10"),
        new("Mail:From", "civic@tests.example"),
    ];

    public Task StartAsync()
    {
        if (_server is not null)
        {
            return Task.CompletedTask;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("civic-tests-sink")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(_messages));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
        return WaitListeningAsync();
    }

    /// <summary>Stops listening: a sender's connection is then refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _server.ShutdownTask;
        if (_running is not null)
        {
            await _running;
        }

        _server = null;
        _running = null;
    }

    /// <summary>The messages to <paramref name="recipient"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string recipient) =>
        [.. Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, recipient, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits (polling, at most 30 s) until <paramref name="count"/> messages to <paramref name="recipient"/> arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string recipient, int count = 1, Action? betweenPolls = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var received = To(recipient);
            if (received.Count >= count)
            {
                return received;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {count} mail(s) to {recipient} at the SMTP sink; {received.Count} arrived.");
            }

            betweenPolls?.Invoke();
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream();
            foreach (var segment in buffer)
            {
                await stream.WriteAsync(segment, cancellationToken);
            }

            stream.Position = 0;
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
