using Civic.Grains.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Civic.Grains.Mail;

/// <summary>
/// The silo's mail sender in the background: it sweeps the outbox as soon as <see cref="MailOutbox.Enqueued"/> fires
/// in this process, and otherwise every <see cref="MailOptions.SweepEvery"/> on the <see cref="DomainClock"/> (a test
/// that moves its fake clock triggers the retry sweeps; nothing sleeps). A full batch is followed by another sweep.
/// </summary>
public sealed class MailSenderService(
    MailSender sender, MailOutbox outbox, IOptions<MailOptions> options, DomainClock time,
    IHostApplicationLifetime lifetime, ILogger<MailSenderService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Asks for a sweep now (several calls before it starts make one sweep).</summary>
    public void Wake()
    {
        lock (_wake)
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        outbox.Enqueued += Wake;
        try
        {
            using var timer = time.CreateTimer(_ => Wake(), null, settings.SweepEvery, settings.SweepEvery);

            // Tenants' names come from their grains: wait until the silo is up.
            await WhenStartedAsync(stoppingToken);
            Wake();
            while (true)
            {
                await _wake.WaitAsync(stoppingToken);
                int claimed;
                do
                {
                    claimed = await SweepAsync(stoppingToken);
                }
                while (claimed >= settings.BatchSize && !stoppingToken.IsCancellationRequested);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: rows claimed and not sent yet are tried again once their lease ends.
        }
        finally
        {
            outbox.Enqueued -= Wake;
        }
    }

    private async Task<int> SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await sender.SendDueAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Mail sweep failed; the next one tries again");
            return 0;
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStart = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStop = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }
}
